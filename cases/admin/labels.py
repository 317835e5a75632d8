"""Codes shown as words: workflow transitions (their names are routing data, slugs) and the
violation codes a case lists."""

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from ..codes import ViolationCode

# The transitions cases/routing_data.py ships; one an operator adds in admin shows its name.
TRANSITION_LABELS = {
    "start_examination": _("Start the examination (kajian)"),
    "dismiss": _("Dismiss"),
    "forward_to_supervisor": _("Forward to the neutrality supervisor"),
    "declare_not_proven": _("Declare not proven"),
    "recommend": _("Recommend a sanction to the PPK"),
    "mark_ppk_overdue": _("Mark the PPK overdue"),
    "record_sanction": _("Record the sanction imposed"),
    "close": _("Close the case"),
}

# A transition's button names the agencies that receive the case (%(agency)s).
TRANSITION_BUTTONS = {
    "start_examination": _("Start the examination at %(agency)s"),
    "dismiss": _("Dismiss (the case stays with %(agency)s)"),
    "forward_to_supervisor": _("Forward to %(agency)s"),
    "declare_not_proven": _("Declare not proven (the case stays with %(agency)s)"),
    "recommend": _("Recommend a sanction to %(agency)s"),
    "mark_ppk_overdue": _("Mark the PPK overdue: escalate to %(agency)s"),
    "record_sanction": _("Record the sanction: report to %(agency)s"),
    "close": _("Close the case at %(agency)s"),
}

# What a fired transition did, in the case's history: from the agency that fired it to the one
# holding the case after it.
TRANSITION_DONE = {
    "start_examination": _("Examination (kajian) started at %(to)s"),
    "dismiss": _("Dismissed by %(from)s"),
    "forward_to_supervisor": _("Forwarded from %(from)s to %(to)s"),
    "declare_not_proven": _("Declared not proven by %(from)s"),
    "recommend": _("Sanction recommended by %(from)s to %(to)s"),
    "mark_ppk_overdue": _("PPK marked overdue by %(from)s; escalated to %(to)s"),
    "record_sanction": _("Sanction recorded by %(from)s and reported to %(to)s"),
    "close": _("Closed by %(from)s"),
}


# A case's share levels, short, beside each agency it is shared with.
SHARE_WORDS = {"read": _("read"), "contribute": _("contribute"), "manage": _("manage")}


def transition_label(name: str) -> str:
    return str(TRANSITION_LABELS.get(name) or capfirst(name.replace("_", " ")))


def agency_list(agencies) -> str:
    """ "BKN" or "BKN, KEMENDAGRI": the agencies by code, each once, in order."""
    return ", ".join(dict.fromkeys(str(agency) for agency in agencies if agency is not None))


def transition_button(name: str, receivers) -> str:
    """The button of transition `name`, naming the agencies that receive the case."""
    template = TRANSITION_BUTTONS.get(name)
    agencies = agency_list(receivers) or "-"
    if template is None:
        return f"{transition_label(name)} → {agencies}"
    return str(template) % {"agency": agencies}


def transition_done(name: str, from_agency: str, to_agency: str) -> str:
    template = TRANSITION_DONE.get(name)
    if template is None:
        return f"{transition_label(name)}: {from_agency} → {to_agency}"
    return str(template) % {"from": from_agency, "to": to_agency}


def violation_words(codes) -> str:
    """`["ATTENDING_DECLARATION"]` as "Attending a candidate's declaration" (in the user's
    language); a code no longer in the vocabulary shows as itself."""
    labels = dict(ViolationCode.choices)
    return "; ".join(str(labels.get(code, code)) for code in codes or ()) or "-"
