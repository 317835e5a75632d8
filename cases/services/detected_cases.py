"""Detected violations of identified civil servants into cases, and identity linking.

A finding at or above its contest's case threshold, on an account linked to a civil servant,
opens a case for the examining agency of the active regime or joins the civil servant's open
case in the contest, with the captured post as evidence; the case stays readable by the agency
whose feed supplied the post. Findings on unlinked accounts wait until `link_account` (or an
accounts import) links the account, and are attached then.
"""

from collections import Counter

from django.utils import timezone
from django.utils.translation import gettext

from core import audit
from core.actors import system_user
from core.errors import ServiceError

from .. import sharing
from ..codes import TYPICAL_SANCTION, SanctionLevel, ViolationCode
from ..models import (
    Case,
    CaseStatus,
    Contest,
    Evidence,
    Finding,
    Involvement,
    Post,
    Report,
    ShareLevel,
    SocialAccount,
)
from ..notices import notify
from ..policy import can_link_account, require
from .cases import add_involvement, open_case, update_case
from .common import require_choice
from .evidence import add_evidence
from .intake import examining_agency

OPEN_STATUSES = [
    CaseStatus.INTAKE,
    CaseStatus.EXAMINATION,
    CaseStatus.ASSESSMENT,
    CaseStatus.RECOMMENDED,
    CaseStatus.ENFORCEMENT,
]


class CaseRouter:
    """Routes the posts of one detection chunk (or one linking) into cases through the case
    services, as the system. It remembers the cases, shares and beneficiaries it has seen, so
    several posts of one civil servant cost one lookup each."""

    def __init__(self):
        self.system, self.examiner = system_user(), examining_agency()
        self.cases: dict[tuple, Case] = {}
        self.shared: set[tuple] = set()
        self.beneficiaries: set[tuple] = set()

    def case_for(self, post: Post, code: str, owner, contest: Contest) -> tuple[Case, str]:
        """(case, "cases_opened" | "cases_joined") for a violation `code` found in `post`."""
        key = (owner.pk, contest.pk)
        case = (
            self.cases.get(key)
            or Case.objects.filter(
                contest=contest,
                status__in=OPEN_STATUSES,
                involvements__civil_servant=owner,
                involvements__role=Involvement.Role.SUBJECT,
            )
            .order_by("-created_at")
            .first()
        )
        if case is None:
            severe = TYPICAL_SANCTION[code] in (SanctionLevel.HEAVY, SanctionLevel.DISMISSAL)
            case = open_case(
                self.system,
                title=f"{owner.name}: {ViolationCode(code).label}"[:300],
                description=f"Detected in {post.platform}:{post.external_id} {post.url}".strip(),
                violation_codes=[code],
                contest=contest,
                subject=owner,
                severity=Case.Severity.HIGH if severe else Case.Severity.MEDIUM,
                intake_channel=Report.Channel.DETECTION,
                owner_agency=self.examiner,
                source_agency=post.source_agency,
            )  # the "detected" sharing rule shares it
            outcome = "cases_opened"
        else:
            self._share_with_source(case, post.source_agency)
            if code not in case.violation_codes:
                case = update_case(self.system, case, violation_codes=[*case.violation_codes, code])
            outcome = "cases_joined"
        self.cases[key] = case
        self.shared.add((case.pk, post.source_agency_id))
        return case, outcome

    def _share_with_source(self, case: Case, agency) -> None:
        """What the "detected" sharing rule does when a case opens, for a case a post joins."""
        if (case.pk, agency.pk) in self.shared:
            return
        if changes := sharing.apply_shares(case, [(agency, ShareLevel.READ, False)]):
            audit.record(self.system, "case.share_rules.detected", case, changes)
            notify("case.shared", case, [agency])

    def add_captured_post(self, case: Case, post: Post) -> None:
        """The captured record and its SHA-256 as evidence, once per case."""
        if not Evidence.objects.filter(case=case, post=post).exists():
            add_evidence(
                self.system,
                case,
                Evidence.Kind.CAPTURED_POST,
                post=post,
                url=post.url,
                sha256=post.record_sha256,
                description=f"{post.platform}:{post.external_id} as captured",
            )

    def add_beneficiary(self, case: Case, candidate) -> None:
        """The candidate the post favours, once per case."""
        if candidate is None or (case.pk, candidate.pk) in self.beneficiaries:
            return
        self.beneficiaries.add((case.pk, candidate.pk))
        if not case.involvements.filter(candidate=candidate).exists():
            add_involvement(
                self.system, case, Involvement.Role.BENEFICIARY_CANDIDATE, candidate=candidate
            )


def attach_waiting_findings(accounts) -> Counter:
    """Findings that waited for these accounts (now linked): they get their civil servant as
    subject, and those at or above their contest's case threshold open or join a case."""
    counts, owners = Counter(), {a.pk: a.owner for a in accounts}
    waiting = (
        Finding.objects.filter(
            post__author__in=list(owners), case__isnull=True, subject__isnull=True
        )
        .exclude(status=Finding.Status.DISMISSED)
        .select_related("post__source_agency", "contest")
    )
    router = None
    for finding in waiting:
        finding.subject = owners[finding.post.author_id]
        if finding.contest and finding.score >= finding.contest.case_threshold:
            router = router or CaseRouter()
            finding.case, outcome = router.case_for(
                finding.post, finding.violation_code, finding.subject, finding.contest
            )
            finding.agency = finding.case.owner_agency
            router.add_captured_post(finding.case, finding.post)
            audit.record(
                router.system,
                "finding.attach",
                finding,
                {"case": [None, finding.case.reference], "subject": [None, finding.subject.pk]},
            )
            counts[outcome] += 1
        finding.save(update_fields=["subject", "case", "agency", "updated_at"])
        counts["findings_attached"] += 1
    return counts


@audit.atomic
def link_account(
    actor,
    account: SocialAccount,
    civil_servant,
    method: str = "analyst",
    confidence: float | None = None,
) -> SocialAccount:
    """Link an account to the civil servant who runs it; its waiting findings are attached (the
    cases they open or join are opened by the system, for the examining agency)."""
    require(
        can_link_account(actor), gettext("only analysts and above link accounts"), field="account"
    )
    require_choice(method, SocialAccount.LinkMethod, "method")
    if method == SocialAccount.LinkMethod.UNLINKED:
        raise ServiceError(gettext("choose how the account was linked"), field="method")
    if confidence is not None and not 0 <= confidence <= 1:
        raise ServiceError(gettext("confidence must be between 0 and 1"), field="confidence")
    account = SocialAccount.objects.select_for_update().get(pk=account.pk)
    if account.campaign_accounts.exists():
        raise ServiceError(
            gettext("%(account)s is a candidate's campaign account") % {"account": account},
            field="account",
        )
    if account.owner_id not in (None, civil_servant.pk):
        raise ServiceError(
            gettext("%(account)s is already linked to another civil servant")
            % {"account": account},
            field="account",
            code="already_linked",
        )
    before = account.owner_id
    account.owner, account.link_method, account.link_confidence = civil_servant, method, confidence
    account.linked_by, account.linked_at = actor, timezone.now()
    account.save()
    counts = attach_waiting_findings([account])
    audit.record(
        actor,
        "account.link",
        account,
        {"owner": [before, civil_servant.pk], "method": [None, method], **counts},
    )
    return account
