"""Demo registry and content: a fictional pilkada in Jawa Barat, a few hundred ASN, their social
accounts and what they posted during the campaign.

These rows are what importers and monitoring feeds supply, not decisions on the case graph, so
they are bulk-loaded (one INSERT per few hundred rows keeps seed_demo fast) and each bulk load is
audited as one event naming the model and the row count: the trail records that an import
happened and how large it was; an event per row would only repeat the import itself.
"""

import datetime

from django.utils import timezone

from agencies.models import Agency, Institution
from core import audit
from core.models import Region

from ..codes import Platform
from ..importers import record_sha256
from ..models import CampaignAccount, Candidate, CivilServant, Contest, Post, SocialAccount
from ..nip import FIRST_PPPK_YEAR, PPPK_CODES

CONTEST = dict(
    slug="pilgub-jabar-2024",
    name="Pemilihan Gubernur Jawa Barat 2024 (fiktif)",
    kind=Contest.Kind.PILKADA,
    campaign_start=datetime.date(2024, 9, 25),
    campaign_end=datetime.date(2024, 11, 23),
    voting_day=datetime.date(2024, 11, 27),
)

# Invented candidates and parties (any likeness to real people is accidental).
CANDIDATES = [
    dict(ballot_number=1, name="Asep Saepudin", running_mate="Nining Kurniasih",
         aliases=["Kang Asep", "Asep Nining"],
         parties=["Partai Karya Nusantara", "Partai Suara Tani"],
         hashtags=["#AsepNining", "#JabarJuara", "#Coblos01Jabar"],
         slogans=["Jabar Juara Bareng Rakyat"],
         accounts=[("instagram", "asepnining.official"), ("x", "asepnining_jbr"),
                   ("tiktok", "asepnining01")]),
    dict(ballot_number=2, name="Dewi Rahmawati", running_mate="Ujang Permana",
         aliases=["Teh Dewi", "Dewi Ujang"], parties=["Partai Gema Persatuan"],
         hashtags=["#DewiUjang", "#JabarBerubah"], slogans=["Saatnya Jabar Berubah"],
         accounts=[("instagram", "dewiujang.id"), ("facebook", "dewiujanguntukjabar")]),
    dict(ballot_number=3, name="Rudi Gunawan", running_mate="Euis Komariah",
         aliases=["Kang Rudi", "Abah Rudi"],
         parties=["Partai Bintang Rakyat", "Partai Nurani Bangsa"],
         hashtags=["#RudiEuis", "#JabarSejahtera"], slogans=["Sejahtera Tanpa Kecuali"],
         accounts=[("instagram", "rudieuis.jabar"), ("x", "rudieuis2024")]),
]  # fmt: skip

# ASN per demo institution (agencies/demo.py); the contest is in Jawa Barat, so most work there.
ASN_PER_INSTITUTION = {
    "Pemerintah Provinsi Jawa Barat": 130,
    "Pemerintah Kabupaten Bogor": 90,
    "Kementerian Kesehatan": 40,
    "Pemerintah Kota Surabaya": 30,
    "Pemerintah Kabupaten Sleman": 30,
}
# The civil servant the README's examples look up by NIP (its layout: born 12 March 1985,
# appointed January 2010, male, number 001); the demo follows his cases (cases.py, history.py).
NAMED_ASN = dict(
    nip="198503122010011001",
    name="Budi Santoso, S.Sos.",
    institution="Pemerintah Kabupaten Bogor",
    position="Camat",
    position_type="administrator",
    employment_type="PNS",
)
NAMED_ACCOUNT = ("instagram", "budisantoso.camat")
NAMED_POST = "Kang Asep pemimpin yang kita tunggu! Coblos nomor 01 ya warga Cibinong #AsepNining"

POSITIONS = [
    ("Kepala Dinas", "jpt"),
    ("Kepala Bidang", "administrator"),
    ("Camat", "administrator"),
    ("Kepala Seksi", "supervisor"),
    ("Lurah", "supervisor"),
    ("Analis Kebijakan", "functional"),
    ("Guru", "functional"),
    ("Perawat", "functional"),
    ("Penyuluh Pertanian", "functional"),
    ("Pengadministrasi Umum", "executor"),
    ("Staf Pelaksana", "executor"),
    ("Pengemudi", "executor"),
]
PLATFORMS = [Platform.FACEBOOK, Platform.INSTAGRAM, Platform.TIKTOK, Platform.X]
NEUTRAL = [
    "Pelayanan KTP elektronik di kecamatan buka sampai pukul 15.00.",
    "Info resmi KPU: cek nama Anda di DPT lewat cekdptonline.kpu.go.id.",
    "Bawaslu mengingatkan ASN wajib netral dalam Pilkada 2024.",
    "Selamat Hari Guru Nasional untuk semua guru hebat di Jawa Barat.",
    "Jalan provinsi di ruas Cianjur sedang diperbaiki, mohon bersabar.",
    "Kritik saya untuk kebijakan parkir kota: tarifnya terlalu mahal.",
    "Pilih menu sarapan: bubur ayam atau kupat tahu? Lanjutkan diskusinya di kolom komentar.",
]
CAMPAIGN = [
    "Ayo dukung {alias} nomor {number}! {hashtag}",
    "Jabar butuh pemimpin seperti {alias}. {slogan} {hashtag}",
    "Tanggal 27 November jangan lupa coblos nomor {number} ya, {hashtag}",
]


def bulk_load(actor, anchor, model, rows):
    """Insert `rows` in bulk and audit the load as one event on `anchor` (the demo contest)."""
    created = model.objects.bulk_create(rows, batch_size=500)
    audit.record(
        actor, "registry.bulk_import", anchor, {model._meta.label_lower: [0, len(created)]}
    )
    return created


def make_nip(rng, taken: set[str], employment_type: str = "PNS") -> tuple[str, int]:
    """A valid NIP (cases/nip.py) of the employment type's layout not in `taken`, and its gender
    digit. A PPPK's number has the code 21 where a PNS number has the appointment month."""
    while True:
        birth = datetime.date(rng.randint(1966, 1998), rng.randint(1, 12), rng.randint(1, 28))
        year = min(birth.year + rng.randint(20, 32), 2023)
        gender = rng.choice((1, 2))
        month = rng.randint(1, 12)
        if employment_type == "PPPK":
            year, month = max(year, FIRST_PPPK_YEAR), PPPK_CODES[0]
        nip = f"{birth:%Y%m%d}{year}{month:02d}{gender}{rng.randint(1, 999):03d}"
        if nip not in taken:
            taken.add(nip)
            return nip, gender


def record_of(post: Post) -> dict:
    return {
        "platform": post.platform,
        "external_id": post.external_id,
        "action": post.action,
        "text": post.text,
        "url": post.url,
        "posted_at": post.posted_at.isoformat(),
    }


def seed_contest(actor) -> tuple[Contest, list[Candidate]]:
    contest = Contest.objects.create(region=Region.objects.get(code="32"), **CONTEST)
    audit.record(actor, "registry.bulk_import", contest, {"cases.contest": [0, 1]})
    candidates = bulk_load(
        actor,
        contest,
        Candidate,
        [
            Candidate(contest=contest, **{k: v for k, v in spec.items() if k != "accounts"})
            for spec in CANDIDATES
        ],
    )
    return contest, candidates


def seed_civil_servants(actor, contest, rng, fake) -> list[CivilServant]:
    institutions = Institution.objects.filter(name__in=ASN_PER_INSTITUTION).select_related("region")
    places: dict[int, list[Region]] = {}
    for region in Region.objects.filter(parent__in=[i.region for i in institutions]):
        places.setdefault(region.parent_id, []).append(region)
    named = {k: v for k, v in NAMED_ASN.items() if k != "institution"}
    taken, rows = (
        {NAMED_ASN["nip"]},
        [
            CivilServant(
                institution=next(i for i in institutions if i.name == NAMED_ASN["institution"]),
                region=Region.objects.get(code="32.01"),
                **named,
            )
        ],
    )
    for institution in institutions:
        for _ in range(ASN_PER_INSTITUTION[institution.name]):
            employment_type = rng.choices(["PNS", "PPPK"], weights=[4, 1])[0]
            nip, gender = make_nip(rng, taken, employment_type)
            position, position_type = rng.choice(POSITIONS)
            rows.append(
                CivilServant(
                    nip=nip,
                    name=fake.name_male() if gender == 1 else fake.name_female(),
                    institution=institution,
                    position=position,
                    position_type=position_type,
                    employment_type=employment_type,
                    region=rng.choice(places.get(institution.region_id, [institution.region])),
                )
            )
    stored = set(CivilServant.objects.filter(nip__in=taken).values_list("nip", flat=True))
    return bulk_load(actor, contest, CivilServant, [r for r in rows if r.nip not in stored])


def servant_account(servant, platform, handle, method, now, confidence) -> SocialAccount:
    """A civil servant's account, linked to them by `method` ("unlinked": not yet)."""
    linked = method != "unlinked"
    return SocialAccount(
        platform=platform,
        handle=handle,
        display_name=servant.name,
        url=f"https://{platform}.example/{handle}",
        owner=servant if linked else None,
        link_method=method,
        linked_at=now if linked else None,
        link_confidence=confidence,
    )


def seed_accounts(actor, contest, servants, candidates, rng) -> list[SocialAccount]:
    """Candidates' campaign accounts, and accounts for about two thirds of the ASN: most linked
    to their owner (declared, imported or by an analyst), some not yet."""
    now, rows, campaign = timezone.now(), [], {}
    for candidate, spec in zip(candidates, CANDIDATES):
        for platform, handle in spec["accounts"]:
            campaign[(platform, handle)] = candidate
            rows.append(
                SocialAccount(
                    platform=platform,
                    handle=handle,
                    display_name=f"{candidate.name} – {candidate.running_mate}",
                    url=f"https://{platform}.example/{handle}",
                )
            )
    named = next((s for s in servants if s.nip == NAMED_ASN["nip"]), None)
    if named is not None:
        platform, handle = NAMED_ACCOUNT
        rows.append(servant_account(named, platform, handle, "self_declared", now, 1.0))
    taken = {NAMED_ACCOUNT}
    for servant in servants:
        if servant is named or rng.random() > 0.65:
            continue
        platform = rng.choice(PLATFORMS)
        letters = "".join(c for c in servant.name.split(",")[0].lower() if c.isalpha())
        handle = f"{letters[:20]}{rng.randint(1, 999)}"  # "drg. Sri Wahyuni, S.Ked" -> drgsri...
        if (platform, handle) in taken:
            continue
        taken.add((platform, handle))
        method = rng.choice(["self_declared", "registry_import", "analyst", "unlinked"])
        confidence = round(rng.uniform(0.6, 1.0), 2) if method != "unlinked" else None
        rows.append(servant_account(servant, platform, handle, method, now, confidence))
    stored = set(
        SocialAccount.objects.filter(handle__in=[r.handle for r in rows]).values_list(
            "platform", "handle"
        )
    )  # the demo may join imported accounts
    accounts = bulk_load(
        actor, contest, SocialAccount, [r for r in rows if (r.platform, r.handle) not in stored]
    )
    bulk_load(
        actor,
        contest,
        CampaignAccount,
        [
            CampaignAccount(contest=contest, candidate=campaign[(a.platform, a.handle)], account=a)
            for a in accounts
            if (a.platform, a.handle) in campaign
        ],
    )
    return accounts


def seed_posts(actor, contest, accounts, candidates, rng) -> list[Post]:
    """Campaign posts by the candidates' accounts, then what ASN accounts did: mostly neutral
    posts, some campaigning, shares, likes and follows of the campaign."""
    bssn = Agency.objects.get(code="BSSN")
    start = datetime.datetime.combine(
        contest.campaign_start, datetime.time(7), tzinfo=timezone.get_current_timezone()
    )
    counter = iter(range(1, 100_000))

    def post(author, action, text="", target_post=None, target_account=None):
        posted = start + datetime.timedelta(minutes=rng.randint(0, 60 * 24 * 60))
        external_id = f"jabar-demo-{next(counter):05d}"
        row = Post(
            platform=author.platform,
            external_id=external_id,
            author=author,
            action=action,
            text=text,
            target_post=target_post,
            target_account=target_account,
            url=f"https://{author.platform}.example/{author.handle}/{external_id}",
            posted_at=posted,
            captured_at=posted + datetime.timedelta(hours=2),
            contest=contest,
            source_agency=bssn,
        )
        row.record = record_of(row)
        row.record_sha256 = record_sha256(row.record)  # as the post importer computes it
        return row

    campaign = dict(
        CampaignAccount.objects.filter(contest=contest).values_list("account_id", "candidate_id")
    )
    by_candidate = {c.pk: (c, spec) for c, spec in zip(candidates, CANDIDATES)}
    campaign_posts = bulk_load(
        actor,
        contest,
        Post,
        [
            post(account, Post.Action.POST, campaign_text(rng, *by_candidate[campaign[account.pk]]))
            for account in accounts
            if account.pk in campaign
            for _ in range(3)
        ],
    )
    rows = []
    for account in (a for a in accounts if (a.platform, a.handle) == NAMED_ACCOUNT):
        rows.append(post(account, Post.Action.POST, NAMED_POST))
    for account in (a for a in accounts if a.pk not in campaign):
        for _ in range(rng.randint(1, 3)):
            kind = rng.choices(
                ["neutral", "campaign", "share", "like", "follow"], weights=[12, 3, 2, 2, 1]
            )[0]
            target = rng.choice(campaign_posts)
            if kind == "neutral":
                rows.append(post(account, Post.Action.POST, rng.choice(NEUTRAL)))
            elif kind == "campaign":
                candidate, spec = rng.choice(list(by_candidate.values()))
                rows.append(post(account, Post.Action.POST, campaign_text(rng, candidate, spec)))
            elif kind == "follow":
                rows.append(post(account, Post.Action.FOLLOW, target_account=target.author))
            else:
                rows.append(post(account, kind, target_post=target))
    return campaign_posts + bulk_load(actor, contest, Post, rows)


def campaign_text(rng, candidate, spec) -> str:
    return rng.choice(CAMPAIGN).format(
        alias=rng.choice(spec["aliases"]),
        number=f"{candidate.ballot_number:02d}",
        hashtag=rng.choice(spec["hashtags"]),
        slogan=rng.choice(spec["slogans"]),
    )
