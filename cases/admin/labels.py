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


# A case's share levels, short, beside each agency it is shared with.
SHARE_WORDS = {"read": _("read"), "contribute": _("contribute"), "manage": _("manage")}


def transition_label(name: str) -> str:
    return str(TRANSITION_LABELS.get(name) or capfirst(name.replace("_", " ")))


def violation_words(codes) -> str:
    """`["ATTENDING_DECLARATION"]` as "Attending a candidate's declaration" (in the user's
    language); a code no longer in the vocabulary shows as itself."""
    labels = dict(ViolationCode.choices)
    return "; ".join(str(labels.get(code, code)) for code in codes or ()) or "-"
