"""`statistics`: the figures of cases/statistics.py (the statistics page shows the same ones),
as GraphQL types."""

import strawberry

from cases import statistics as figures

StatisticsGroup = strawberry.enum(figures.Grouping, name="StatisticsGroup")


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
    digital_share: float = strawberry.field(
        description="digital / reported (0 when nothing was reported)."
    )


@strawberry.type
class Statistics:
    group_by: StatisticsGroup
    contest: str | None
    total: StatisticsRow
    rows: list[StatisticsRow]


def _row(row: figures.Row) -> StatisticsRow:
    return StatisticsRow(
        key=row.key,
        label=row.label,
        reported=row.reported,
        proven=row.proven,
        sanctioned=row.sanctioned,
        digital=row.digital,
        digital_share=row.digital_share,
    )


def compute(user, group_by: figures.Grouping, contest: str | None) -> Statistics:
    found = figures.compute(user, group_by, contest)
    return Statistics(
        group_by=found.group_by,
        contest=found.contest,
        total=_row(found.total),
        rows=[_row(row) for row in found.rows],
    )
