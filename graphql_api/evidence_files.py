"""Evidence files, served only to those the access policy lets see the evidence.

Uploaded files live under MEDIA_ROOT, which is never served as such: MEDIA_URL points here, so
`evidence.file.url` (the admin's link) and `/files/<fileName>` (from GraphQL) both come through
this view. It authenticates as /graphql/ does (an API client's bearer token with the `read`
scope, or a staff session), counts against the same rate limit, and serves a file only when a
piece of evidence the caller may see names it. Anything else, a missing file included, is the
same 404.
"""

import mimetypes
import posixpath
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from cases import policy
from cases.models import Evidence

from . import security
from .auth import Unauthenticated, authenticate_request


@require_safe
def evidence_file(request, name: str):
    try:
        request.caller = authenticate_request(request)
    except Unauthenticated:
        raise Http404 from None
    if "read" not in request.caller.scopes:
        raise Http404
    if (retry_after := security.rate_limited(request.caller.key)) is not None:
        return HttpResponse(status=429, headers={"Retry-After": str(retry_after)})
    evidence = policy.visible(request.caller.user, Evidence.objects.filter(file=name))
    if not evidence.exists():
        raise Http404
    filename = posixpath.basename(name)
    if settings.MEDIA_ACCEL_REDIRECT_PREFIX:
        response = accel_redirect(name)
    else:
        try:
            response = FileResponse(default_storage.open(name, "rb"))
        except (FileNotFoundError, SuspiciousFileOperation):
            raise Http404 from None
    # Always a download: an uploaded HTML or SVG file must never render on this site's origin.
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "private, no-store"
    return response


def accel_redirect(name: str) -> HttpResponse:
    """An empty answer telling the proxy (nginx `internal` location) to send the file itself."""
    try:
        default_storage.path(name)  # refuses a name that would leave MEDIA_ROOT
    except SuspiciousFileOperation:
        raise Http404 from None
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = HttpResponse(content_type=content_type)
    response["X-Accel-Redirect"] = settings.MEDIA_ACCEL_REDIRECT_PREFIX + quote(name)
    return response
