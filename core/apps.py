from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"

    def ready(self):
        from . import audit  # noqa: F401 (registers the audit signing key's deploy check)
