"""An analyst of Bawaslu opens the workspace: what waits for Bawaslu, each count a way into its
list; the inbox marks a notice read when it is opened."""

from agencies.models import Notice
from tests.browser.workspace_world import asn, bawaslu_world  # noqa: F401 (fixtures)


def test_an_analyst_sees_what_waits_for_bawaslu_and_follows_a_count(
    page, login, shot, bawaslu_world
):
    login(page, bawaslu_world["analyst"])
    page.goto("/admin/")
    shot(page, "home-1-bawaslu-analyst")
    assert page.get_by_role("heading", name="Yang menunggu Badan Pengawas Pemilihan Umum").count()
    assert page.get_by_role("link", name="2 Penerimaan").count() == 1
    assert page.get_by_role("link", name="1 Pemberitahuan belum dibaca").count() == 1
    assert page.get_by_text("Lihat situs").count() == 0

    page.get_by_role("link", name="1 Temuan menunggu telaah").click()
    page.wait_for_url("**/admin/cases/finding/**")
    shot(page, "home-2-findings-waiting-for-review")
    assert page.get_by_text("1 temuan").count() >= 1
    assert page.locator("#result_list tbody tr").count() == 1


def test_opening_a_notice_in_the_inbox_marks_it_read(page, login, shot, bawaslu_world):
    login(page, bawaslu_world["analyst"])
    page.goto("/admin/inbox/?unread=1")
    shot(page, "inbox-1-unread")
    notice = page.get_by_role("link", name="Kasus dibagikan dengan instansi Anda")
    assert notice.count() == 1
    notice.click()
    page.wait_for_url("**/admin/inbox/*/")
    shot(page, "inbox-2-notice")
    assert page.get_by_role("link", name=bawaslu_world["shared"].reference).count() == 1
    inbox = Notice.objects.get(agency__code="BAWASLU", channel=Notice.Channel.INBOX)
    assert inbox.read_at is not None and inbox.read_by == bawaslu_world["analyst"]

    page.goto("/admin/inbox/?unread=1")
    assert page.get_by_text("Tidak ada pemberitahuan.").count() == 1
    page.goto("/admin/")
    shot(page, "inbox-3-home-after-reading")
    assert page.get_by_role("link", name="0 Pemberitahuan belum dibaca").count() == 1


def test_an_operator_looks_as_one_agency(page, login, shot, bawaslu_world, django_user_model):
    root = django_user_model.objects.create_superuser("root", "root@example.go.id", "pw-root-1")
    login(page, root)
    page.goto("/admin/")
    assert page.get_by_role("heading", name="Seluruh sistem").count() == 1
    assert page.get_by_role("link", name="3 Penerimaan").count() == 1
    page.get_by_label("Lihat sebagai").select_option(label="Badan Pengawas Pemilihan Umum")
    page.get_by_role("button", name="Tampilkan").click()
    page.wait_for_load_state()
    shot(page, "home-3-operator-as-bawaslu")
    assert page.get_by_role("heading", name="Yang menunggu Badan Pengawas Pemilihan Umum").count()
    assert page.get_by_role("link", name="2 Penerimaan").count() == 1
