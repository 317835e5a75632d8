"""Content as captured by monitoring systems: posts and the actions ASN take on them."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import TimestampedModel

from ..codes import Platform


class Post(TimestampedModel):
    """One captured action: a post, or a share/comment/like of other content, or a follow."""

    class Action(models.TextChoices):
        POST = "post", _("Post")
        SHARE = "share", _("Share")
        COMMENT = "comment", _("Comment")
        LIKE = "like", _("Like")
        FOLLOW = "follow", _("Follow")

    platform = models.CharField(max_length=20, choices=Platform.choices, verbose_name=_("platform"))
    external_id = models.CharField(max_length=200, verbose_name=_("external id"))
    author = models.ForeignKey(
        "cases.SocialAccount",
        on_delete=models.PROTECT,
        related_name="posts",
        verbose_name=_("author"),
    )
    action = models.CharField(
        max_length=10, choices=Action.choices, default=Action.POST, verbose_name=_("action")
    )
    text = models.TextField(blank=True, verbose_name=_("text"))
    target_post = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reactions",
        verbose_name=_("target post"),
    )
    target_account = models.ForeignKey(
        "cases.SocialAccount",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="followers",
        verbose_name=_("target account"),
    )
    url = models.URLField(max_length=500, blank=True, verbose_name=_("url"))
    posted_at = models.DateTimeField(null=True, blank=True, verbose_name=_("posted at"))
    captured_at = models.DateTimeField(verbose_name=_("captured at"))
    record_sha256 = models.CharField(
        max_length=64,
        help_text=_("SHA-256 of the captured record."),
        verbose_name=_("record sha256"),
    )
    record = models.JSONField(
        default=dict, help_text=_("The record as captured."), verbose_name=_("record")
    )
    contest = models.ForeignKey(
        "cases.Contest",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="posts",
        verbose_name=_("contest"),
    )
    source_agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="captured_posts",
        help_text=_("The agency whose feed supplied the post."),
        verbose_name=_("source agency"),
    )

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["-captured_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["platform", "external_id"], name="unique_post_per_platform"
            )
        ]
        indexes = [models.Index(fields=["contest", "captured_at"])]

    def __str__(self):
        return f"{self.platform}:{self.external_id}"
