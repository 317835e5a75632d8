"""The notice inbox for people: one row per event an agency was told about (its inbox notice; the
e-mail and webhook copies of the same event are delivery details shown beside it), unread first,
the case a link, the text in words. Opening a notice marks it read (agencies' notices.mark_read).
The delivery log of every channel stays in agencies/notice_admin.py, for agency admins."""

import datetime
from collections import defaultdict

from django.contrib import admin
from django.core.paginator import Paginator
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import formats
from django.utils.dateparse import parse_date
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, Notice
from agencies.notice_admin import event_title
from agencies.services import notices

from .. import policy
from ..models import Case
from .labels import SHARE_WORDS, transition_label

PAGE_SIZE = 25


def inbox_notices(user, agency: Agency | None = None):
    """The inbox rows `user` may see (of `agency` only, if given), unread first, newest first."""
    rows = policy.visible(user, Notice.objects.filter(channel=Notice.Channel.INBOX))
    if agency is not None:
        rows = rows.filter(agency=agency)
    unread = ExpressionWrapper(Q(read_at__isnull=True), output_field=BooleanField())
    return rows.select_related("agency", "case").order_by(unread.desc(), "-created_at", "-pk")


def event_key(notice: Notice) -> tuple:
    """What the notices of one event for one agency share, whatever their channel: they are
    written together with one payload (and its timestamp)."""
    return (notice.agency_id, notice.event_type, notice.case_id, notice.payload.get("timestamp"))


def deliveries(user, rows: list[Notice]) -> dict[tuple, list[Notice]]:
    """The other channels' notices of each of `rows`' events, by `event_key`. One query."""
    if not rows:
        return {}
    others = policy.visible(user, Notice.objects.exclude(channel=Notice.Channel.INBOX)).filter(
        agency__in={n.agency_id for n in rows},
        event_type__in={n.event_type for n in rows},
        # written in the same transaction as the inbox row, a moment after it
        created_at__gte=min(n.created_at for n in rows) - datetime.timedelta(minutes=1),
    )
    found = defaultdict(list)
    for notice in others.order_by("channel", "pk"):
        found[event_key(notice)].append(notice)
    return found


def facts(notice: Notice) -> list[tuple[str, str]]:
    """What the notice says, as (label, words) pairs: the agencies, step, reason and deadline of
    an escalation, the level of a share, or which notice could not be delivered."""
    data = notice.payload.get("data", {})
    names = dict(
        Agency.objects.filter(
            code__in=[data.get("from_agency"), data.get("to_agency")]
        ).values_list("code", "name")
    )
    said = []
    if data.get("from_agency"):
        said.append((_("From"), names.get(data["from_agency"], data["from_agency"])))
    if data.get("to_agency"):
        said.append((_("To"), names.get(data["to_agency"], data["to_agency"])))
    if data.get("step"):
        said.append((_("Step"), transition_label(data["step"])))
    if data.get("reason"):
        said.append((_("Reason"), data["reason"]))
    if notice.event_type == "case.shared" and data.get("level"):
        said.append((_("Access"), SHARE_WORDS.get(data["level"], data["level"])))
    due = parse_date(str(data.get("due_date") or ""))
    if due:
        said.append((_("Due date"), formats.date_format(due, "j F Y")))
    failed = data.get("notice")
    if failed:
        said += [
            (_("Notice not delivered"), event_title(failed.get("event", ""))),
            (_("Channel"), Notice.Channel(failed["channel"]).label),
            (_("Attempts"), str(failed.get("attempts", ""))),
            (_("Last error"), failed.get("last_error", "")),
        ]
    return said


def case_link(case: Case | None) -> str | None:
    return reverse("admin:cases_case_change", args=[case.pk]) if case else None


def inbox_view(request):
    user = request.user
    agency = None
    if request.GET.get("agency", "").isdigit():
        agency = Agency.objects.filter(pk=request.GET["agency"]).first()
    rows = inbox_notices(user, agency)
    unread_only = request.GET.get("unread") == "1"
    if unread_only:
        rows = rows.filter(read_at__isnull=True)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("p"))
    channels = deliveries(user, list(page))
    context = {
        **admin.site.each_context(request),
        "title": _("Inbox"),
        "page": page,
        "rows": [
            {
                "notice": notice,
                "title": event_title(notice.event_type),
                "case_url": case_link(notice.case),
                "channels": channels.get(event_key(notice), []),
            }
            for notice in page
        ],
        "unread_only": unread_only,
        "agency": agency,
        "show_agency": agency is None and policy.is_superuser(user),  # operators see them all
    }
    return TemplateResponse(request, "admin/workspace/inbox.html", context)


def notice_view(request, pk: int):
    """One notice in words; opening it marks it read for a member of the receiving agency."""
    user = request.user
    notice = get_object_or_404(inbox_notices(user), pk=pk)
    if notice.read_at is None and policy.reads_notice_on_opening(user, notice):
        notice = notices.mark_read(user, notice)
    context = {
        **admin.site.each_context(request),
        "title": event_title(notice.event_type),
        "notice": notice,
        "case_url": case_link(notice.case),
        "facts": facts(notice),
        "channels": deliveries(user, [notice]).get(event_key(notice), []),
        "log_url": reverse("admin:agencies_notice_changelist")
        if policy.can_view_delivery_log(user)
        else None,
    }
    return TemplateResponse(request, "admin/workspace/notice.html", context)


admin.site.add_page("inbox/", inbox_view, "inbox")
admin.site.add_page("inbox/<int:pk>/", notice_view, "inbox_notice")
