"""The dataset and the requests of `benchmark_api`.

The dataset is synthetic and written with bulk_create, straight past the services (no audit
events, no notices): it exists to time reads. Its rows are marked (references `BENCH-…`,
institutions `Bench …`), and a re-run tops it up to the asked size instead of starting over.
"""

import datetime
import itertools
import random

from django.db import transaction
from django.utils import timezone

from agencies.models import Agency, Institution
from agencies.services import ensure_role_groups
from cases import models as graph
from cases.codes import ViolationCode
from cases.sharing import LEVEL_CODENAMES, share_permissions
from core.models import Region

BATCH = 2000
REFERENCE_PREFIX = "BENCH-"
CONTEST = "benchmark-pilkada"
# Status of the n-th case, and who owns and holds it at that status (UU 20/2023 routing).
STATUSES = [
    "intake",
    "examination",
    "examination",
    "assessment",
    "assessment",
    "recommended",
    "sanctioned",
    "closed",
    "dismissed",
    "not_proven",
]
FORWARDED = {"assessment", "recommended", "sanctioned", "closed", "not_proven"}

BOARD = """query Board { cases(first: 50) { totalCount pageInfo { hasNextPage endCursor }
  edges { node { id reference title status severity dueAt holderAgency { code }
    institution { name }
    subjects { civilServant { nip name } }
    findings { violationCode score }
    latestEscalation { toAgency { code } dueAt status isOverdue }
    evidenceCount } } } }"""
CASE_BOARD = """query CaseBoard { caseBoard(first: 50) { totalCount pageInfo { hasNextPage endCursor }
  edges { node { id reference title status severity dueAt holderAgencyCode institutionName
    subjects { nip name } findings { violationCode score }
    latestEscalation { toAgencyCode dueAt status isOverdue } evidenceCount } } } }"""
DETAIL = """query Detail($id: ID!) { node(id: $id) { ... on Case { reference title status
    ownerAgency { code } holderAgency { code } institution { name }
    involvements { role name civilServant { nip name } }
    findings { violationCode score } evidence { kind sha256 url }
    escalations { step fromAgency { code } toAgency { code } status dueAt }
    recommendations { proposedSanction addressedPpk { code } } sanctions { level decreeNumber }
    links { kind toCase { reference } } } }
  caseGraph(id: $id, depth: 2) { nodes { id kind label } edges { source target kind label } } }"""
BY_NIP = """query ByNip($nip: String) { civilServants(filter: {nip: $nip}) { edges { node {
    nip name position positionType institution { name ppkAgency { code } } region { name }
    accounts { platform handle }
    involvements { role case { reference status holderAgency { code } } } } } } }"""
STATISTICS = """query Statistics($contest: String) { statistics(groupBy: VIOLATION,
    contest: $contest) {
    total { reported proven sanctioned digital digitalShare }
    rows { key label reported proven sanctioned digital digitalShare } } }"""


def nip(n: int) -> str:
    """A valid, unique NIP for the n-th synthetic civil servant."""
    birth = datetime.date(1965, 1, 1) + datetime.timedelta(days=n % 10_000)
    return (
        f"{birth:%Y%m%d}{birth.year + 25}{birth.month:02d}{1 + n // 10_000 % 2}"
        f"{n // 20_000 % 1000:03d}"
    )


def dataset_size() -> tuple[int, int]:
    return (
        graph.Case.objects.filter(reference__startswith=REFERENCE_PREFIX).count(),
        graph.CivilServant.objects.filter(institution__name__startswith="Bench ").count(),
    )


@transaction.atomic
def seed(cases: int, asn: int) -> None:
    """Top the dataset up to `cases` cases and `asn` civil servants (each subject of two cases)."""
    have_cases, have_asn = dataset_size()
    institutions = _institutions()
    contest, _ = graph.Contest.objects.get_or_create(
        slug=CONTEST, defaults={"name": "Benchmark Pilkada", "kind": "pilkada"}
    )
    _civil_servants(have_asn, asn, institutions)
    subjects = list(
        graph.CivilServant.objects.filter(institution__in=institutions)
        .order_by("pk")
        .select_related("institution__ppk_agency")[: max(cases // 2, 1)]
    )
    if have_cases < cases and subjects:
        _cases(have_cases, cases, subjects, contest, random.Random(have_cases))


def _subject(case, subjects):
    return subjects[int(case.reference[len(REFERENCE_PREFIX) :]) % len(subjects)]


def _institutions() -> list[Institution]:
    regencies = list(Region.objects.filter(level="regency").order_by("code")[:40])
    institutions = []
    for n, region in enumerate(regencies):
        ppk, created = Agency.objects.get_or_create(
            code=f"BENCH-PPK-{n:02d}", defaults={"name": f"Bupati {region.name}", "kind": "ppk"}
        )
        if created:
            ensure_role_groups(ppk)
        institution, _ = Institution.objects.get_or_create(
            name=f"Bench Pemerintah {region.name}",
            defaults={"kind": "regional", "region": region, "ppk_agency": ppk},
        )
        institutions.append(institution)
    return institutions


def _civil_servants(have: int, want: int, institutions) -> None:
    positions = graph.CivilServant.PositionType.values
    taken = set(graph.CivilServant.objects.values_list("nip", flat=True))  # other data too
    numbers = (n for n in itertools.count() if nip(n) not in taken)
    graph.CivilServant.objects.bulk_create(
        (
            graph.CivilServant(
                nip=nip(n),
                name=f"ASN Bench {n}",
                institution=institutions[n % 40],
                region_id=institutions[n % 40].region_id,
                position=f"Jabatan {n % 50}",
                position_type=positions[n % 5],
            )
            for n in itertools.islice(numbers, max(want - have, 0))
        ),
        batch_size=BATCH,
    )


def _cases(first: int, last: int, subjects, contest, rng) -> None:
    agencies = {
        a.code: a for a in Agency.objects.filter(code__in=["BAWASLU", "BKN", "BSSN", "KEMENDAGRI"])
    }
    bawaslu, bkn = agencies["BAWASLU"], agencies["BKN"]
    now, codes = timezone.now(), ViolationCode.values
    new = []
    for n in range(first, last):
        status, subject = STATUSES[n % len(STATUSES)], subjects[n % len(subjects)]
        owner = bkn if status in FORWARDED else bawaslu
        holder = subject.institution.ppk_agency if status == "recommended" else owner
        new.append(
            graph.Case(
                reference=f"{REFERENCE_PREFIX}{n:07d}",
                title=f"Dugaan pelanggaran netralitas {n}",
                owner_agency=owner,
                holder_agency=holder,
                status=status,
                severity=("low", "medium", "high")[n % 3],
                violation_codes=rng.sample(codes, 1 + n % 2),
                contest=contest,
                intake_channel=("social_media", "public_complaint", "detection", "media")[n % 4],
                institution=subject.institution,
                region_id=subject.region_id,
                due_at=now.date() + datetime.timedelta(days=n % 30 - 10) if n % 3 else None,
            )
        )
    graph.Case.objects.bulk_create(new, batch_size=BATCH)
    cases = list(
        graph.Case.objects.filter(reference__in=[c.reference for c in new])
        .order_by("pk")
        .select_related("owner_agency", "institution__ppk_agency")
    )
    _children(cases, subjects, agencies, now)
    _shares(cases, agencies)


def _children(cases, subjects, agencies, now) -> None:
    bawaslu, bkn, bssn = agencies["BAWASLU"], agencies["BKN"], agencies["BSSN"]
    involvements, accounts, evidence, escalations, recommendations, links = [], {}, [], [], [], []
    for n, case in enumerate(cases):
        subject = _subject(case, subjects)
        involvements.append(graph.Involvement(case=case, role="subject", civil_servant=subject))
        if n % 10 == 0:
            involvements.append(
                graph.Involvement(case=case, role="pressuring_party", name=f"Atasan {n}")
            )
        accounts.setdefault(
            subject.pk,
            graph.SocialAccount(
                platform="x", handle=f"bench{subject.nip}", owner=subject, link_method="analyst"
            ),
        )
        evidence.append(
            graph.Evidence(
                case=case,
                kind="url",
                url=f"https://x.test/{case.pk}",
                sha256="0" * 64,
                captured_by_agency=bawaslu,
                captured_at=now,
            )
        )
        if case.owner_agency_id == bkn.pk:
            escalations.append(
                graph.Escalation(
                    case=case,
                    from_agency=bawaslu,
                    to_agency=bkn,
                    step="forward_to_supervisor",
                    sent_at=now,
                    due_at=case.due_at,
                    status="acted",
                )
            )
        if case.status in ("recommended", "sanctioned", "closed"):
            ppk = case.institution.ppk_agency
            escalations.append(
                graph.Escalation(
                    case=case,
                    from_agency=bkn,
                    to_agency=ppk,
                    step="recommend",
                    sent_at=now,
                    due_at=case.due_at,
                    status="open" if case.status == "recommended" else "acted",
                )
            )
            recommendations.append(
                graph.Recommendation(
                    case=case,
                    issuer=bkn,
                    addressed_ppk=ppk,
                    proposed_sanction="heavy",
                    text="Hukuman disiplin berat",
                )
            )
        if n and n % 50 == 0:
            links.append(graph.CaseLink(from_case=case, to_case=cases[n - 1], kind="related"))
    graph.Involvement.objects.bulk_create(involvements, batch_size=BATCH)
    existing = set(
        graph.SocialAccount.objects.filter(owner__in=accounts).values_list("owner_id", flat=True)
    )
    graph.SocialAccount.objects.bulk_create(
        [a for pk, a in accounts.items() if pk not in existing], batch_size=BATCH
    )
    account_of = dict(
        graph.SocialAccount.objects.filter(owner__in=accounts).values_list("owner_id", "pk")
    )
    graph.Evidence.objects.bulk_create(evidence, batch_size=BATCH)
    graph.Escalation.objects.bulk_create(escalations, batch_size=BATCH)
    graph.Recommendation.objects.bulk_create(recommendations, batch_size=BATCH)
    graph.CaseLink.objects.bulk_create(links, batch_size=BATCH)
    _digital(cases, subjects, account_of, bssn, now)
    graph.Sanction.objects.bulk_create(
        (
            graph.Sanction(
                case=rec.case,
                recommendation=rec,
                level="heavy",
                decree_number=f"800/{rec.case.pk}",
                decree_date=now.date(),
                imposing_ppk_id=rec.addressed_ppk_id,
            )
            for rec in graph.Recommendation.objects.filter(
                case__in=[c for c in cases if c.status in ("sanctioned", "closed")]
            ).select_related("case")
        ),
        batch_size=BATCH,
    )


def _digital(cases, subjects, account_of, bssn, now) -> None:
    """Every other case has a captured post with a finding on it."""
    posts, findings = [], []
    for case in cases[::2]:
        posts.append(
            graph.Post(
                platform="x",
                external_id=f"bench-{case.reference}",
                author_id=account_of[_subject(case, subjects).pk],
                text="Ayo coblos nomor 2!",
                url=f"https://x.test/{case.reference}",
                captured_at=now,
                record_sha256="0" * 64,
                contest_id=case.contest_id,
                source_agency=bssn,
            )
        )
    graph.Post.objects.bulk_create(posts, batch_size=BATCH)
    for case, post in zip(cases[::2], posts, strict=True):
        findings.append(
            graph.Finding(
                post=post,
                case=case,
                agency=case.owner_agency,
                subject=_subject(case, subjects),
                contest_id=case.contest_id,
                violation_code=case.violation_codes[0],
                score=0.91,
                status="confirmed",
            )
        )
    graph.Finding.objects.bulk_create(findings, batch_size=BATCH)


def _shares(cases, agencies) -> None:
    """The owner manages; Bawaslu keeps read access after forwarding; Kemendagri reads regional
    cases; the PPK contributes once it has a recommendation (the shipped sharing rules)."""
    perms = {p.codename: p for p in share_permissions()}
    rows = []

    def share(case, agency, level):
        rows.extend(
            graph.CaseGroupObjectPermission(
                content_object=case, group_id=agency.group_id, permission=perms[codename]
            )
            for codename in LEVEL_CODENAMES[level]
        )

    for case in cases:
        share(case, case.owner_agency, "manage")
        if case.owner_agency_id != agencies["BAWASLU"].pk:
            share(case, agencies["BAWASLU"], "read")
        share(case, agencies["KEMENDAGRI"], "read")
        if case.status in ("recommended", "sanctioned", "closed"):
            share(case, case.institution.ppk_agency, "contribute")
    graph.CaseGroupObjectPermission.objects.bulk_create(rows, batch_size=BATCH)


def handwritten_board(cursor, user_id: int) -> list:
    """The same board as BOARD, as a careful engineer would write it by hand: the user's groups,
    the total and the page (the visibility test a semi-join), then one statement per nested list.
    The nested lists need no visibility test: they belong to the page's cases."""
    # The user's agency groups and the permission first: with their ids named, PostgreSQL
    # estimates the semi-join right (joined inside, it expects ~80 visible cases and hashes all
    # 20,000). Only agency groups hold shares; naming the role groups too only slows the count.
    cursor.execute(
        """SELECT ug.group_id, (SELECT id FROM auth_permission
                                           WHERE codename = 'view_case'
                                             AND content_type_id = (SELECT id FROM django_content_type
                                                                    WHERE app_label = 'cases'
                                                                      AND model = 'case'))
                      FROM core_user_groups ug
                      JOIN agencies_agency a ON a.group_id = ug.group_id AND a.active
                      WHERE ug.user_id = %s""",
        [user_id],
    )
    rows = cursor.fetchall()
    groups, permission = [row[0] for row in rows], rows[0][1] if rows else None
    visible = f"""EXISTS (SELECT 1 FROM cases_casegroupobjectpermission gp
                          WHERE gp.content_object_id = c.id AND gp.permission_id = %s
                            AND gp.group_id IN ({", ".join(["%s"] * len(groups)) or "NULL"}))"""
    cursor.execute(f"SELECT COUNT(*) FROM cases_case c WHERE {visible}", [permission, *groups])
    total = cursor.fetchone()[0]
    cursor.execute(
        f"""
        SELECT c.id, c.reference, c.title, c.status, c.severity, c.due_at, h.code, i.name
        FROM cases_case c
        JOIN agencies_agency h ON h.id = c.holder_agency_id
        LEFT JOIN agencies_institution i ON i.id = c.institution_id
        WHERE {visible}
        ORDER BY c.created_at DESC, c.id DESC LIMIT 50""",
        [permission, *groups],
    )
    page = cursor.fetchall()
    ids = [row[0] for row in page]
    marks = ", ".join(["%s"] * len(ids)) or "NULL"
    cursor.execute(
        f"""
        SELECT v.case_id, s.nip, s.name FROM cases_involvement v
        JOIN cases_civilservant s ON s.id = v.civil_servant_id
        WHERE v.role = 'subject' AND v.case_id IN ({marks})""",
        ids,
    )
    subjects = cursor.fetchall()
    cursor.execute(
        f"""SELECT case_id, violation_code, score FROM cases_finding
                       WHERE case_id IN ({marks})""",
        ids,
    )
    findings = cursor.fetchall()
    cursor.execute(
        f"""
        SELECT e.case_id, ta.code, e.due_at, e.status, e.sent_at FROM cases_escalation e
        JOIN agencies_agency ta ON ta.id = e.to_agency_id
        WHERE e.case_id IN ({marks}) ORDER BY e.case_id, e.sent_at DESC""",
        ids,
    )
    escalations = cursor.fetchall()
    cursor.execute(
        f"""SELECT case_id, COUNT(*) FROM cases_evidence WHERE case_id IN ({marks})
                       GROUP BY case_id""",
        ids,
    )
    return [total, page, subjects, findings, escalations, cursor.fetchall()]
