from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = "Cases"

    def ready(self):
        from core import reference

        from .models import Regime, RegimeFunction, SharingRule, Transition

        reference.watch(Regime, RegimeFunction, Transition, SharingRule)
