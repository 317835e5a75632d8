"""The figures the agencies publish ("2,034 reported, 1,597 proven, 1,450 sanctioned, 30%
digital"), per group, in one aggregate query over the cases the user may see (two when grouping
by position, where a case can count in several groups). The statistics page and GraphQL's
`statistics` field both read them from here, so they always agree."""

from dataclasses import dataclass
from enum import Enum

from django.db import connection
from django.db.models import Count, DateField, F, Q
from django.db.models.functions import TruncMonth
from django.utils import formats

from . import models as graph
from . import policy
from .codes import ViolationCode

# Proven: the supervisor recommended a sanction (and anything after), or it closed sanctioned.
PROVEN_STATUSES = [
    graph.CaseStatus.RECOMMENDED,
    graph.CaseStatus.ENFORCEMENT,
    graph.CaseStatus.SANCTIONED,
]
DIGITAL_CHANNELS = [graph.Report.Channel.SOCIAL_MEDIA, graph.Report.Channel.DETECTION]
ONLINE_VIOLATIONS = [ViolationCode.SOCIAL_MEDIA_CAMPAIGN, ViolationCode.ENGAGEMENT_WITH_CAMPAIGN]
COUNTERS = ("reported", "proven", "sanctioned", "digital")


class Grouping(Enum):
    VIOLATION = "violation"
    REGION = "region"
    STATUS = "status"
    AGENCY = "agency"
    POSITION_TYPE = "position_type"
    CHANNEL = "channel"
    MONTH = "month"  # of the case's opening, in the configured time zone


# The column each grouping counts by, and the column (or the choices) that name the groups.
GROUP_COLUMNS = {
    Grouping.REGION: ("region__code", "region__name"),
    Grouping.STATUS: ("status", graph.CaseStatus),
    Grouping.AGENCY: ("owner_agency__code", "owner_agency__name"),
    Grouping.POSITION_TYPE: ("subject_position", graph.CivilServant.PositionType),
    Grouping.CHANNEL: ("intake_channel", graph.Report.Channel),
}


@dataclass(frozen=True)
class Row:
    key: str | None  # None for the cases without a value to group by
    label: str | None
    reported: int
    proven: int  # recommended, in enforcement, sanctioned, or closed with a sanction
    sanctioned: int
    digital: int  # came in from social media or detection, or concerns online campaigning

    @property
    def digital_share(self) -> float:
        """digital / reported (0 when nothing was reported)."""
        return round(self.digital / self.reported, 4) if self.reported else 0.0


@dataclass(frozen=True)
class Statistics:
    group_by: Grouping
    contest: str | None
    total: Row
    rows: list[Row]


def _counts(distinct: bool = False) -> dict:
    """The COUNTERS as aggregates (`distinct` where a join repeats a case)."""
    # IN (subquery) rather than a correlated EXISTS: PostgreSQL hashes the sanctioned cases once,
    # and costs it so, where EXISTS made it sort 20,000 rows to group them.
    sanctioned = Q(pk__in=graph.Sanction.objects.values("case"))
    proven = Q(status__in=PROVEN_STATUSES) | Q(status=graph.CaseStatus.CLOSED) & sanctioned
    digital = Q(intake_channel__in=DIGITAL_CHANNELS)
    for code in ONLINE_VIOLATIONS:
        # JSON containment where the database has it (jsonb @> on PostgreSQL reads the list as it
        # is, where LIKE renders every list as upper-cased text first); elsewhere the quoted code
        # in the list's text.
        digital |= (
            Q(violation_codes__contains=[code])
            if connection.features.supports_json_field_contains
            else Q(violation_codes__icontains=f'"{code}"')
        )
    conditions = dict(zip(COUNTERS, (Q(), proven, sanctioned, digital), strict=True))
    return {name: Count("pk", filter=q, distinct=distinct) for name, q in conditions.items()}


def compute(user, group_by: Grouping, contest: str | None = None) -> Statistics:
    """The figures over the cases `user` may see (of `contest`, a slug, if given: NotFound when
    the user sees no such contest, rather than zeros)."""
    cases = policy.visible(user, graph.Case.objects.all())
    if contest:
        found = policy.get_visible(user, graph.Contest.objects.all(), field="contest", slug=contest)
        cases = cases.filter(contest=found)
    if group_by == Grouping.VIOLATION:
        groups = list(cases.values("violation_codes").annotate(**_counts()).order_by())
        rows = _by_violation(groups)
    elif group_by == Grouping.MONTH:
        groups = rows = _by_month(cases)
    else:
        groups = rows = _by_column(cases, group_by)
    if group_by == Grouping.POSITION_TYPE:  # a case counts under each subject's position
        total = cases.aggregate(**_counts())
    else:  # each case is in exactly one group: add them up rather than scan the cases again
        total = {name: sum(group[name] for group in groups) for name in COUNTERS}
    return Statistics(
        group_by=group_by,
        contest=contest,
        total=Row(key=None, label="total", **total),
        rows=[Row(**row) for row in rows],
    )


def _by_column(cases, group_by: Grouping) -> list[dict]:
    distinct = group_by == Grouping.POSITION_TYPE
    if distinct:  # a case counts once per position among its subjects
        cases = cases.filter(involvements__role=graph.Involvement.Role.SUBJECT).annotate(
            subject_position=F("involvements__civil_servant__position_type")
        )
    key, label = GROUP_COLUMNS[group_by]
    columns = [key, label] if isinstance(label, str) else [key]
    labels = {} if isinstance(label, str) else dict(label.choices)
    return [
        {
            "key": row[key],
            "label": row[label] if isinstance(label, str) else labels.get(row[key], row[key]),
            **{name: row[name] for name in COUNTERS},
        }
        for row in cases.values(*columns).annotate(**_counts(distinct)).order_by(key)
    ]


def _by_month(cases) -> list[dict]:
    """Per calendar month of the case's opening (key "2024-11", label the month in words)."""
    rows = (
        cases.annotate(month=TruncMonth("created_at", output_field=DateField()))
        .values("month")
        .annotate(**_counts())
        .order_by("month")
    )
    return [
        {
            "key": row["month"].strftime("%Y-%m"),
            "label": formats.date_format(row["month"], "F Y"),
            **{name: row[name] for name in COUNTERS},
        }
        for row in rows
    ]


def _by_violation(groups: list[dict]) -> list[dict]:
    """A case counts once under each of its codes. The groups are by the whole list of codes (a
    few dozen distinct lists: one cheap aggregate query), spread over the codes here."""
    totals = {code: dict.fromkeys(COUNTERS, 0) for code in ViolationCode.values}
    for group in groups:
        for code in set(group["violation_codes"] or ()) & totals.keys():
            for name in COUNTERS:
                totals[code][name] += group[name]
    return [
        {"key": code.value, "label": code.label, **totals[code]}
        for code in ViolationCode
        if totals[code]["reported"]
    ]
