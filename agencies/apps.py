from django.apps import AppConfig


class AgenciesConfig(AppConfig):
    name = "agencies"
    verbose_name = "Agencies"

    def ready(self):
        from . import signals  # noqa: F401  (creates role groups for every new agency)
