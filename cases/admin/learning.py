"""Learning from the analysts in admin: labelling a post (its page and the posts list), the
labels, the models trained on them and the weekly retraining switch. Every write is a service
call (cases/services/labels.py and training.py)."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import quote, unquote
from django.http import Http404
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core.admin import PolicyAdmin
from core.errors import ServiceError

from .. import policy
from ..codes import ViolationCode
from ..models import DetectorModel, DetectorTraining, Post, PostLabel
from ..services.labels import label_post
from ..services.training import activate_model, may_train, update_training
from .base import ReadOnlyAdmin, ServiceErrorsAsMessages, form_page, run_each

NO_VIOLATION = ""


class LabelForm(forms.Form):
    title = _("Label the post")
    category = forms.ChoiceField(
        label=_("Verdict"),
        choices=[(NO_VIOLATION, _("No violation")), *ViolationCode.choices],
        required=False,
        help_text=_("What the post is, whatever the detector said: it trains the next model."),
    )

    def submit(self, actor, post):
        category = self.cleaned_data["category"]
        return label_post(actor, post, category != NO_VIOLATION, category or None)


class PostLabelling:
    """Mixed into the post admin: a "Label" page per post and two quick labels for the list."""

    actions = ["label_no_violation", "label_social_media_campaign"]

    def may_label(self, request) -> bool:
        return policy.can_label_post(request.user)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<path:object_id>/label/", view(self.label_view), name="cases_post_label"),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and self.may_label(request):
            context["label_url"] = reverse("admin:cases_post_label", args=[quote(obj.pk)])
        return super().render_change_form(request, context, add, change, form_url, obj)

    @admin.display(description=_("analysts' label"))
    def analysts_label(self, post):
        label = PostLabel.objects.filter(post=post).first()
        if label is None:
            return "-"
        verdict = label.get_category_display() if label.violation else _("no violation")
        return f"{verdict} ({label.get_source_display().lower()}, {date_format(label.labelled_at)})"

    def label_view(self, request, object_id):
        post = self.get_object(request, unquote(object_id))
        if post is None:
            raise Http404(_("post not found"))
        change_url = reverse("admin:cases_post_change", args=[quote(post.pk)])
        return form_page(self, request, post, LabelForm(request.POST or None), change_url)

    @admin.action(description=_("Label the selected posts: no violation"))
    def label_no_violation(self, request, queryset):
        run_each(
            request,
            queryset,
            lambda p: label_post(request.user, p, False),
            _("Labelled no violation"),
        )

    @admin.action(description=_("Label the selected posts: campaigning on social media"))
    def label_social_media_campaign(self, request, queryset):
        code = ViolationCode.SOCIAL_MEDIA_CAMPAIGN
        run_each(
            request,
            queryset,
            lambda p: label_post(request.user, p, True, code),
            _("Labelled campaigning on social media"),
        )


@admin.register(PostLabel)
class PostLabelAdmin(ReadOnlyAdmin):
    """The labels of the posts the user may see (a label is as visible as its post)."""

    list_display = ["post", "contest", "violation", "category", "source", "labelled_at"]
    list_filter = ["violation", "category", "source", "contest"]
    search_fields = ["post__external_id"]
    list_select_related = ["post", "contest"]

    def get_queryset(self, request):
        visible = policy.visible(request.user, Post.objects.all())
        return PostLabel.objects.filter(post__in=visible.values("pk")).select_related(
            "post", "contest"
        )

    def has_module_permission(self, request):
        return policy.admin_allows(request.user, "view", Post)

    def has_view_permission(self, request, obj=None):
        return policy.admin_allows(request.user, "view", Post)


class TrainingPages(PolicyAdmin):
    """Deployment-wide rows that name no case or agency: every agency user reads them; only who
    may retrain the detector (services/training.py: may_train) acts on them."""

    def has_module_permission(self, request):
        return policy.reads_anything(request.user)

    def has_view_permission(self, request, obj=None):
        return policy.reads_anything(request.user)

    def get_queryset(self, request):
        return (
            self.model.objects.all()
            if policy.reads_anything(request.user)
            else self.model.objects.none()
        )

    def get_actions(self, request):
        return super().get_actions(request) if may_train(request.user) else {}


@admin.register(DetectorModel)
class DetectorModelAdmin(TrainingPages):
    list_display = ["sha", "active", "cv_f1", "baseline_cv_f1", "cv_folds", "contest", "created_at"]
    list_filter = ["active"]
    exclude = ["data"]
    readonly_fields = [
        "sha",
        "rules",
        "active",
        "activated_at",
        "contest",
        "trained_on",
        "cv_folds",
        "cv_f1",
        "baseline_sha",
        "baseline_cv_f1",
        "cv_report",
        "trained_by",
        "created_at",
    ]
    actions = ["activate", "use_shipped_model"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Activate the selected model"))
    def activate(self, request, queryset):
        if len(queryset) != 1:
            messages.error(request, _("Select exactly one model to activate."))
            return
        run_each(request, queryset, lambda row: activate_model(request.user, row), _("Activated"))

    @admin.action(description=_("Go back to the shipped model"))
    def use_shipped_model(self, request, queryset):
        try:
            activate_model(request.user, None)
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The shipped model is active again."))


@admin.register(DetectorTraining)
class DetectorTrainingAdmin(ServiceErrorsAsMessages, TrainingPages):
    list_display = ["__str__", "contest", "folds", "min_reviews", "last_run", "last_result"]
    fields = ["enabled", "contest", "folds", "min_reviews", "last_run", "last_result"]
    readonly_fields = ["last_run", "last_result"]

    def has_add_permission(self, request):
        return False  # one row per deployment, created by its migration

    def has_change_permission(self, request, obj=None):
        return may_train(request.user)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        update_training(
            request.user, **{name: form.cleaned_data[name] for name in form.changed_data}
        )
