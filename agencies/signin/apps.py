from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SigninConfig(AppConfig):
    name = "agencies.signin"
    label = "signin"
    verbose_name = _("Staff sign-in")
