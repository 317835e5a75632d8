from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Agency
from .services import ensure_role_groups


@receiver(post_save, sender=Agency, dispatch_uid="agency-role-groups")
def create_role_groups(sender, instance, raw=False, **kwargs):
    if not raw:
        ensure_role_groups(instance)
