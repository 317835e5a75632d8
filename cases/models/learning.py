"""Learning from the analysts: their labels of posts, the models trained on them, and the
switch for the weekly retraining (cases/services/labels.py and training.py write them)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import TimestampedModel

from ..codes import ViolationCode


class PostLabel(TimestampedModel):
    """An analyst's verdict on one post: the detector's training example from this deployment's
    own feeds. Confirming or dismissing a finding writes it, and so does labelling a post that
    produced no finding (a missed violation). One per post: the latest label wins."""

    class Source(models.TextChoices):
        REVIEW = "review", _("Review of a finding")
        ANALYST = "analyst", _("Labelled by an analyst")

    post = models.OneToOneField(
        "cases.Post", on_delete=models.CASCADE, related_name="label", verbose_name=_("post")
    )
    contest = models.ForeignKey(
        "cases.Contest",
        on_delete=models.CASCADE,
        related_name="post_labels",
        verbose_name=_("contest"),
    )
    violation = models.BooleanField(verbose_name=_("violation"))
    category = models.CharField(
        max_length=30,
        choices=ViolationCode.choices,
        blank=True,
        help_text=_("The violation code; empty when the post is no violation."),
        verbose_name=_("category"),
    )
    source = models.CharField(max_length=10, choices=Source.choices, verbose_name=_("source"))
    finding = models.ForeignKey(
        "cases.Finding",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("finding"),
    )
    labelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("labelled by"),
    )
    labelled_at = models.DateTimeField(verbose_name=_("labelled at"))

    class Meta:
        verbose_name = _("post label")
        verbose_name_plural = _("post labels")
        ordering = ["-labelled_at"]
        indexes = [models.Index(fields=["contest", "labelled_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(violation=False, category="") | Q(violation=True) & ~Q(category=""),
                name="label_category_iff_violation",
            )
        ]

    def __str__(self):
        return f"{self.post_id}: {self.get_category_display() or _('no violation')}"


class DetectorModel(TimestampedModel):
    """A model trained on this deployment's reviews, kept as the plain-array .npz bytes of
    `cases.detection.model.Model.to_bytes` (no pickle). At most one is active; none active
    means the shipped model file."""

    sha = models.CharField(max_length=8, unique=True, verbose_name=_("sha"))
    data = models.BinaryField(verbose_name=_("data"))
    rules = models.CharField(
        max_length=8,
        help_text=_(
            "The rules' sha it was trained under: after an upgrade changes the rules, "
            "the shipped model is used until a retraining."
        ),
        verbose_name=_("rules"),
    )
    active = models.BooleanField(default=False, verbose_name=_("active"))
    contest = models.ForeignKey(
        "cases.Contest",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The contest whose reviews it was trained on; empty: every contest's."),
        verbose_name=_("contest"),
    )
    trained_on = models.JSONField(
        default=dict,
        help_text=_("Counts: shipped posts, reviewed posts, violations among them."),
        verbose_name=_("trained on"),
    )
    cv_folds = models.PositiveSmallIntegerField(default=0, verbose_name=_("cv folds"))
    cv_f1 = models.FloatField(
        null=True, help_text=_("Mean F1 across folds of the reviews."), verbose_name=_("cv f1")
    )
    baseline_sha = models.CharField(max_length=8, blank=True, verbose_name=_("baseline sha"))
    baseline_cv_f1 = models.FloatField(
        null=True,
        help_text=_("The model active at training time, on the same folds."),
        verbose_name=_("baseline cv f1"),
    )
    cv_report = models.JSONField(default=dict, blank=True, verbose_name=_("cv report"))
    activated_at = models.DateTimeField(null=True, blank=True, verbose_name=_("activated at"))
    trained_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("trained by"),
    )

    class Meta:
        verbose_name = _("detector model")
        verbose_name_plural = _("detector models")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["active"], condition=Q(active=True), name="one_active_detector_model"
            )
        ]

    def __str__(self):
        if self.active:
            return _("model %(sha)s (active)") % {"sha": self.sha}
        return _("model %(sha)s") % {"sha": self.sha}


class DetectorTraining(TimestampedModel):
    """The deployment's switch for the weekly retraining on reviews (one row, off by default;
    agency admins of the examining or detecting agency turn it on in admin)."""

    enabled = models.BooleanField(default=False, verbose_name=_("enabled"))
    contest = models.ForeignKey(
        "cases.Contest",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Only this contest's reviews; empty: every contest's."),
        verbose_name=_("contest"),
    )
    folds = models.PositiveSmallIntegerField(
        default=5,
        help_text=_("Cross-validation folds over the reviews (2 to 10)."),
        verbose_name=_("folds"),
    )
    min_reviews = models.PositiveIntegerField(
        default=30,
        help_text=_("Do not retrain on fewer reviewed posts than this."),
        verbose_name=_("min reviews"),
    )
    last_run = models.DateTimeField(null=True, blank=True, verbose_name=_("last run"))
    last_result = models.TextField(blank=True, verbose_name=_("last result"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("updated by"),
    )

    class Meta:
        verbose_name = _("detector training")
        verbose_name_plural = _("detector training")

    def __str__(self):
        return str(_("weekly retraining: on") if self.enabled else _("weekly retraining: off"))

    @classmethod
    def current(cls) -> "DetectorTraining":
        """The deployment's row (its migration creates it); the defaults if it was deleted."""
        return cls.objects.order_by("pk").first() or cls()
