"""Jobs: every import and detection run with its progress, and the verdict on each evaluated post."""

from django.conf import settings
from django.db import models

from core.models import TimestampedModel


class Job(TimestampedModel):
    """An import (contest, civil servants, accounts, posts) or a detection re-run.

    A posts job is done when its import has finished (`input_complete`) and the workers have
    evaluated every new post (`processed == total`). Visible to the members of its agency.
    """

    class Kind(models.TextChoices):
        CONTEST = "contest", "Contest import"
        ASN = "asn", "Civil-servant import"
        ACCOUNTS = "accounts", "Account import"
        POSTS = "posts", "Post import and detection"
        DETECTION = "detection", "Detection re-run"

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    reason = models.TextField(blank=True, help_text="Why the job failed.")
    agency = models.ForeignKey(
        "agencies.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="jobs",
        help_text="Whose job it is (the feed's agency for posts); empty: the system's.",
    )
    contest = models.ForeignKey(
        "cases.Contest", null=True, blank=True, on_delete=models.SET_NULL, related_name="jobs"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source = models.CharField(max_length=200, blank=True, help_text="File name or API.")
    strict = models.BooleanField(default=False, help_text="All or nothing.")
    detector_version = models.CharField(max_length=100, blank=True)
    total = models.PositiveIntegerField(default=0, help_text="Posts to evaluate.")
    processed = models.PositiveIntegerField(default=0, help_text="Posts evaluated.")
    input_complete = models.BooleanField(
        default=False, help_text="Every post to evaluate is known."
    )
    chunks_done = models.JSONField(
        default=list,
        blank=True,
        editable=False,
        help_text="Detection chunks credited: a re-delivered chunk is not counted twice.",
    )
    counts = models.JSONField(default=dict, blank=True)
    errors = models.JSONField(
        default=list, blank=True, help_text="Bad lines: [{line, reason}] (the first 1,000)."
    )
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
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
        "cases.Post", on_delete=models.CASCADE, related_name="verdicts", db_index=False
    )
    detector_version = models.CharField(max_length=100)
    job = models.ForeignKey(
        Job,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="verdicts",
        db_index=False,
    )
    violation = models.BooleanField()
    category = models.CharField(max_length=30)
    score = models.FloatField()
    rules = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["post", "detector_version"], name="unique_verdict_per_post_version"
            )
        ]

    def __str__(self):
        return f"{self.post_id}: {self.category} ({self.score:.2f})"
