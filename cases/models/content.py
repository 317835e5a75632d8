"""Content as captured by monitoring systems: posts and the actions ASN take on them."""

from django.db import models

from core.models import TimestampedModel

from ..codes import Platform


class Post(TimestampedModel):
    """One captured action: a post, or a share/comment/like of other content, or a follow."""

    class Action(models.TextChoices):
        POST = "post", "Post"
        SHARE = "share", "Share"
        COMMENT = "comment", "Comment"
        LIKE = "like", "Like"
        FOLLOW = "follow", "Follow"

    platform = models.CharField(max_length=20, choices=Platform.choices)
    external_id = models.CharField(max_length=200)
    author = models.ForeignKey(
        "cases.SocialAccount", on_delete=models.PROTECT, related_name="posts"
    )
    action = models.CharField(max_length=10, choices=Action.choices, default=Action.POST)
    text = models.TextField(blank=True)
    target_post = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="reactions"
    )
    target_account = models.ForeignKey(
        "cases.SocialAccount",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="followers",
    )
    url = models.URLField(max_length=500, blank=True)
    posted_at = models.DateTimeField(null=True, blank=True)
    captured_at = models.DateTimeField()
    record_sha256 = models.CharField(max_length=64, help_text="SHA-256 of the captured record.")
    record = models.JSONField(default=dict, help_text="The record as captured.")
    contest = models.ForeignKey(
        "cases.Contest", null=True, blank=True, on_delete=models.SET_NULL, related_name="posts"
    )
    source_agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="captured_posts",
        help_text="The agency whose feed supplied the post.",
    )

    class Meta:
        ordering = ["-captured_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["platform", "external_id"], name="unique_post_per_platform"
            )
        ]
        indexes = [models.Index(fields=["contest", "captured_at"])]

    def __str__(self):
        return f"{self.platform}:{self.external_id}"
