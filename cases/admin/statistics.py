"""The statistics page: reported, proven, sanctioned and the digital share, per contest or all, by
each grouping of cases/statistics.py (the figures GraphQL's `statistics` gives the same user), each
as a bar chart drawn on the server (inline SVG: no script, no outside host) over its table, and
each table as CSV."""

import csv

from django.contrib import admin
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from core.errors import NotFound

from .. import policy
from ..models import Contest
from ..statistics import Grouping, Row, compute

# The groupings the page shows, in order, with their titles (status is the case list's filter).
SHOWN = {
    Grouping.VIOLATION: _("By violation"),
    Grouping.REGION: _("By region"),
    Grouping.AGENCY: _("By agency"),
    Grouping.POSITION_TYPE: _("By position type"),
    Grouping.CHANNEL: _("By intake channel"),
    Grouping.MONTH: _("By month of opening"),
}
SERIES = [
    ("reported", _("Reported")),
    ("proven", _("Proven")),
    ("sanctioned", _("Sanctioned")),
    ("digital", _("Digital")),
]
# Chart geometry, in SVG user units.
LABEL_WIDTH, BAR_AREA, BAR_HEIGHT, ROW_GAP, VALUE_ROOM = 260, 520, 9, 14, 48


def chart(rows: list[Row]) -> dict:
    """A horizontal bar chart: one band per row, one bar per series, scaled to the largest count."""
    largest = max((row.reported for row in rows), default=0) or 1
    band = BAR_HEIGHT * len(SERIES) + ROW_GAP
    bands = []
    for index, row in enumerate(rows):
        top = index * band
        bars = []
        for number, (name, label) in enumerate(SERIES):
            value = getattr(row, name)
            bars.append(
                {
                    "series": name,
                    "label": label,
                    "value": value,
                    "y": top + number * BAR_HEIGHT,
                    "width": round(BAR_AREA * value / largest, 1),
                }
            )
        bands.append({"label": row.label or "–", "y": top, "middle": top + band / 2, "bars": bars})
    return {
        "bands": bands,
        "width": LABEL_WIDTH + BAR_AREA + VALUE_ROOM,
        "height": max(len(rows) * band, band),
        "bar_x": LABEL_WIDTH,
        "bar_height": BAR_HEIGHT - 1,
    }


def contest_of(request):
    """The contest chosen (`?contest=slug`), one the user sees, or None for all; an unknown slug
    is a 404 rather than a page of zeros."""
    slug = request.GET.get("contest") or None
    if slug is None:
        return None, None
    try:
        return slug, policy.get_visible(request.user, Contest.objects.all(), slug=slug)
    except NotFound:
        raise Http404 from None


def as_csv(figures, filename: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow([_("Key"), _("Group"), *(label for _name, label in SERIES), _("Digital share")])
    for row in [*figures.rows, figures.total]:
        label = _("Total") if row is figures.total else row.label
        writer.writerow(
            [
                row.key or "",
                label or "",
                *(getattr(row, name) for name, _label in SERIES),
                row.digital_share,
            ]
        )
    return response


def statistics_view(request):
    slug, contest = contest_of(request)
    wanted = request.GET.get("csv")
    if wanted:
        try:
            grouping = Grouping(wanted)
        except ValueError:
            raise Http404 from None
        figures = compute(request.user, grouping, slug)
        return as_csv(figures, f"statistik-{grouping.value}{'-' + slug if slug else ''}.csv")
    sections = []
    for grouping, title in SHOWN.items():
        figures = compute(request.user, grouping, slug)
        sections.append(
            {
                "grouping": grouping,
                "title": title,
                "figures": figures,
                "chart": chart(figures.rows),
            }
        )
    context = {
        **admin.site.each_context(request),
        "title": _("Statistics"),
        "contest": contest,
        "contests": policy.visible(request.user, Contest.objects.all()).order_by("name"),
        "total": sections[0]["figures"].total,  # the same in every grouping
        "sections": sections,
        "series": SERIES,
    }
    return TemplateResponse(request, "admin/workspace/statistics.html", context)


admin.site.add_page("statistics/", statistics_view, "statistics")
