from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"

    def ready(self):
        from django.contrib.auth.models import Permission

        from . import audit, reference  # noqa: F401 (audit registers its deploy check)
        from .models import User

        post_migrate.connect(reference.after_migrate, dispatch_uid="reference-after-migrate")
        # The case share permissions' ids are cached, who may get notices by e-mail, and API
        # clients with their users' agency groups (the policy's named ids).
        reference.watch(Permission, User, User.groups.through)
