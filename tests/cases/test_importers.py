"""Imports: contests, civil servants, accounts and posts. Idempotent re-import; each bad line
reported with its number and reason while the good ones are imported; strict mode imports all
or nothing."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from agencies.models import Agency, Institution
from cases.importers import import_accounts, import_asn, import_contest, import_posts, record_sha256
from cases.models import Candidate, CivilServant, Contest, Job, Post, SocialAccount
from core.models import AuditEvent
from tests.cases.detection_fixtures import (  # noqa: F401 (fixtures)
    ASN_HEADER,
    CONTEST,
    SLUG,
    contest,
    contest_json,
    in_process_tasks,
    ingest,
    lines,
    nip,
    post,
    pppk_nip,
)

pytestmark = pytest.mark.django_db


def errors_of(result) -> list[tuple]:
    return [(e.line, e.reason) for e in result.errors]


# --- contests --------------------------------------------------------------------------------------


def test_contest_import_creates_candidates_and_campaign_accounts(system):
    result = import_contest(system, contest_json())
    contest = Contest.objects.get(slug=SLUG)
    assert result.counts["contests_created"] == 1 and result.counts["candidates_created"] == 4
    assert contest.region.code == "33.02" and contest.voting_day.isoformat() == "2024-11-27"
    account = SocialAccount.objects.get(platform="instagram", handle="aniyusuf.official")
    assert account.campaign_of.get().ballot_number == 2 and account.owner is None
    assert contest.exclusions == CONTEST.get("exclusions", [])
    assert result.job.status == Job.Status.DONE and result.job.contest == contest
    assert (
        AuditEvent.objects.filter(action="import.contest", object_id=str(result.job.pk)).count()
        == 1
    )


def test_contest_reimport_updates_it_and_keeps_analysts_exclusions(system, contest):
    contest.exclusions = ["festival banyumas berkah"]
    contest.save()
    candidates = json.loads(contest_json())["candidates"][:3]
    candidates[0]["aliases"] = ["Kang Dedi", "Abah Dedi"]
    candidates[1]["accounts"] = [{"platform": "x", "handle": "@AniYusuf_Baru"}]
    result = import_contest(system, contest_json(candidates=candidates, name="Pilbup Banyumas"))
    contest.refresh_from_db()
    assert result.counts["contests_updated"] == 1 and result.counts["candidates_updated"] == 1
    assert result.counts["candidates_removed"] == 1 and contest.name == "Pilbup Banyumas"
    assert list(contest.candidates.values_list("ballot_number", flat=True)) == [1, 2, 3]
    assert Candidate.objects.get(contest=contest, ballot_number=1).aliases[1] == "Abah Dedi"
    assert SocialAccount.objects.get(handle="aniyusuf_baru").campaign_of.get().ballot_number == 2
    assert not SocialAccount.objects.get(handle="aniyusuf.official").campaign_of.exists()
    assert contest.exclusions == ["festival banyumas berkah"]
    again = import_contest(system, contest_json(candidates=candidates, name="Pilbup Banyumas"))
    assert not {
        "candidates_created",
        "candidates_updated",
        "candidates_removed",
        "campaign_accounts_set",
    } & set(again.counts)


def test_bad_contest_is_reported_whole_and_not_imported(system):
    bad = json.loads(contest_json(kind="pemilu", region={"code": "99.99", "name": "?"}))
    bad["candidates"][1]["ballot_number"] = 1
    bad["candidates"][2]["accounts"] = [{"platform": "myspace", "handle": "x"}]
    result = import_contest(system, json.dumps(bad))
    reasons = " | ".join(e.reason for e in result.errors)
    assert "kind 'pemilu'" in reasons and "region code '99.99'" in reasons
    assert "ballot_number 1 is used twice" in reasons and "unknown platform 'myspace'" in reasons
    assert not Contest.objects.exists() and not Candidate.objects.exists()
    malformed = import_contest(system, '{"slug": "x",\n "name": }')
    assert "malformed JSON" in malformed.errors[0].reason and "line 2" in malformed.errors[0].reason


# --- civil servants and accounts -------------------------------------------------------------------


def asn_csv(*rows) -> list[str]:
    return [ASN_HEADER, *[row + "\n" for row in rows]]


def test_asn_import_reports_bad_rows_by_line_and_creates_institutions_with_their_ppk(system):
    result = import_asn(
        system,
        asn_csv(
            f"{nip(1)},Budi Santoso,Pemerintah Kabupaten Banyumas,Camat,33.02.01,PNS",
            "19851312201001100,Salah Tanggal,Pemerintah Kabupaten Banyumas,Staf,33.02,PNS",
            f"{pppk_nip(2, 2)},Sri Lestari,Kementerian Pertanian,Penyuluh,33.02,pppk",
            f"{nip(3)},Tanpa Wilayah,Dinas Entah,Staf,99.99,PNS",
            f"{nip(1)},Budi Lagi,Pemerintah Kabupaten Banyumas,Camat,33.02,PNS",
            f"{nip(4)},Rudi,Pemerintah Kabupaten Banyumas,Staf,33.02,honorer",
        ),
    )
    assert errors_of(result) == [
        (3, "NIP '19851312201001100' must have 18 digits, not 17"),
        (5, "unknown region code '99.99'"),
        (6, f"NIP {nip(1)} repeats line 2"),
        (7, "employment_type 'honorer' must be PNS or PPPK"),
    ]
    assert result.counts["created"] == 2 and result.counts["institutions_created"] == 2
    regency = Institution.objects.get(name="Pemerintah Kabupaten Banyumas")
    assert (regency.kind, regency.region.code) == ("regional", "33.02")
    assert (regency.ppk_agency.code, regency.ppk_agency.name) == ("PPK-33-02", "Bupati Banyumas")
    ministry = Institution.objects.get(name="Kementerian Pertanian")
    assert ministry.kind == "central" and ministry.ppk_agency.code == "PPK-KEMENTERIAN-PERTANIAN"
    assert CivilServant.objects.get(nip=pppk_nip(2, 2)).employment_type == "PPPK"
    assert result.job.status == Job.Status.DONE and len(result.job.errors) == 4


def test_asn_reimport_updates_changed_rows_only(system):
    rows = [
        f"{nip(1)},Budi Santoso,Pemerintah Kabupaten Banyumas,Camat,33.02,PNS",
        f"{nip(2)},Agus,Pemerintah Kabupaten Banyumas,Staf,33.02,PNS",
    ]
    import_asn(system, asn_csv(*rows))
    result = import_asn(system, asn_csv(rows[0].replace("Camat", "Sekretaris Camat"), rows[1]))
    assert (result.counts["created"], result.counts["updated"], result.counts["unchanged"]) == (
        0,
        1,
        1,
    )
    assert CivilServant.objects.get(nip=nip(1)).position == "Sekretaris Camat"
    assert Agency.objects.filter(code="PPK-33-02").count() == 1


def test_strict_asn_import_is_all_or_nothing(system):
    result = import_asn(
        system,
        asn_csv(
            f"{nip(1)},Budi,Pemerintah Kabupaten Banyumas,Camat,33.02,PNS",
            "123,Salah,Pemerintah Kabupaten Banyumas,Staf,33.02,PNS",
        ),
        strict=True,
    )
    assert not result.imported and errors_of(result) == [
        (3, "NIP '123' must have 18 digits, not 3")
    ]
    assert (
        not CivilServant.objects.exists()
        and not Institution.objects.filter(name="Pemerintah Kabupaten Banyumas").exists()
    )
    assert result.job.status == Job.Status.FAILED and "nothing imported" in result.job.reason


def test_missing_columns_are_reported_on_the_header_line(system):
    result = import_asn(system, ["nip,name\n", f"{nip(1)},Budi\n"])
    assert errors_of(result) == [
        (
            1,
            "the header must name nip, name, institution, position, "
            "region_code, employment_type; missing: institution, "
            "position, region_code, employment_type (the other lines were not read)",
        )
    ]


def test_accounts_import_links_accounts_and_reports_bad_rows(system):
    import_asn(
        system,
        asn_csv(
            f"{nip(1)},Budi,Pemerintah Kabupaten Banyumas,Camat,33.02,PNS",
            f"{nip(2)},Agus,Pemerintah Kabupaten Banyumas,Staf,33.02,PNS",
        ),
    )
    SocialAccount.objects.create(platform="x", handle="budi_s")
    result = import_accounts(
        system,
        [
            "nip,platform,handle\n",
            f"{nip(1)},instagram,@Budi_BMS\n",
            f"{nip(1)},x,budi_s\n",
            f"{nip(2)},myspace,agus\n",
            f"{nip(3)},x,nobody\n",
            f"{nip(2)},instagram,budi_bms\n",
        ],
    )
    assert errors_of(result) == [
        (
            4,
            "unknown platform 'myspace'; expected one of x, facebook, instagram, tiktok, youtube, "
            "threads, whatsapp",
        ),
        (5, f"no civil servant with NIP {nip(3)}: import it first (import_asn)"),
        (6, "instagram:@budi_bms repeats line 2"),
    ]
    assert (result.counts["created"], result.counts["linked"]) == (1, 1)
    budi = CivilServant.objects.get(nip=nip(1))
    assert set(budi.accounts.values_list("handle", "link_method")) == {
        ("budi_bms", "registry_import"),
        ("budi_s", "registry_import"),
    }
    again = import_accounts(system, ["nip,platform,handle\n", f"{nip(2)},x,budi_s\n"])
    assert errors_of(again) == [(2, f"x:@budi_s is already linked to NIP {nip(1)}")]


# --- posts -----------------------------------------------------------------------------------------


def test_posts_import_reports_bad_lines_and_imports_the_good_ones(contest, ingest):
    good = post("p-1")
    result = ingest(
        good,
        '{"platform": "x", "external_id": \n',
        post("p-3", platform="myspace"),
        {**post("p-4"), "author": {}},
        "\n",
        {k: v for k, v in post("p-6").items() if k != "action"},
        post("p-7", action="like", target=None),
        {**post("p-8"), "posted_at": "kemarin"},
        post("p-9", text="Selamat pagi"),
    )
    assert errors_of(result) == [
        (2, "malformed JSON: Expecting value (column 33)"),
        (
            3,
            "unknown platform 'myspace'; expected one of x, facebook, instagram, tiktok, "
            "youtube, threads, whatsapp",
        ),
        (4, "missing field 'author.handle'"),
        (6, "missing field 'action'"),
        (7, "missing field 'target' (a like acts on content or an account)"),
        (8, "posted_at 'kemarin' is not an ISO 8601 date-time"),
    ]
    stored = Post.objects.get(external_id="p-1")
    assert stored.record == good and stored.record_sha256 == record_sha256(good)
    assert stored.author.handle == "budi_bms" and stored.source_agency.code == "BSSN"
    assert stored.contest == contest and result.counts["created"] == 2
    result.job.refresh_from_db()  # the detection chunk ran when the test's capture ended
    assert result.job.total == result.job.processed == 2 and result.job.status == Job.Status.DONE
    assert result.job.counts["evaluated"] == 2


def test_posts_reimport_is_idempotent(system, contest, ingest):
    first = ingest(post("p-1"), post("p-2", text="Selamat pagi"), post("p-1"))
    assert (first.counts["created"], first.counts["skipped"]) == (2, 1)
    again = ingest(post("p-1"), post("p-2", text="edited later"), post("p-3"))
    assert (again.counts["created"], again.counts["skipped"]) == (1, 2)
    assert Post.objects.get(external_id="p-2").text == "Selamat pagi"  # the first capture stays
    assert Post.objects.count() == 3 and again.job.total == 1


def test_strict_posts_import_writes_nothing_and_sends_no_task(system, contest, ingest):
    result = ingest(post("p-1"), {"platform": "x"}, strict=True)
    assert errors_of(result) == [(2, "missing field 'external_id'")]
    assert not result.imported and not Post.objects.exists()
    assert result.job.status == Job.Status.FAILED and result.job.total == 0


def test_posts_of_a_partner_feed_are_captured_by_its_agency(system, contest, ingest, make_member):
    bawaslu = make_member("BAWASLU", "analyst")
    result = ingest(post("p-1"), actor=bawaslu)
    assert Post.objects.get().source_agency.code == "BAWASLU" == result.job.agency.code


def test_viewers_may_not_import(contest, make_member):
    from core.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        import_posts(make_member("BSSN", "viewer"), lines(post("p-1")), contest)


def test_jobs_are_visible_to_their_agency_in_admin(system, contest, client, make_member):
    import cases.admin.jobs  # noqa: F401 (registers the admin page)

    import_posts(system, lines(post("p-1")), contest)  # BSSN's feed
    bawaslu_job = import_posts(make_member("BAWASLU", "analyst"), lines(post("p-2")), contest).job
    client.force_login(make_member("BSSN", "viewer"))
    page = client.get("/admin/cases/job/")
    assert page.status_code == 200
    assert list(page.context["cl"].queryset.values_list("agency__code", flat=True)) == ["BSSN"]
    assert client.get(f"/admin/cases/job/{bawaslu_job.pk}/change/").status_code == 302


def test_import_command_lists_bad_lines_and_exits_non_zero(system, contest, tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps(post("p-1")) + "\n{oops\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(
        CommandError, match=r"1 bad line.*the other 1 line\(s\) were imported \(lines 2, "
    ):
        call_command("import_posts", str(feed), "--contest", SLUG, stdout=out, stderr=err)
    assert "line 2: malformed JSON" in err.getvalue() and "created 1" in out.getvalue()
    with pytest.raises(CommandError, match="no contest 'nope'"):
        call_command("import_posts", str(feed), "--contest", "nope")
