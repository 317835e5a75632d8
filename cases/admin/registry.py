"""Registry, elections and content: readable by every agency user, written by importers and the
API (never from here)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ..models import Candidate, CivilServant, Contest, Post, SocialAccount
from .base import ReadOnlyAdmin, ReadOnlyInline
from .learning import PostLabelling


@admin.register(CivilServant)
class CivilServantAdmin(ReadOnlyAdmin):
    list_display = [
        "name",
        "nip",
        "institution",
        "position",
        "position_type",
        "employment_type",
        "region",
    ]
    list_filter = ["position_type", "employment_type", "institution"]
    search_fields = ["nip", "name"]
    list_select_related = ["institution", "region"]


@admin.register(SocialAccount)
class SocialAccountAdmin(ReadOnlyAdmin):
    list_display = [
        "handle",
        "platform",
        "display_name",
        "owner",
        "campaign_of_candidates",
        "link_method",
        "link_confidence",
    ]
    list_filter = ["platform", "link_method"]
    search_fields = ["handle", "display_name", "owner__nip", "owner__name"]
    list_select_related = ["owner"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("campaign_of__contest")

    @admin.display(description=_("campaign account of"))
    def campaign_of_candidates(self, account):
        return "; ".join(f"{c.name} ({c.contest.slug})" for c in account.campaign_of.all())


class CandidateInline(ReadOnlyInline):
    model = Candidate
    fields = ["ballot_number", "name", "running_mate", "parties", "hashtags"]
    show_change_link = False


@admin.register(Contest)
class ContestAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "region", "campaign_start", "campaign_end", "voting_day"]
    list_filter = ["kind"]
    search_fields = ["name", "slug"]
    list_select_related = ["region"]
    inlines = [CandidateInline]


@admin.register(Candidate)
class CandidateAdmin(ReadOnlyAdmin):
    list_display = ["name", "ballot_number", "running_mate", "contest"]
    list_filter = ["contest"]
    search_fields = ["name", "running_mate"]
    list_select_related = ["contest"]


@admin.register(Post)
class PostAdmin(PostLabelling, ReadOnlyAdmin):
    list_display = ["__str__", "author", "action", "short_text", "posted_at", "source_agency"]
    list_filter = ["platform", "action", "source_agency"]
    search_fields = ["external_id", "author__handle", "text"]
    list_select_related = ["author", "source_agency"]
    raw_id_fields = ["target_post", "target_account"]
    readonly_fields = ["analysts_label"]

    @admin.display(description=_("text"))
    def short_text(self, obj):
        return obj.text[:80]
