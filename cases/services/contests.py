"""Contests: creating and changing them and their candidates (the contest import calls this),
their exclusions, and re-running detection over their posts.

Who may is the rule book's (cases/policy.py: can_create_contest, can_change_contest): the
detecting and examining agencies of the active regime, or the contest's owner agency. The
import records the audit event of the batch this runs in, on its job.
"""

import datetime
from collections import Counter

from django.utils.translation import gettext

from core import audit
from core.errors import ServiceError

from .. import jobs
from ..codes import normalize_handle
from ..lexicons import DATES, LISTS
from ..models import CampaignAccount, Candidate, Contest, Job, Post, SocialAccount
from ..policy import agency_of, can_change_contest, can_create_contest, can_start_job, require
from ..tasks import dispatch_chunk
from ..workflow import active_regime


def require_contest_editor(actor, contest: Contest | None) -> None:
    """PermissionDenied unless `actor` may create (`contest` None) or change `contest`."""
    regime = active_regime()
    allowed = (
        can_create_contest(actor, regime)
        if contest is None
        else can_change_contest(actor, contest, regime)
    )
    refused = gettext(
        "only the analysts of the detecting or examining agency, or of the contest's owner "
        "agency, create or change a contest"
    )
    require(allowed, refused, field="contest")


def save_contest(actor, data: dict, region) -> tuple[Contest, Counter]:
    """Create or update the contest `data` describes (the import_contest format, validated);
    returns it with what changed. Call inside a transaction (the import's batch)."""
    counts = Counter()
    contest = Contest.objects.select_for_update().filter(slug=data["slug"]).first()
    require_contest_editor(actor, contest)
    if contest is None:
        contest = Contest(slug=data["slug"], owner_agency=agency_of(actor))
        counts["contests_created"] += 1
    else:
        counts["contests_updated"] += 1
    contest.name, contest.kind, contest.region = data["name"], data["kind"], region
    for key in DATES:
        setattr(contest, key, datetime.date.fromisoformat(data[key]) if data.get(key) else None)
    for key in ("review_threshold", "case_threshold"):
        if data.get(key) is not None:
            setattr(contest, key, data[key])
    contest.exclusions = list(dict.fromkeys([*contest.exclusions, *(data.get("exclusions") or [])]))
    if data.get("epithets") is not None:  # a file without them keeps the ones stored
        contest.epithets = [
            {"phrase": e["phrase"].strip(), "ballot_number": e["ballot_number"],
             "direction": e["direction"]}
            for e in data["epithets"]
        ]  # fmt: skip
    contest.save()
    _save_candidates(contest, data["candidates"], counts)
    return contest, counts


def _save_candidates(contest, candidates, counts) -> None:
    existing = {c.ballot_number: c for c in contest.candidates.all()}
    campaign = {}  # (platform, handle) -> candidate, this contest's only
    for data in candidates:
        fields = {
            "name": data["name"].strip(),
            "running_mate": data.get("running_mate") or "",
            **{key: list(data.get(key) or []) for key in LISTS},
        }
        candidate = existing.pop(data["ballot_number"], None)
        if candidate is None:
            candidate = Candidate.objects.create(
                contest=contest, ballot_number=data["ballot_number"], **fields
            )
            counts["candidates_created"] += 1
        elif any(getattr(candidate, k) != v for k, v in fields.items()):
            Candidate.objects.filter(pk=candidate.pk).update(**fields)
            counts["candidates_updated"] += 1
        for account in data.get("accounts") or []:
            campaign[(account["platform"], normalize_handle(account["handle"]))] = candidate
    _save_campaign_accounts(contest, campaign, counts)
    if existing:
        Candidate.objects.filter(pk__in=[c.pk for c in existing.values()]).delete()
        counts["candidates_removed"] += len(existing)


def _save_campaign_accounts(contest, campaign: dict, counts) -> None:
    """The contest's campaign links become exactly `campaign`; other contests' links to the same
    accounts stay (a candidate who runs again keeps the account in both contests)."""
    links = {link.account_id: link for link in CampaignAccount.objects.filter(contest=contest)}
    for (platform, handle), candidate in campaign.items():
        account, _ = SocialAccount.objects.get_or_create(
            platform=platform, handle=handle, defaults={"display_name": candidate.name}
        )
        link = links.pop(account.pk, None)
        if link is None:
            CampaignAccount.objects.create(contest=contest, candidate=candidate, account=account)
        elif link.candidate_id != candidate.pk:
            CampaignAccount.objects.filter(pk=link.pk).update(candidate=candidate)
        else:
            continue
        counts["campaign_accounts_set"] += 1
    if links:
        CampaignAccount.objects.filter(pk__in=[link.pk for link in links.values()]).delete()
        counts["campaign_accounts_unset"] += len(links)


def run_detection(actor, contest: Contest) -> Job:
    """Evaluate every post of the contest under its current detector version (after its data
    changed, or a new model): the workers skip posts already evaluated under that version."""
    require(can_start_job(actor), gettext("only analysts and above run detection"), field="contest")
    job = jobs.start(
        actor, Job.Kind.DETECTION, agency=agency_of(actor), contest=contest, queued=True
    )
    total = 0
    with audit.atomic():
        ids = Post.objects.filter(contest=contest).order_by("pk").values_list("pk", flat=True)
        for number, chunk in enumerate(jobs.batched(ids.iterator(), jobs.CHUNK)):
            dispatch_chunk(job.pk, number, chunk)
            total += len(chunk)
        jobs.add_total(job, total)
        audit.record(
            actor,
            "detection.run",
            job,
            {"contest": [None, contest.slug], "posts": [None, total]},
            agency=job.agency,
        )
    return jobs.close_input(job, {"posts": total}, [])


@audit.atomic
def add_exclusion(actor, contest: Contest, phrase: str) -> Contest:
    """A phrase analysts dismissed for the contest: a post containing it is never a violation
    (from the next detection run on: the contest's detector version changes)."""
    require_contest_editor(actor, contest)
    phrase = " ".join((phrase or "").lower().split())
    if not phrase:
        raise ServiceError(gettext("an exclusion needs a phrase"), field="phrase", code="required")
    contest = Contest.objects.select_for_update().get(pk=contest.pk)
    if phrase not in contest.exclusions:
        contest.exclusions = [*contest.exclusions, phrase]
        contest.save(update_fields=["exclusions", "updated_at"])
        audit.record(actor, "contest.add_exclusion", contest, {"exclusions": [None, phrase]})
    return contest
