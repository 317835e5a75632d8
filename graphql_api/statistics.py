"""`statistics`: the figures the agencies publish ("2,034 reported, 1,597 proven, 1,450
sanctioned, 30% digital"), in one aggregate query over the cases the caller may see (two when
grouping by position, where a case can count in several groups)."""

from enum import Enum

import strawberry
from django.db import connection
from django.db.models import Count, F, Q

from cases import models as graph
from cases import policy
from cases.codes import ViolationCode

# Proven: the supervisor recommended a sanction (and anything after), or it closed sanctioned.
PROVEN_STATUSES = [
    graph.CaseStatus.RECOMMENDED,
    graph.CaseStatus.ENFORCEMENT,
    graph.CaseStatus.SANCTIONED,
]
DIGITAL_CHANNELS = [graph.Report.Channel.SOCIAL_MEDIA, graph.Report.Channel.DETECTION]
ONLINE_VIOLATIONS = [ViolationCode.SOCIAL_MEDIA_CAMPAIGN, ViolationCode.ENGAGEMENT_WITH_CAMPAIGN]


@strawberry.enum
class StatisticsGroup(Enum):
    VIOLATION = "violation"
    REGION = "region"
    STATUS = "status"
    AGENCY = "agency"
    POSITION_TYPE = "position_type"
    CHANNEL = "channel"


# The column each grouping counts by, and the column (or the choices) that name the groups.
GROUP_COLUMNS = {
    StatisticsGroup.REGION: ("region__code", "region__name"),
    StatisticsGroup.STATUS: ("status", graph.CaseStatus),
    StatisticsGroup.AGENCY: ("owner_agency__code", "owner_agency__name"),
    StatisticsGroup.POSITION_TYPE: ("subject_position", graph.CivilServant.PositionType),
    StatisticsGroup.CHANNEL: ("intake_channel", graph.Report.Channel),
}


@strawberry.type
class StatisticsRow:
    key: str | None = strawberry.field(description="Null for cases without a value to group by.")
    label: str | None
    reported: int
    proven: int = strawberry.field(
        description="Recommended, in enforcement, sanctioned, or closed with a sanction."
    )
    sanctioned: int
    digital: int = strawberry.field(
        description="Came in from social media or detection, or "
        "concerns online campaigning or engagement."
    )

    @strawberry.field(description="digital / reported (0 when nothing was reported).")
    def digital_share(self) -> float:
        return round(self.digital / self.reported, 4) if self.reported else 0.0


@strawberry.type
class Statistics:
    group_by: StatisticsGroup
    contest: str | None
    total: StatisticsRow
    rows: list[StatisticsRow]


COUNTERS = ("reported", "proven", "sanctioned", "digital")


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


def compute(user, group_by: StatisticsGroup, contest: str | None) -> Statistics:
    cases = policy.visible(user, graph.Case.objects.all())
    if contest:
        # An unknown contest is the client's mistake, not a contest with nothing in it.
        found = policy.get_visible(user, graph.Contest.objects.all(), field="contest", slug=contest)
        cases = cases.filter(contest=found)
    if group_by == StatisticsGroup.VIOLATION:
        groups = list(cases.values("violation_codes").annotate(**_counts()).order_by())
        rows = _by_violation(groups)
    else:
        groups = rows = _by_column(cases, group_by)
    if group_by == StatisticsGroup.POSITION_TYPE:  # a case counts under each subject's position
        total = cases.aggregate(**_counts())
    else:  # each case is in exactly one group: add them up rather than scan the cases again
        total = {name: sum(group[name] for group in groups) for name in COUNTERS}
    return Statistics(
        group_by=group_by,
        contest=contest,
        total=StatisticsRow(key=None, label="total", **total),
        rows=[StatisticsRow(**row) for row in rows],
    )


def _by_column(cases, group_by: StatisticsGroup) -> list[dict]:
    distinct = group_by == StatisticsGroup.POSITION_TYPE
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
