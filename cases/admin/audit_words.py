"""The case graph's audit actions in words, lent to the audit trail's admin (core/audit_words.py)
when the admin loads."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core import audit_words

from ..models import Job, ShareLevel
from .labels import transition_label, violation_words

ACTIONS = {
    "case.open": _("Case opened"),
    "case.update": _("Case changed"),
    "case.add_note": _("Note added"),
    "case.add_evidence": _("Evidence added"),
    "case.add_involvement": _("Person added to a case"),
    "case.link": _("Cases linked"),
    "case.share": _("Case shared"),
    "case.unshare": _("Case unshared"),
    "case.recommend": _("Recommendation issued"),
    "case.record_sanction": _("Sanction recorded"),
    "case.share_rules.open": _("Shared by the routing rules on opening"),
    "case.share_rules.detected": _("Shared by the routing rules with the detecting agency"),
    "escalation.acknowledge": _("Escalation acknowledged"),
    "escalation.overdue": _("Escalation overdue"),
    "escalation.remind": _("Escalation reminder sent"),
    "finding.add": _("Finding recorded"),
    "finding.attach": _("Finding attached to a case"),
    "finding.review": _("Finding reviewed"),
    "report.submit": _("Report filed"),
    "report.attach": _("Report attached to a case"),
    "account.link": _("Account linked to a civil servant"),
    "post.label": _("Post labelled"),
    "contest.add_exclusion": _("Exclusion added to a contest"),
    "detection.chunk": _("Posts evaluated by detection"),
    "detection.run": _("Detection run started"),
    "detector.activate": _("Detector model activated"),
    "detector.retrain": _("Detector retrained"),
    "detector.training": _("Weekly retraining changed"),
    "retention.purge": _("Expired posts deleted"),
    "registry.bulk_import": _("Registry rows loaded"),
    "routing.activate_regime": _("Routing regime activated"),
    "routing.create": _("Routing row added"),
    "routing.change": _("Routing row changed"),
    "routing.delete": _("Routing row removed"),
}


def transition_words(name: str) -> str:
    return gettext("Transition: %(step)s") % {"step": transition_label(name)}


def share_rule_words(trigger: str) -> str:
    return gettext("Shared by the routing rules after: %(step)s") % {
        "step": transition_label(trigger)
    }


def import_words(kind: str) -> str:
    return str(dict(Job.Kind.choices).get(kind, kind))


audit_words.lend(
    actions=ACTIONS,
    prefixes={
        "case.transition.": transition_words,
        "case.share_rules.": share_rule_words,
        "import.": import_words,
    },
    values=dict(ShareLevel.choices),
    keys={"reason": _("reason"), "to": _("linked to")},
    field_values={("cases.case", "violation_codes"): violation_words},
)
