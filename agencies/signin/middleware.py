"""Every staff session ends after STAFF_IDLE_TIMEOUT_MINUTES without a request, and a session
that owes its second factor reaches nothing but the sign-in pages: the admin sends it to the code
(or enrolment) page, and elsewhere (GraphQL, evidence files) it counts as no session at all."""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect
from django.urls import reverse

from .devices import has_authenticator, owes_second_factor

LAST_SEEN_KEY = "signin_last_seen"
# The admin's own pages for signing in and out stay open to a session that owes its code.
OPEN_ADMIN_VIEWS = {"login", "logout"}


class StaffSignInMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and user.is_staff:
            now = time.time()
            last_seen = request.session.get(LAST_SEEN_KEY)
            if last_seen is not None and now - last_seen > settings.STAFF_IDLE_TIMEOUT_MINUTES * 60:
                logout(request)
            else:
                request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or not owes_second_factor(user):
            return None
        match = request.resolver_match
        if match.namespace == "signin":
            return None
        if match.namespace == "admin":
            if match.url_name in OPEN_ADMIN_VIEWS:
                return None
            step = "signin:verify" if has_authenticator(user) else "signin:enrol"
            return redirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")
        request.user = AnonymousUser()
        return None
