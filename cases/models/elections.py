"""Elections: contests and their candidates."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import TimestampedModel


class Contest(TimestampedModel):
    """An election contest: pilpres (president), pileg (legislature) or pilkada (regional head)."""

    class Kind(models.TextChoices):
        PILPRES = "pilpres", _("Pilpres (presidential)")
        PILEG = "pileg", _("Pileg (legislative)")
        PILKADA = "pilkada", _("Pilkada (regional head)")

    slug = models.SlugField(max_length=80, unique=True, verbose_name=_("slug"))
    name = models.CharField(max_length=200, verbose_name=_("name"))
    kind = models.CharField(max_length=10, choices=Kind.choices, verbose_name=_("kind"))
    region = models.ForeignKey(
        "core.Region",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contests",
        verbose_name=_("region"),
    )
    campaign_start = models.DateField(null=True, blank=True, verbose_name=_("campaign start"))
    campaign_end = models.DateField(null=True, blank=True, verbose_name=_("campaign end"))
    voting_day = models.DateField(null=True, blank=True, verbose_name=_("voting day"))
    review_threshold = models.FloatField(
        default=0.5,
        help_text=_("Findings scoring at least this are suggested for human review."),
        verbose_name=_("review threshold"),
    )
    case_threshold = models.FloatField(
        default=0.8,
        help_text=_("Findings scoring at least this open or join a case."),
        verbose_name=_("case threshold"),
    )
    exclusions = models.JSONField(
        default=list,
        blank=True,
        help_text=_("Phrases analysts dismissed: never a violation."),
        verbose_name=_("exclusions"),
    )
    retention_days = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text=_(
            "Days after voting day that posts which are no evidence are kept; empty: the "
            "deployment's RETENTION_DAYS_AFTER_VOTING."
        ),
        verbose_name=_("retention days"),
    )
    epithets = models.JSONField(
        default=list,
        blank=True,
        help_text=_(
            'What the camps call a candidate: [{"phrase", "ballot_number", "direction": '
            '"pro" | "anti"}], read by detection.'
        ),
        verbose_name=_("epithets"),
    )
    owner_agency = models.ForeignKey(
        "agencies.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contests",
        help_text=_(
            "The agency that imported it first; it may change it besides the detecting "
            "and examining agencies of the active regime."
        ),
        verbose_name=_("owner agency"),
    )

    class Meta:
        verbose_name = _("contest")
        verbose_name_plural = _("contests")
        ordering = ["-voting_day", "slug"]

    def __str__(self):
        return self.name


class Candidate(TimestampedModel):
    contest = models.ForeignKey(
        Contest, on_delete=models.CASCADE, related_name="candidates", verbose_name=_("contest")
    )
    ballot_number = models.PositiveSmallIntegerField(verbose_name=_("ballot number"))
    name = models.CharField(max_length=200, verbose_name=_("name"))
    running_mate = models.CharField(max_length=200, blank=True, verbose_name=_("running mate"))
    aliases = models.JSONField(default=list, blank=True, verbose_name=_("aliases"))
    parties = models.JSONField(default=list, blank=True, verbose_name=_("parties"))
    hashtags = models.JSONField(default=list, blank=True, verbose_name=_("hashtags"))
    slogans = models.JSONField(default=list, blank=True, verbose_name=_("slogans"))

    class Meta:
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        ordering = ["contest", "ballot_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["contest", "ballot_number"], name="unique_ballot_number_per_contest"
            )
        ]

    def __str__(self):
        return f"{self.ballot_number:02d} {self.name}"


class CampaignAccount(TimestampedModel):
    """A candidate's official account in one contest. A person who runs in several contests
    (@prabowo in 2019 and 2024) has a row per contest, so importing one contest never takes the
    account from another; within a contest an account belongs to one candidate."""

    contest = models.ForeignKey(
        Contest, on_delete=models.CASCADE, related_name="+", verbose_name=_("contest")
    )
    candidate = models.ForeignKey(
        Candidate,
        on_delete=models.CASCADE,
        related_name="campaign_accounts",
        verbose_name=_("candidate"),
    )
    account = models.ForeignKey(
        "cases.SocialAccount",
        on_delete=models.CASCADE,
        related_name="campaign_accounts",
        verbose_name=_("account"),
    )

    class Meta:
        verbose_name = _("campaign account")
        verbose_name_plural = _("campaign accounts")
        ordering = ["contest", "candidate", "account"]
        constraints = [
            models.UniqueConstraint(
                fields=["contest", "account"], name="one_candidate_per_campaign_account"
            )
        ]

    def __str__(self):
        return _("%(account)s of %(candidate)s") % {
            "account": self.account,
            "candidate": self.candidate,
        }
