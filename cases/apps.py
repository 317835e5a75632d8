from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Cases")

    def ready(self):
        from agencies import policy as agency_rules

        from . import policy

        # A notice about a case is visible only while the case is: the agencies app asks this.
        agency_rules.lend_case_visibility(policy.shared_with)
