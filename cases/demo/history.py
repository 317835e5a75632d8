"""The demo's past: three cases from 2023, when KASN was the neutrality supervisor (SKB 2022).

They are replayed as they happened, through the same services: the clock set back to each step's
day in 2023 and the SKB 2022 routing in force, so their references (NET-2023-…), dates,
escalations and shares are those of their time. KASN's demo users see these cases and no later
one: since Law 20/2023 the neutrality supervisor is BKN (the active regime)."""

import datetime
import zoneinfo

import time_machine
from django.test.utils import override_settings

from .cases import FORWARD, DemoCases

OLD_REGIME = "SKB_2022"
STARTS = [
    datetime.datetime(2023, 8, 14, 9, tzinfo=zoneinfo.ZoneInfo("Asia/Jakarta")),
    datetime.datetime(2023, 9, 11, 9, tzinfo=zoneinfo.ZoneInfo("Asia/Jakarta")),
    datetime.datetime(2023, 10, 16, 9, tzinfo=zoneinfo.ZoneInfo("Asia/Jakarta")),
]
# Each case's path, one step every two weeks after it was opened.
PATHS = [
    [*FORWARD, "recommend", "record_sanction", "close"],
    [*FORWARD, "declare_not_proven", "close"],
    [*FORWARD, "recommend", "record_sanction"],
]
STEP = datetime.timedelta(days=14)


def replay(system, candidates, subjects, rng, fake) -> list:
    """Open one case per subject in 2023 (a complaint, then Bawaslu's own findings) and take it
    along its path under SKB 2022; return the cases."""
    cases = []
    with override_settings(ROUTING_REGIME=OLD_REGIME):
        for number, (subject, start, path) in enumerate(zip(subjects, STARTS, PATHS)):
            demo = DemoCases(system, None, candidates, [subject], [], rng, fake)
            with time_machine.travel(start, tick=True):
                case = demo.open(1 + number % 2)  # a public complaint, or a Bawaslu finding
            for step, name in enumerate(path, 1):
                with time_machine.travel(start + step * STEP, tick=True):
                    case = demo.fire(case, name)
            cases.append(case)
    return cases
