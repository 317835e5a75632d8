"""The small forms on a case's page: each adds one thing through one service call."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from core.errors import NotFound

from .. import policy, services
from ..codes import SanctionLevel, ViolationCode
from ..models import Candidate, Case, CaseLink, CivilServant, Evidence, Involvement, ShareLevel
from ..services.cases import EDITABLE_FIELDS


def words(name: str):
    """A field's label from the model field's own (translated) name, capitalised."""
    return capfirst(_(name))


class NipField(forms.CharField):
    """A civil servant by NIP (typed, not picked: the registry holds far too many for a list)."""

    def __init__(self, **kwargs):
        super().__init__(max_length=18, label=_("NIP"), **kwargs)

    def clean(self, value):
        nip = super().clean(value).replace(" ", "")
        if not nip:
            return None
        servant = CivilServant.objects.select_related("institution").filter(nip=nip).first()
        if servant is None:
            raise forms.ValidationError(
                _("No civil servant with NIP %(nip)s in the registry.") % {"nip": nip}
            )
        return servant


def violation_codes_field():
    return forms.MultipleChoiceField(
        choices=ViolationCode.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=words("violation codes"),
    )


class CaseAddForm(forms.ModelForm):
    """Opening a case (services.open_case): the subject ASN gives the institution and region."""

    violation_codes = violation_codes_field()
    subject = NipField(required=False, help_text=_("NIP of the ASN the case is about, if known."))

    class Meta:
        model = Case
        fields = ["title", "description", "severity", "violation_codes", "contest", "owner_agency"]


class CaseChangeForm(forms.ModelForm):
    violation_codes = violation_codes_field()

    class Meta:
        model = Case
        fields = list(EDITABLE_FIELDS)


class CaseActionForm(forms.Form):
    """One thing done to a case. `needs` is the policy action on the case (view, contribute,
    manage) that shows the form's link; the service checks again, and the workflow adds its own
    agency and role rules."""

    title = ""
    needs = "contribute"

    def submit(self, actor, case):
        raise NotImplementedError


class NoteForm(CaseActionForm):
    title = _("Add a note")
    text = forms.CharField(widget=forms.Textarea, label=words("text"))

    def submit(self, actor, case):
        return services.add_note(actor, case, self.cleaned_data["text"])


class EvidenceForm(CaseActionForm):
    title = _("Add evidence")
    kind = forms.ChoiceField(choices=Evidence.Kind.choices, label=words("kind"))
    file = forms.FileField(required=False, label=words("file"))
    url = forms.URLField(required=False, max_length=500, assume_scheme="https", label=words("url"))
    sha256 = forms.CharField(
        required=False,
        max_length=64,
        label=_("SHA-256"),
        help_text=_("Of what was captured at the URL; computed for a file."),
    )
    description = forms.CharField(required=False, widget=forms.Textarea, label=words("description"))

    def submit(self, actor, case):
        data = self.cleaned_data
        return services.add_evidence(
            actor,
            case,
            data["kind"],
            file=data["file"],
            url=data["url"],
            sha256=data["sha256"],
            description=data["description"],
        )


class InvolvementForm(CaseActionForm):
    title = _("Add a person involved")
    role = forms.ChoiceField(choices=Involvement.Role.choices, label=words("role"))
    civil_servant = NipField(required=False)
    candidate = forms.ModelChoiceField(
        Candidate.objects.select_related("contest"), required=False, label=words("candidate")
    )
    name = forms.CharField(
        required=False,
        max_length=200,
        label=words("name"),
        help_text=_("For someone in neither registry (e.g. a campaign team)."),
    )
    description = forms.CharField(required=False, widget=forms.Textarea, label=words("description"))

    def submit(self, actor, case):
        data = self.cleaned_data
        return services.add_involvement(
            actor,
            case,
            data["role"],
            name=data["name"],
            civil_servant=data["civil_servant"],
            candidate=data["candidate"],
            description=data["description"],
        )


class LinkForm(CaseActionForm):
    title = _("Link to another case")
    needs = "manage"
    to_case = forms.CharField(
        max_length=20, label=_("Case reference"), help_text=_("NET-2024-000123")
    )
    kind = forms.ChoiceField(choices=CaseLink.Kind.choices, label=words("kind"))

    def submit(self, actor, case):
        reference = self.cleaned_data["to_case"].strip().upper()
        try:
            to_case = policy.get_visible(actor, Case.objects, reference=reference)
        except NotFound:
            raise NotFound(
                _("Case %(reference)s not found") % {"reference": reference}, field="to_case"
            ) from None
        return services.link_cases(actor, case, to_case, self.cleaned_data["kind"])


class ShareForm(CaseActionForm):
    title = _("Share or unshare")
    needs = "manage"
    agency = forms.ModelChoiceField(Agency.objects.filter(active=True), label=words("agency"))
    level = forms.ChoiceField(
        choices=[*ShareLevel.choices, ("", _("No access (unshare)"))],
        required=False,
        label=words("level"),
    )

    def submit(self, actor, case):
        agency, level = self.cleaned_data["agency"], self.cleaned_data["level"]
        if level:
            return services.share_case(actor, case, agency, level)
        return services.unshare_case(actor, case, agency)


class TransitionForm(CaseActionForm):
    """A workflow transition: the reason is required, and goes with the case to the agencies
    that receive it (the escalation, the notice and the audit trail keep it)."""

    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        label=_("Reason"),
        help_text=_("Kept in the case's history and sent to the agencies that receive the case."),
    )

    def __init__(self, *args, transition: str, title: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.transition, self.title = transition, title

    def submit(self, actor, case):
        return services.transition_case(
            actor, case, self.transition, reason=self.cleaned_data["reason"]
        )


class RecommendationForm(TransitionForm):
    """The `recommend` transition: it needs the proposed sanction and its reasons."""

    proposed_sanction = forms.ChoiceField(
        choices=SanctionLevel.choices, label=words("proposed sanction")
    )
    text = forms.CharField(widget=forms.Textarea, label=_("Recommendation"))
    field_order = ["proposed_sanction", "text", "reason"]

    def submit(self, actor, case):
        return services.issue_recommendation(actor, case, **self.cleaned_data)


class SanctionForm(TransitionForm):
    """The `record_sanction` transition: the PPK reports the decree."""

    level = forms.ChoiceField(choices=SanctionLevel.choices, label=_("Sanction"))
    measure = forms.CharField(required=False, max_length=300, label=words("measure"))
    decree_number = forms.CharField(max_length=100, label=words("decree number"))
    decree_date = forms.DateField(
        widget=forms.DateInput(attrs={"type": "date"}), label=words("decree date")
    )
    field_order = ["level", "measure", "decree_number", "decree_date", "reason"]

    def submit(self, actor, case):
        return services.record_sanction(actor, case, **self.cleaned_data)


# By URL slug.
CASE_FORMS = {
    "note": NoteForm,
    "evidence": EvidenceForm,
    "involvement": InvolvementForm,
    "link": LinkForm,
    "share": ShareForm,
}
# Transitions that need more than their reason, by name; the others are a TransitionForm.
TRANSITION_FORMS = {"recommend": RecommendationForm, "record_sanction": SanctionForm}
