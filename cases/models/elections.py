"""Elections: contests and their candidates."""

from django.db import models

from core.models import TimestampedModel


class Contest(TimestampedModel):
    """An election contest: pilpres (president), pileg (legislature) or pilkada (regional head)."""

    class Kind(models.TextChoices):
        PILPRES = "pilpres", "Pilpres (presidential)"
        PILEG = "pileg", "Pileg (legislative)"
        PILKADA = "pilkada", "Pilkada (regional head)"

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    region = models.ForeignKey(
        "core.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="contests"
    )
    campaign_start = models.DateField(null=True, blank=True)
    campaign_end = models.DateField(null=True, blank=True)
    voting_day = models.DateField(null=True, blank=True)
    review_threshold = models.FloatField(
        default=0.5, help_text="Findings scoring at least this are suggested for human review."
    )
    case_threshold = models.FloatField(
        default=0.8, help_text="Findings scoring at least this open or join a case."
    )
    exclusions = models.JSONField(
        default=list, blank=True, help_text="Phrases analysts dismissed: never a violation."
    )
    retention_days = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="Days after voting day that posts which are no evidence are kept; empty: the "
        "deployment's RETENTION_DAYS_AFTER_VOTING.",
    )
    epithets = models.JSONField(
        default=list,
        blank=True,
        help_text='What the camps call a candidate: [{"phrase", "ballot_number", "direction": '
        '"pro" | "anti"}], read by detection.',
    )
    owner_agency = models.ForeignKey(
        "agencies.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contests",
        help_text="The agency that imported it first; it may change it besides the detecting "
        "and examining agencies of the active regime.",
    )

    class Meta:
        ordering = ["-voting_day", "slug"]

    def __str__(self):
        return self.name


class Candidate(TimestampedModel):
    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="candidates")
    ballot_number = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=200)
    running_mate = models.CharField(max_length=200, blank=True)
    aliases = models.JSONField(default=list, blank=True)
    parties = models.JSONField(default=list, blank=True)
    hashtags = models.JSONField(default=list, blank=True)
    slogans = models.JSONField(default=list, blank=True)

    class Meta:
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

    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="+")
    candidate = models.ForeignKey(
        Candidate, on_delete=models.CASCADE, related_name="campaign_accounts"
    )
    account = models.ForeignKey(
        "cases.SocialAccount", on_delete=models.CASCADE, related_name="campaign_accounts"
    )

    class Meta:
        ordering = ["contest", "candidate", "account"]
        constraints = [
            models.UniqueConstraint(
                fields=["contest", "account"], name="one_candidate_per_campaign_account"
            )
        ]

    def __str__(self):
        return f"{self.account_id} of {self.candidate}"
