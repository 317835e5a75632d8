"""Jobs: every import and detection run with its progress, and the verdict on each evaluated post."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import TimestampedModel

from ..codes import ViolationCode


class Job(TimestampedModel):
    """An import (contest, civil servants, accounts, posts) or a detection re-run.

    A posts job is done when its import has finished (`input_complete`) and the workers have
    evaluated every new post (`processed == total`). Visible to the members of its agency.
    """

    class Kind(models.TextChoices):
        CONTEST = "contest", _("Contest import")
        ASN = "asn", _("Civil-servant import")
        ACCOUNTS = "accounts", _("Account import")
        POSTS = "posts", _("Post import and detection")
        DETECTION = "detection", _("Detection re-run")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    kind = models.CharField(max_length=20, choices=Kind.choices, verbose_name=_("kind"))
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.QUEUED, verbose_name=_("status")
    )
    reason = models.TextField(
        blank=True, help_text=_("Why the job failed."), verbose_name=_("reason")
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="jobs",
        help_text=_("Whose job it is (the feed's agency for posts); empty: the system's."),
        verbose_name=_("agency"),
    )
    contest = models.ForeignKey(
        "cases.Contest",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="jobs",
        verbose_name=_("contest"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    source = models.CharField(
        max_length=200, blank=True, help_text=_("File name or API."), verbose_name=_("source")
    )
    strict = models.BooleanField(
        default=False, help_text=_("All or nothing."), verbose_name=_("strict")
    )
    detector_version = models.CharField(
        max_length=100, blank=True, verbose_name=_("detector version")
    )
    total = models.PositiveIntegerField(
        default=0, help_text=_("Posts to evaluate."), verbose_name=_("total")
    )
    processed = models.PositiveIntegerField(
        default=0, help_text=_("Posts evaluated."), verbose_name=_("processed")
    )
    input_complete = models.BooleanField(
        default=False,
        help_text=_("Every post to evaluate is known."),
        verbose_name=_("input complete"),
    )
    chunks_done = models.JSONField(
        default=list,
        blank=True,
        editable=False,
        help_text=_("Detection chunks credited: a re-delivered chunk is not counted twice."),
        verbose_name=_("chunks done"),
    )
    counts = models.JSONField(default=dict, blank=True, verbose_name=_("counts"))
    errors = models.JSONField(
        default=list,
        blank=True,
        help_text=_("Bad lines: [{line, reason}] (the first 1,000)."),
        verbose_name=_("errors"),
    )
    started_at = models.DateTimeField(null=True, blank=True, verbose_name=_("started at"))
    finished_at = models.DateTimeField(null=True, blank=True, verbose_name=_("finished at"))

    class Meta:
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["agency", "-created_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk}"


class PostVerdict(models.Model):
    """The detector's verdict on one post under one detector version, violation or not.

    Also the marker that makes detection idempotent: the unique (post, version) pair is inserted
    before any finding, so a re-delivered chunk stops there. Slim on purpose (no updated_at):
    there is one row per ingested post.
    """

    # No index of their own: the unique (post, version) key serves lookups by post, and jobs
    # are not queried by verdict; every index is written once per ingested post.
    post = models.ForeignKey(
        "cases.Post",
        on_delete=models.CASCADE,
        related_name="verdicts",
        db_index=False,
        verbose_name=_("post"),
    )
    detector_version = models.CharField(max_length=100, verbose_name=_("detector version"))
    job = models.ForeignKey(
        Job,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="verdicts",
        db_index=False,
        verbose_name=_("job"),
    )
    violation = models.BooleanField(verbose_name=_("violation"))
    category = models.CharField(max_length=30, verbose_name=_("category"))
    score = models.FloatField(verbose_name=_("score"))
    rules = models.JSONField(default=list, blank=True, verbose_name=_("rules"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    class Meta:
        verbose_name = _("post verdict")
        verbose_name_plural = _("post verdicts")
        constraints = [
            models.UniqueConstraint(
                fields=["post", "detector_version"], name="unique_verdict_per_post_version"
            )
        ]

    def __str__(self):
        words = dict(ViolationCode.choices).get(self.category, self.category)
        return f"{self.post_id}: {words} ({self.score:.2f})"
