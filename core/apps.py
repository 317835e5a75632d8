from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"

    def ready(self):
        from django.contrib.auth.models import Permission

        from . import reference
        from .models import User

        post_migrate.connect(reference.after_migrate, dispatch_uid="reference-after-migrate")
        # The case share permissions' ids are cached, and who may get notices by e-mail.
        reference.watch(Permission, User)
