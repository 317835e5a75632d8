"""Evidence with its hash and chain of custody."""

import hashlib
import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext

from core import audit
from core.errors import ServiceError

from ..models import Case, CustodyEntry, Evidence
from ..policy import agency_of, require_visible_case
from .common import require_choice

SHA256 = re.compile(r"^[0-9a-f]{64}$")
# Evidence links are opened by staff: no javascript:, data: or file: addresses.
WEB_URL = URLValidator(schemes=["http", "https"])


def _hash_file(file) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    for chunk in file.chunks():
        digest.update(chunk)
        size += len(chunk)
    file.seek(0)
    return digest.hexdigest(), size


@audit.atomic
def add_evidence(
    actor,
    case: Case,
    kind: str,
    *,
    file=None,
    url="",
    sha256="",
    size=None,
    description="",
    post=None,
) -> Evidence:
    """Attach a file (hashed here; a given hash must match) or a URL with the hash of what was
    captured there. The first custody entry records who captured it."""
    require_visible_case(actor, case, "contribute")
    require_choice(kind, Evidence.Kind, "kind")
    sha256 = (sha256 or "").strip().lower()
    if file is not None:
        computed, size = _hash_file(file)
        if sha256 and sha256 != computed:
            raise ServiceError(
                gettext("sha256 %(given)s does not match the uploaded file (%(computed)s)")
                % {"given": sha256, "computed": computed},
                field="sha256",
                code="hash_mismatch",
            )
        sha256 = computed
    elif not (url or post):
        raise ServiceError(
            gettext("evidence needs a file, a URL or a captured post"),
            field="file",
            code="required",
        )
    if not SHA256.match(sha256):
        raise ServiceError(
            gettext("sha256 must be 64 hexadecimal characters"), field="sha256", code="invalid"
        )
    if url:
        try:
            WEB_URL(url)
        except ValidationError:
            raise ServiceError(
                gettext("url '%(url)s' must be an http:// or https:// address")
                % {"url": url[:100]},
                field="url",
            ) from None
    agency = agency_of(actor) or case.owner_agency
    evidence = Evidence(
        case=case,
        kind=kind,
        url=url,
        post=post,
        sha256=sha256,
        size=size,
        description=description,
        captured_by=actor,
        captured_by_agency=agency,
        captured_at=timezone.now(),
    )
    if file is not None:
        evidence.file.save(getattr(file, "name", "evidence") or "evidence", file, save=False)
    evidence.save()
    CustodyEntry.objects.create(
        evidence=evidence, action=CustodyEntry.Action.CAPTURED, actor=actor, agency=agency
    )
    audit.record(
        actor,
        "case.add_evidence",
        evidence,
        {"kind": [None, kind], "sha256": [None, sha256], "case": [None, case.reference]},
    )
    return evidence
