"""Demo cases, written only through cases.services: as the demo user of the agency that would act
(`bawaslu.analyst`, `bkn.supervisor`, `bupati-bogor.supervisor`, ... from agencies/demo.py), or as
the system where detection or a deadline sweep acts. Who acts is read from the active regime, so
the demo follows SKB 2022 (KASN) or UU 20/2023 (BKN) alike. Cases end in every workflow status
and are shared by the regime's rules plus the few shares staff would make by hand."""

import datetime
import hashlib

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from .. import services
from ..codes import TYPICAL_SANCTION, ViolationCode
from ..models import Case, Escalation, Finding, Function, Post, Transition
from ..workflow import Resolver, active_regime
from .registry import NAMED_POST

# How many cases end in each status, and the transitions that get them there (variants in turn).
STATUS_COUNTS = {
    "intake": 6,
    "examination": 6,
    "dismissed": 4,
    "assessment": 5,
    "not_proven": 3,
    "recommended": 5,
    "enforcement": 3,
    "sanctioned": 4,
    "closed": 6,
}
FORWARD = ["start_examination", "forward_to_supervisor"]
PATHS = {
    "intake": [[]],
    "examination": [["start_examination"]],
    "dismissed": [["start_examination", "dismiss"]],
    "assessment": [FORWARD],
    "not_proven": [[*FORWARD, "declare_not_proven"]],
    "recommended": [[*FORWARD, "recommend"]],
    "enforcement": [[*FORWARD, "recommend", "mark_ppk_overdue"]],
    "sanctioned": [
        [*FORWARD, "recommend", "record_sanction"],
        [*FORWARD, "recommend", "mark_ppk_overdue", "record_sanction"],
    ],
    "closed": [
        [*FORWARD, "recommend", "record_sanction", "close"],
        ["start_examination", "dismiss", "close"],
        [*FORWARD, "declare_not_proven", "close"],
    ],
}
# What the agency holding the case writes after a step.
NOTES = {
    "start_examination": "Klarifikasi terhadap terlapor dijadwalkan minggu ini.",
    "dismiss": "Hasil kajian: bukan pelanggaran netralitas ASN (informasi resmi, bukan kampanye).",
    "forward_to_supervisor": "Rekomendasi Bawaslu diterima; asesmen dimulai.",
    "declare_not_proven": "Bukti tidak cukup: akun tidak terbukti milik terlapor.",
    "recommend": "Rekomendasi diterima BKPSDM; pemeriksaan disiplin dijadwalkan.",
    "mark_ppk_overdue": "Tenggat tindak lanjut lewat; menunggu keputusan PPK.",
    "record_sanction": "Keputusan sanksi telah disampaikan kepada yang bersangkutan.",
    "close": "Kasus selesai.",
}
OFFLINE_CODES = [
    ViolationCode.PHOTO_WITH_CANDIDATE,
    ViolationCode.ATTENDING_DECLARATION,
    ViolationCode.CAMPAIGN_PARTICIPATION,
    ViolationCode.PARTISAN_ACTIVITY,
    ViolationCode.CAMPAIGN_PROPS,
    ViolationCode.WINNING_TEAM,
]
DETECTOR_VERSION = "demo-rules-1"


def sha256_of(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


class DemoCases:
    def __init__(self, system, contest, candidates, servants, posts, rng, fake):
        self.system, self.contest, self.candidates = system, contest, candidates
        self.servants, self.rng, self.fake = servants, rng, fake
        self.regime = active_regime()
        self.resolve = Resolver(self.regime)
        self.examiner = self.resolve(Function.EXAMINER)
        self.users = {
            user.username: user
            for user in get_user_model()
            .objects.filter(membership__isnull=False)
            .select_related("membership__agency")
        }
        # Campaign content by ASN-owned accounts: what detection flags. The named ASN's post is
        # kept for his own case (follow_named_subject).
        self.named_post = next((p for p in posts if p.text == NAMED_POST), None)
        self.flagged = [
            post
            for post in posts
            if post.author.owner_id
            and post is not self.named_post
            and (post.action != Post.Action.POST or "#" in post.text or "coblos" in post.text)
        ]
        rng.shuffle(self.flagged)

    def user(self, agency, role: str):
        return self.users[f"{agency.code.lower()}.{role}"]

    def run(self) -> None:
        opened = {}
        for status, count in STATUS_COUNTS.items():
            for index in range(count):
                case = self.open(len(opened))
                for name in PATHS[status][index % len(PATHS[status])]:
                    case = self.fire(case, name)
                opened.setdefault(status, []).append(case)
        self.share_by_hand(opened)
        self.leave_findings_for_review()
        self.follow_named_subject()

    # --- intake ----------------------------------------------------------------------------

    def open(self, number: int) -> Case:
        """Every third case comes from detection, a public complaint or a Bawaslu finding."""
        analyst = self.user(self.examiner, "analyst")
        if number % 3 == 0 and self.flagged:
            post = self.flagged.pop()
            subject, case = post.author.owner, self.open_detected(post)
        elif number % 3 == 1:
            subject, code = self.rng.choice(self.servants), self.rng.choice(OFFLINE_CODES)
            report = services.submit_report(
                analyst,
                channel="public_complaint",
                about=f"{subject.name}, {subject.position}",
                text=f"Saya melihat {subject.name} {ViolationCode(code).label.lower()}.",
                subject=subject,
                reporter_name=self.fake.name(),
                reporter_contact=self.fake.phone_number(),
            )
            case = services.open_case(
                analyst, **self.case_fields(subject, code), intake_channel="public_complaint"
            )
            services.add_finding(
                analyst,
                report=report,
                case=case,
                subject=subject,
                score=1.0,
                violation_code=code,
                contest=self.contest,
                explanation=["laporan masyarakat"],
            )
        else:
            subject, code = self.rng.choice(self.servants), self.rng.choice(OFFLINE_CODES)
            case = services.open_case(analyst, **self.case_fields(subject, code))
            url = f"https://bawaslu.example/temuan/{number}.jpg"
            services.add_evidence(
                analyst,
                case,
                "photo",
                url=url,
                sha256=sha256_of(url),
                description="Foto temuan pengawas lapangan",
            )
            services.add_evidence(
                analyst,
                case,
                "document",
                file=ContentFile(
                    f"Berita acara pengawasan {case.reference}: {subject.name}.\n".encode(),
                    name=f"berita-acara-{number}.txt",
                ),
                description="Berita acara pengawas lapangan",
            )
        self.add_people(analyst, case, subject)
        return case

    def open_detected(self, post) -> Case:
        """The case detection opens for the examiner on a flagged post, with the post as
        evidence."""
        code = (
            ViolationCode.SOCIAL_MEDIA_CAMPAIGN
            if post.action == Post.Action.POST
            else ViolationCode.ENGAGEMENT_WITH_CAMPAIGN
        )
        case = services.open_case(
            self.system,
            **self.case_fields(post.author.owner, code),
            intake_channel="detection",
            owner_agency=self.examiner,
            source_agency=self.resolve(Function.DETECTOR),
        )
        self.detect(post, code, case)
        services.add_evidence(
            self.system, case, "captured_post", post=post, url=post.url, sha256=post.record_sha256
        )
        return case

    def case_fields(self, subject, code) -> dict:
        return {
            "title": f"{ViolationCode(code).label}: {subject.name}",
            "subject": subject,
            "violation_codes": [code],
            "contest": self.contest,
            "severity": self.rng.choice(["low", "medium", "medium", "high"]),
        }

    def detect(self, post, code, case=None):
        return services.add_finding(
            self.system,
            post=post,
            case=case,
            subject=post.author.owner,
            contest=self.contest,
            violation_code=code,
            score=round(self.rng.uniform(0.55, 0.99), 2),
            explanation=[post.text or f"{post.action} of campaign content"],
            detector_version=DETECTOR_VERSION,
        )

    def add_people(self, analyst, case, subject) -> None:
        """The candidate who benefits, and often who pressured the ASN (a superior or a team)."""
        if self.rng.random() < 0.6:
            services.add_involvement(
                analyst, case, "beneficiary_candidate", candidate=self.rng.choice(self.candidates)
            )
        if self.rng.random() < 0.35:
            superiors = [
                s
                for s in self.servants
                if s.institution_id == subject.institution_id
                and s.position_type in ("jpt", "administrator")
                and s.pk != subject.pk
            ]
            if superiors and self.rng.random() < 0.6:
                services.add_involvement(
                    analyst,
                    case,
                    "pressuring_party",
                    civil_servant=self.rng.choice(superiors),
                    description="Atasan yang meminta dukungan untuk paslon.",
                )
            else:
                services.add_involvement(
                    analyst,
                    case,
                    "pressuring_party",
                    name="Tim pemenangan kecamatan",
                    description="Mengarahkan ASN hadir di acara kampanye.",
                )

    # --- the flow --------------------------------------------------------------------------

    def fire(self, case: Case, name: str) -> Case:
        """One step by whoever the regime says fires it; then the receivers mostly acknowledge
        and the agency now holding the case writes a note."""
        transition = Transition.objects.get(regime=self.regime, name=name, from_status=case.status)
        if transition.system_allowed:  # a deadline sweep, as the scheduled task would
            services.transition_case(self.system, case, name, system=True)
        else:
            actor = self.user(
                Resolver(self.regime, case)(transition.actor_function), transition.min_role
            )
            code = case.violation_codes[0]
            if name == "recommend":
                services.issue_recommendation(
                    actor,
                    case,
                    proposed_sanction=TYPICAL_SANCTION[code],
                    text=f"Terbukti melanggar netralitas ({ViolationCode(code).label}).",
                )
            elif name == "record_sanction":
                services.record_sanction(
                    actor,
                    case,
                    level=TYPICAL_SANCTION[code],
                    measure="Sesuai rekomendasi",
                    decree_number=f"800/{case.pk}/BKPSDM/{timezone.localdate().year}",
                    decree_date=timezone.localdate() - datetime.timedelta(days=1),
                )
            else:
                services.transition_case(actor, case, name)
        case = Case.objects.select_related("holder_agency", "institution").get(pk=case.pk)
        for escalation in case.escalations.filter(step=name, status=Escalation.Status.OPEN):
            if self.rng.random() < 0.7:
                services.acknowledge_escalation(
                    self.user(escalation.to_agency, "analyst"), escalation
                )
        services.add_note(self.user(case.holder_agency, "analyst"), case, NOTES[name])
        return case

    def share_by_hand(self, opened: dict) -> None:
        """Bawaslu asks BSSN's help on detected cases, shares one case by mistake and takes it
        back, and marks a complaint as the duplicate of a case already examined."""
        supervisor = self.user(self.examiner, "supervisor")
        detector = self.resolve(Function.DETECTOR)
        for case in opened["intake"] + opened["examination"]:
            if case.intake_channel == "detection":
                services.share_case(supervisor, case, detector, "contribute")
        mistaken = opened["examination"][0]
        services.share_case(supervisor, mistaken, self.resolve(Function.MERIT_SUPERVISOR), "read")
        services.unshare_case(supervisor, mistaken, self.resolve(Function.MERIT_SUPERVISOR))
        services.link_cases(
            supervisor, opened["intake"][-1], opened["examination"][-1], "duplicate_of"
        )
        services.link_cases(supervisor, opened["intake"][0], opened["examination"][0], "related")

    def follow_named_subject(self) -> None:
        """The README's civil servant: his campaign post is detected, the examiner examines it and
        forwards it; the neutrality supervisor now assesses it."""
        if self.named_post is None:
            return
        case = self.open_detected(self.named_post)
        for name in FORWARD:
            case = self.fire(case, name)

    def leave_findings_for_review(self) -> None:
        """Detections not yet in a case wait with the examiner; analysts have reviewed some."""
        analyst = self.user(self.examiner, "analyst")
        for number, post in enumerate(self.flagged[:8]):
            finding = self.detect(
                post,
                ViolationCode.ENGAGEMENT_WITH_CAMPAIGN
                if post.action != Post.Action.POST
                else ViolationCode.SOCIAL_MEDIA_CAMPAIGN,
            )
            if number < 3:  # "I liked it by accident" / "only sharing information"
                services.review_finding(analyst, finding, Finding.Status.DISMISSED)
            elif number == 3:
                services.review_finding(analyst, finding, Finding.Status.CONFIRMED)
