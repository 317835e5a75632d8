"""Shared vocabularies of the case graph: violation codes (SKB 2022 annex) and sanctions."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ViolationCode(models.TextChoices):
    SOCIAL_MEDIA_CAMPAIGN = "SOCIAL_MEDIA_CAMPAIGN", _("Campaigning on social or online media")
    ENGAGEMENT_WITH_CAMPAIGN = (
        "ENGAGEMENT_WITH_CAMPAIGN",
        _("Engaging with campaign content or accounts"),
    )
    PHOTO_WITH_CANDIDATE = (
        "PHOTO_WITH_CANDIDATE",
        _("Photos with a candidate, props or ballot gestures"),
    )
    CAMPAIGN_PROPS = "CAMPAIGN_PROPS", _("Putting up banners or campaign props")
    ATTENDING_DECLARATION = "ATTENDING_DECLARATION", _("Attending a candidate's declaration")
    CAMPAIGN_PARTICIPATION = (
        "CAMPAIGN_PARTICIPATION",
        _("Taking part in campaign or sosialisasi events"),
    )
    PARTISAN_ACTIVITY = (
        "PARTISAN_ACTIVITY",
        _("Partisan meetings, appeals, gifts or mobilising ASN"),
    )
    WINNING_TEAM = "WINNING_TEAM", _("On a campaign or winning team")
    APPROACHING_PARTY = "APPROACHING_PARTY", _("Approaching a party for nomination")
    PARTY_MEMBERSHIP = "PARTY_MEMBERSHIP", _("Party membership or office")
    KTP_SUPPORT = "KTP_SUPPORT", _("Giving an ID-card copy in support of a candidate")
    BIASED_DECISION = "BIASED_DECISION", _("A decision favouring or harming a candidate")


class SanctionLevel(models.TextChoices):
    """Moral sanctions per PP 42/2004 and disciplinary sanctions per PP 94/2021."""

    MORAL_CLOSED = "moral_closed", _("Moral: closed statement (pernyataan tertutup)")
    MORAL_OPEN = "moral_open", _("Moral: open statement (pernyataan terbuka)")
    LIGHT = "light", _("Disciplinary: light (ringan)")
    MEDIUM = "medium", _("Disciplinary: medium (sedang)")
    HEAVY = "heavy", _("Disciplinary: heavy (berat)")
    DISMISSAL = "dismissal", _("Disciplinary: dismissal (pemberhentian)")

    @classmethod
    def kind(cls, level: str) -> str:
        return "moral" if level.startswith("moral") else "disciplinary"


# The typical sanction the SKB annex maps each form of violation to (DESIGN.md).
TYPICAL_SANCTION = {
    ViolationCode.SOCIAL_MEDIA_CAMPAIGN: SanctionLevel.HEAVY,
    ViolationCode.ENGAGEMENT_WITH_CAMPAIGN: SanctionLevel.HEAVY,
    ViolationCode.PHOTO_WITH_CANDIDATE: SanctionLevel.MORAL_OPEN,
    ViolationCode.CAMPAIGN_PROPS: SanctionLevel.HEAVY,
    ViolationCode.ATTENDING_DECLARATION: SanctionLevel.HEAVY,
    ViolationCode.CAMPAIGN_PARTICIPATION: SanctionLevel.MORAL_OPEN,
    ViolationCode.PARTISAN_ACTIVITY: SanctionLevel.HEAVY,
    ViolationCode.WINNING_TEAM: SanctionLevel.MEDIUM,
    ViolationCode.APPROACHING_PARTY: SanctionLevel.MEDIUM,
    ViolationCode.PARTY_MEMBERSHIP: SanctionLevel.DISMISSAL,
    ViolationCode.KTP_SUPPORT: SanctionLevel.HEAVY,
    ViolationCode.BIASED_DECISION: SanctionLevel.HEAVY,
}


class Platform(models.TextChoices):
    X = "x", _("X (Twitter)")
    FACEBOOK = "facebook", _("Facebook")
    INSTAGRAM = "instagram", _("Instagram")
    TIKTOK = "tiktok", _("TikTok")
    YOUTUBE = "youtube", _("YouTube")
    THREADS = "threads", _("Threads")
    WHATSAPP = "whatsapp", _("WhatsApp")


def normalize_handle(handle: str) -> str:
    """Handles compare case-insensitively without the leading @ (`@Budi_S ` -> `budi_s`)."""
    return handle.strip().lstrip("@").lower()
