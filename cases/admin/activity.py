"""Audit events in words, for the home page's recent activity: who did what to which object
(never the recorded changes themselves, which only operators read in the audit trail)."""

from django.utils.translation import gettext_lazy as _

from ..codes import ViolationCode

# What an action did, by its audit name; dynamic names (case.transition.<step>, import.<kind>)
# by their prefix.
ACTIONS = {
    "case.open": _("opened case"),
    "case.update": _("edited case"),
    "case.add_note": _("added a note to"),
    "case.add_evidence": _("added evidence to"),
    "case.add_involvement": _("added a person to"),
    "case.link": _("linked cases"),
    "case.share": _("shared case"),
    "case.unshare": _("stopped sharing case"),
    "case.recommend": _("recommended a sanction on"),
    "case.record_sanction": _("recorded a sanction on"),
    "report.submit": _("filed report"),
    "report.attach": _("attached a report to a case:"),
    "finding.add": _("added finding"),
    "finding.review": _("reviewed finding"),
    "finding.attach": _("attached a finding to a case:"),
    "account.link": _("linked an account to a civil servant:"),
    "escalation.acknowledge": _("acknowledged the escalation of"),
    "escalation.remind": _("sent a reminder about"),
    "escalation.overdue": _("marked overdue the escalation of"),
    "notice.read": _("read notice"),
    "notice.redeliver": _("redelivered notice"),
    "post.label": _("labelled post"),
    "contest.add_exclusion": _("added an exclusion to contest"),
    "detection.run": _("started detection for"),
    "detection.chunk": _("ran detection in job"),
    "detector.retrain": _("retrained the detector:"),
    "detector.activate": _("activated detector model"),
    "detector.training": _("changed the detector training settings:"),
    "member.add": _("added member"),
    "member.change_role": _("changed the role of member"),
    "member.remove": _("removed member"),
    "api_client.create": _("created API client"),
    "api_client.rotate": _("rotated the key of API client"),
    "api_client.revoke": _("revoked API client"),
    "webhook_endpoint.register": _("registered webhook endpoint"),
    "webhook_endpoint.update": _("changed webhook endpoint"),
    "webhook_endpoint.rotate_secret": _("rotated the secret of webhook endpoint"),
    "webhook_endpoint.remove": _("removed webhook endpoint"),
    "user.second_factor.enrol": _("set up their second factor"),
    "user.second_factor.reset": _("reset the second factor of"),
    "retention.purge": _("removed expired posts of"),
}
PREFIXES = {
    "case.transition.": _("moved case to its next step:"),
    "import.": _("imported data:"),
    "routing.": _("changed the routing:"),
    "user.": _("changed user"),
}


def action_words(action: str) -> str:
    """An audit action in words; one not named above as "changed"."""
    if action in ACTIONS:
        return ACTIONS[action]
    for prefix, words in PREFIXES.items():
        if action.startswith(prefix):
            return words
    return _("changed")


# Bookkeeping that accompanies another event (the sharing rules an opening or a step applies):
# listed in the audit trail, left out of a person's summary.
UNTOLD = ("case.share_rules.",)


def told(events):
    """The events worth a line in the recent activity."""
    for prefix in UNTOLD:
        events = events.exclude(action__startswith=prefix)
    return events


def object_words(event) -> str:
    """The object as the event recorded it, with violation codes (a finding's) in words; nothing
    when it is the actor's own account (they set up their second factor)."""
    if event.object_type == "core.user" and event.object_id == str(event.actor_id):
        return ""
    text = event.object_repr
    for code in ViolationCode:
        text = text.replace(code.value, str(code.label))
    return text
