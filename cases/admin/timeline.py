"""A case's history in words for its page: the audit events of the case and the rows hanging from
it, and the notices the user's agency received about it, newest first. Only what the policy lets
the user read (cases.policy.case_history, the notices' own rule); no code is shown as such."""

from dataclasses import dataclass
from datetime import datetime

from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, Notice
from core.actors import SYSTEM_USERNAME
from core.models import AuditEvent

from .. import policy
from ..codes import SanctionLevel
from ..models import Case, CaseLink, Escalation, Evidence, Involvement, Note
from .labels import SHARE_WORDS, transition_done

TRANSITION_PREFIX = "case.transition."
SHARE_ACTIONS = ("case.share", "case.unshare", "case.share_rules.")

NOTICE_WORDS = {
    "escalation.opened": _("a case handed over to it"),
    "escalation.acknowledged": _("its hand-over acknowledged"),
    "escalation.reminder": _("a reminder of the due date"),
    "escalation.overdue": _("a hand-over past its due date"),
    "case.shared": _("the case shared with it"),
    "sanction.recorded": _("the sanction recorded"),
}


@dataclass
class Entry:
    at: datetime
    who: str
    text: str


def choice(choices, code) -> str:
    return str(dict(choices).get(code, code or "-"))


def added(changes: dict, name: str):
    """The value an event gives `name`: its changes are {field: [before, after]}, or a snapshot
    {field: value} of a row just created."""
    value = changes.get(name)
    return value[1] if isinstance(value, list) else value


class Timeline:
    """The entries of one case for one user (a fixed number of queries)."""

    def __init__(self, user, case: Case):
        self.user, self.case = user, case
        self.events = list(
            policy.case_history(user, case, AuditEvent.objects.all()).order_by("-sequence")
        )
        ids = {}
        for event in self.events:
            ids.setdefault(event.object_type, set()).add(event.object_id)
        self.notes = self.rows(Note, ids)
        self.involvements = self.rows(Involvement, ids, "civil_servant", "candidate")
        self.escalations = self.rows(Escalation, ids, "to_agency")
        agency_ids = {
            value
            for event in self.events
            for value in (
                *(event.changes.get("holder_agency") or ()),
                added(event.changes, "addressed_ppk"),
            )
            if value
        }
        self.agencies = {pk: str(a) for pk, a in Agency.objects.in_bulk(agency_ids).items()}

    def rows(self, model, ids, *related) -> dict:
        keys = ids.get(model._meta.label_lower, ())
        if not keys:
            return {}
        rows = policy.visible(self.user, model.objects.filter(pk__in=keys).select_related(*related))
        return {str(row.pk): row for row in rows}

    def entries(self) -> list[Entry]:
        found = [
            Entry(event.created_at, self.who(event), self.sentence(event)) for event in self.events
        ]
        found += [
            Entry(
                notice.created_at,
                str(notice.agency),
                _("Notice to %(agency)s: %(event)s")
                % {
                    "agency": notice.agency,
                    "event": NOTICE_WORDS.get(notice.event_type, _("a change of the case")),
                },
            )
            for notice in policy.visible(
                self.user,
                Notice.objects.filter(case=self.case, channel=Notice.Channel.INBOX).select_related(
                    "agency"
                ),
            )
        ]
        return sorted(found, key=lambda entry: entry.at, reverse=True)

    @staticmethod
    def who(event: AuditEvent) -> str:
        if event.actor_username == SYSTEM_USERNAME:
            return str(_("the system"))
        if event.agency_code:
            return f"{event.actor_username} ({event.agency_code})"
        return event.actor_username

    def agency(self, pk) -> str:
        return self.agencies.get(pk, "-")

    def sentence(self, event: AuditEvent) -> str:
        action, changes = event.action, event.changes
        if action.startswith(TRANSITION_PREFIX):
            return self.transition(event)
        if action.startswith(SHARE_ACTIONS):
            return self.sharing(changes)
        if action == "case.open":
            return _("Case opened by %(agency)s") % {"agency": event.agency_code or "-"}
        if action == "case.update":
            fields = ", ".join(str(Case._meta.get_field(name).verbose_name) for name in changes)
            return _("Case details changed: %(fields)s") % {"fields": fields}
        if action == "case.add_note":
            note = self.notes.get(event.object_id)
            text = Truncator(note.text).chars(300) if note else ""
            return _("Note added: %(text)s") % {"text": text}
        if action == "case.add_evidence":
            kind = choice(Evidence.Kind.choices, added(changes, "kind"))
            return _("Evidence added: %(kind)s") % {"kind": kind}
        if action == "case.add_involvement":
            involvement = self.involvements.get(event.object_id)
            who = (
                (involvement.civil_servant or involvement.candidate or involvement.name)
                if (involvement)
                else "-"
            )
            role = choice(Involvement.Role.choices, added(changes, "role"))
            return _("Person involved added: %(who)s, %(role)s") % {"who": who, "role": role}
        if action == "case.link":
            kind = choice(CaseLink.Kind.choices, added(changes, "kind"))
            return _("Linked to case %(reference)s (%(kind)s)") % {
                "reference": added(changes, "to"),
                "kind": kind,
            }
        if action == "case.recommend":
            return _("Recommended to %(ppk)s: %(sanction)s") % {
                "ppk": self.agency(added(changes, "addressed_ppk")),
                "sanction": choice(SanctionLevel.choices, added(changes, "proposed_sanction")),
            }
        if action == "case.record_sanction":
            return _("Sanction imposed: %(sanction)s, decree %(decree)s") % {
                "sanction": choice(SanctionLevel.choices, added(changes, "level")),
                "decree": added(changes, "decree_number"),
            }
        return self.escalation(event)

    def transition(self, event: AuditEvent) -> str:
        name, changes = event.action.removeprefix(TRANSITION_PREFIX), event.changes
        before, after = changes.get("holder_agency") or [None, None]
        from_agency = event.agency_code or self.agency(before)
        text = transition_done(name, from_agency, self.agency(after) if after else from_agency)
        reason = added(changes, "reason")
        return f"{text}: {reason}" if reason else text

    @staticmethod
    def sharing(changes: dict) -> str:
        given = [
            f"{code} ({SHARE_WORDS.get(new, new)})" for code, (_old, new) in changes.items() if new
        ]
        taken = [code for code, (_old, new) in changes.items() if not new]
        parts = []
        if given:
            parts.append(_("Shared with %(agencies)s") % {"agencies": ", ".join(given)})
        if taken:
            parts.append(_("Access withdrawn from %(agencies)s") % {"agencies": ", ".join(taken)})
        return "; ".join(str(part) for part in parts) or str(_("Sharing unchanged"))

    def escalation(self, event: AuditEvent) -> str:
        escalation = self.escalations.get(event.object_id)
        agency = str(escalation.to_agency) if escalation else event.agency_code or "-"
        words = {
            "escalation.acknowledge": _("%(agency)s acknowledged the hand-over"),
            "escalation.overdue": _("The hand-over to %(agency)s is past its due date"),
            "escalation.remind": _("%(agency)s was reminded of the due date"),
        }
        template = words.get(event.action, _("A change recorded by %(agency)s"))
        return template % {"agency": agency}
