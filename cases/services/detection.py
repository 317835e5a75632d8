"""From the detector's verdicts to findings: the write path of detection (cases/tasks.py calls
`evaluate_chunk`), detection re-runs, and the contest's exclusion list.

Per chunk of posts, in one transaction:

- every post gets a PostVerdict under the contest's detector version, inserted first: the
  unique (post, version) pair makes a re-delivered chunk stop before it writes anything twice;
- a violation scoring at least the contest's review threshold becomes a finding. Below the case
  threshold, or on an account not yet linked to a civil servant, the finding waits with the
  examining agency (for review, or for identity linking). Those are most findings, so they are
  bulk-inserted with one audit event for the chunk rather than one per finding: thousands of
  findings a second through the hash-chained trail would serialise every worker on the chain's
  head row;
- at or above the case threshold on a linked account, the post opens or joins a case through
  the case services, one audit event per change (detected_cases.py): these are few.
"""

from collections import Counter

from django.db.models import Exists, OuterRef

from core import audit
from core.actors import system_user

from .. import jobs
from ..bulk import bulk_insert
from ..detection import PostInput
from ..lexicons import detector_for
from ..models import CampaignAccount, Contest, Finding, Job, Post, PostVerdict
from .detected_cases import CaseRouter
from .intake import add_finding, examining_agency


def evaluate_chunk(job_id: int, chunk: int, post_ids: list[int]) -> Counter:
    """Evaluate the job's posts among `post_ids` not yet evaluated under the current version,
    then credit the chunk to its job. The credit has a transaction of its own: a worker never
    holds the audit chain's head and the job row at once, while an import batch takes the job
    row and then the head, so the two cannot deadlock. Should the worker die in between, the
    re-delivered chunk finds its posts evaluated and only credits them."""
    job = Job.objects.select_related("contest").get(pk=job_id)
    detector, version = detector_for(job.contest)
    with audit.atomic():
        counts = _evaluate(job, chunk, post_ids, detector, version)
    jobs.credit_chunk(job_id, chunk, len(post_ids), counts, version)
    return counts


def _evaluate(job: Job, chunk: int, post_ids: list[int], detector, version: str) -> Counter:
    contest, wanted = job.contest, set(post_ids)
    # A range, not an IN list of thousands of ids (slow to send): a chunk's posts were inserted
    # together, so their ids are nearly consecutive; the few others in the range are dropped.
    # Only the columns the detector and the routing read, not the whole captured record.
    low, high = min(post_ids), max(post_ids)
    done = PostVerdict.objects.filter(detector_version=version, post__gte=low, post__lte=high)
    posts = [
        row
        for row in Post.objects.filter(pk__range=(low, high), contest=contest)
        .exclude(pk__in=done.values("post_id"))
        .annotate(campaign=Exists(CampaignAccount.objects.filter(account=OuterRef("author_id"))))
        .values_list(
            "id",
            "author__owner_id",
            "campaign",
            "platform",
            "action",
            "text",
            "author__handle",
            "record__target",
        )
        if row[0] in wanted
    ]
    verdicts = detector.classify_batch(
        [
            PostInput(
                platform,
                action,
                text,
                handle,
                (target or {}).get("text"),
                (target or {}).get("author_handle"),
            )
            for *_, platform, action, text, handle, target in posts
        ]
    )
    bulk_insert(
        PostVerdict,
        [
            {
                "post_id": post_id,
                "detector_version": version,
                "job_id": job.pk,
                "violation": v.violation,
                "category": v.category,
                "score": v.score,
                "rules": v.rules,
            }
            for (post_id, *_), v in zip(posts, verdicts)
        ],
    )
    counts = Counter(evaluated=len(posts), violations=sum(v.violation for v in verdicts))
    if posts:
        if job.kind == Job.Kind.DETECTION:  # re-evaluated: older unreviewed suggestions go
            # The id range as well as the list, as for the posts above: the index is read over
            # one range instead of probed for each of thousands of ids.
            counts["superseded"] = (
                Finding.objects.filter(
                    post__gte=low,
                    post__lte=high,
                    post__in=[p for p, *_ in posts],
                    case__isnull=True,
                    status=Finding.Status.NEW,
                )
                .exclude(detector_version=version)
                .delete()[0]
            )
        counts.update(_findings(contest, version, posts, verdicts))
        audit.record(
            system_user(), "detection.chunk", job, {"chunk": chunk, **counts}, agency=job.agency
        )
    return counts


def _findings(contest: Contest, version: str, posts: list, verdicts: list) -> Counter:
    counts, examiner, waiting, to_case = Counter(), None, [], []
    for (post_id, owner, campaign, *_), verdict in zip(posts, verdicts):
        if not verdict.violation or verdict.score < contest.review_threshold:
            continue
        if campaign:  # a candidate's own account (in any contest): not a civil servant
            continue
        fields = {
            "violation_code": verdict.category,
            "score": verdict.score,
            "explanation": verdict.explanation,
            "detector_version": version,
        }
        if owner and verdict.score >= contest.case_threshold:
            to_case.append((post_id, verdict, fields))
            continue
        examiner = examiner or examining_agency()
        waiting.append(
            {
                "post_id": post_id,
                "contest_id": contest.pk,
                "agency_id": examiner.pk,
                "subject_id": owner,
                **fields,
            }
        )
        counts["for_review" if owner else "waiting_for_link"] += 1
    bulk_insert(Finding, waiting)
    if to_case:
        counts.update(_into_cases(contest, to_case))
    counts["findings"] = len(waiting) + len(to_case)
    return counts


def _into_cases(contest: Contest, to_case: list) -> Counter:
    router, counts = CaseRouter(), Counter()
    full = Post.objects.select_related("source_agency", "author__owner__institution").in_bulk(
        [post_id for post_id, _, _ in to_case]
    )
    candidates = {c.ballot_number: c for c in contest.candidates.all()}
    for post_id, verdict, fields in to_case:
        post = full[post_id]
        owner = post.author.owner
        case, outcome = router.case_for(post, verdict.category, owner, contest)
        add_finding(router.system, case=case, subject=owner, post=post, contest=contest, **fields)
        router.add_captured_post(case, post)
        router.add_beneficiary(case, candidates.get(verdict.candidate_ballot_number))
        counts[outcome] += 1
    return counts
