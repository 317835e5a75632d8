"""The steps after the password: the code (or a recovery code), or, for a user who has no
authenticator yet, its enrolment and the recovery codes shown once."""

from base64 import b32encode
from urllib.parse import urlencode

import django_otp
import qrcode
from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp.plugins.otp_totp.models import TOTPDevice
from qrcode.image.svg import SvgPathImage

from agencies.services import users

from .devices import device_accepting, has_authenticator


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )


def _next_url(request) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("admin:index")


def _page(request, template: str, title: str, **context):
    return render(
        request,
        template,
        {**admin.site.each_context(request), "title": title, "next": _next_url(request), **context},
    )


def _signed_in_only(view):
    """The password step comes first: without it, back to the admin's login."""

    def wrapped(request):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("admin:login"))
        return view(request)

    return never_cache(sensitive_post_parameters("code")(wrapped))


@_signed_in_only
def verify(request):
    user = request.user
    if not has_authenticator(user):
        return redirect(f"{reverse('signin:enrol')}?{urlencode({'next': _next_url(request)})}")
    form = CodeForm(request.POST or None)
    if form.is_valid():
        device = device_accepting(user, form.cleaned_data["code"])
        if device is not None:
            django_otp.login(request, device)
            return HttpResponseRedirect(_next_url(request))
        form.add_error("code", _("This code is wrong or has expired, or was already used."))
    return _page(request, "signin/verify.html", _("Second factor"), form=form)


@_signed_in_only
def enrol(request):
    """Only while the user has no authenticator: replacing one takes a reset by an admin, so a
    stolen password alone cannot enrol the thief's phone over the owner's."""
    user = request.user
    if has_authenticator(user):
        return redirect(f"{reverse('signin:verify')}?{urlencode({'next': _next_url(request)})}")
    device, _created = TOTPDevice.objects.get_or_create(
        user=user, confirmed=False, defaults={"name": "authenticator"}
    )
    form = CodeForm(request.POST or None)
    if form.is_valid():
        if device.verify_token(form.cleaned_data["code"].replace(" ", "")):
            codes = users.confirm_second_factor(user, device)
            django_otp.login(request, device)
            return _page(request, "signin/recovery_codes.html", _("Recovery codes"), codes=codes)
        form.add_error("code", _("This code is wrong or has expired, or was already used."))
    return _page(
        request,
        "signin/enrol.html",
        _("Set up the second factor"),
        form=form,
        qr_svg=qr_svg(device.config_url),
        secret=b32encode(device.bin_key).decode(),
        config_url=device.config_url,
    )


def locked_out(request, original_response=None, credentials=None):
    """django-axes' lock-out response (AXES_LOCKOUT_CALLABLE): the admin's look, in words."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    message = _(
        "Account locked: too many failed sign-in attempts. Try again in %(minutes)d minutes, "
        "or ask your agency admin."
    ) % {"minutes": minutes}
    response = _page(request, "signin/locked_out.html", _("Account locked"), message=message)
    response.status_code = 429
    return response


def qr_svg(text: str) -> str:
    """`text` as a QR code: one SVG path without namespace prefixes or XML declaration, which an
    HTML page draws inline."""
    return qrcode.make(text, image_factory=SvgPathImage).to_string(encoding="unicode")
