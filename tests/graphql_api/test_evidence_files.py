"""Evidence files only through the access policy: permitted callers download them; an agency the
case is not shared with, an anonymous request, a client without `read` and a path leaving
MEDIA_ROOT all get the same 404 as a file that does not exist."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from agencies.models import Agency
from cases import policy, services
from cases.models import Evidence

pytestmark = pytest.mark.django_db
CONTENT = b"%PDF-1.4 tangkapan layar kampanye\n"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "secret.txt").write_text("outside MEDIA_ROOT")
    return settings.MEDIA_ROOT


@pytest.fixture
def evidence(open_case, make_member):
    case = open_case("BAWASLU")
    analyst = make_member("BAWASLU", "analyst")
    upload = SimpleUploadedFile("bukti.pdf", CONTENT, content_type="application/pdf")
    return services.add_evidence(analyst, case, "document", file=upload)


def get(http, path, token=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return http.get(path, **headers)


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_the_file_url_is_the_checking_view_and_a_permitted_client_downloads_it(api, evidence):
    url = evidence.file.url
    assert url == f"/files/{evidence.file.name}" and url.startswith("/files/evidence/")
    response = get(Client(), url, api("BAWASLU", scopes=["read"]).token)
    assert response.status_code == 200 and body(response) == CONTENT
    assert response["Content-Disposition"] == 'attachment; filename="bukti.pdf"'
    assert response["Cache-Control"] == "private, no-store"


def test_a_staff_member_of_the_agency_downloads_it_from_admin(make_member, evidence):
    http = Client()
    http.force_login(make_member("BAWASLU", "viewer"))
    response = http.get(evidence.file.url)
    assert response.status_code == 200 and body(response) == CONTENT


def test_an_agency_the_case_is_not_shared_with_gets_404_like_a_missing_file(api, evidence):
    outsider = api("BSSN", scopes=["read"])
    assert policy.case_level(outsider.user, evidence.case) is None
    denied = get(Client(), evidence.file.url, outsider.token)
    missing = get(Client(), "/files/evidence/2020/01/none.pdf", outsider.token)
    assert denied.status_code == missing.status_code == 404
    assert denied.content == missing.content and denied["Content-Type"] == missing["Content-Type"]


def test_sharing_the_case_lets_the_agency_in_and_unsharing_shuts_it_out(api, evidence, make_member):
    outsider = api("BSSN", scopes=["read"])
    owner = make_member("BAWASLU", "supervisor")
    bssn = Agency.objects.get(code="BSSN")
    services.share_case(owner, evidence.case, bssn, "read")
    assert get(Client(), evidence.file.url, outsider.token).status_code == 200
    services.unshare_case(owner, evidence.case, bssn)
    assert get(Client(), evidence.file.url, outsider.token).status_code == 404


def test_anonymous_bad_token_and_no_read_scope_get_404(api, evidence, make_member):
    assert Client().get(evidence.file.url).status_code == 404
    assert get(Client(), evidence.file.url, "ntr_not-a-token").status_code == 404
    no_read = api("BAWASLU", scopes=["report"])
    assert get(Client(), evidence.file.url, no_read.token).status_code == 404
    non_staff = make_member("BAWASLU", "supervisor")
    non_staff.is_staff = False
    non_staff.save()
    http = Client()
    http.force_login(non_staff)
    assert http.get(evidence.file.url).status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/files/../secret.txt",
        "/files/evidence/../../secret.txt",
        "/files/%2e%2e/secret.txt",
        "/files/evidence/%2e%2e/%2e%2e/secret.txt",
        "/files//etc/passwd",
        "/files/%2Fetc%2Fpasswd",
    ],
)
def test_a_path_traversal_gets_404(api, evidence, path):
    response = get(Client(), path, api("BAWASLU", scopes=["read"]).token)
    assert response.status_code == 404


def test_a_stored_name_leaving_media_root_is_refused_too(api, evidence, settings):
    Evidence.objects.filter(pk=evidence.pk).update(file="../secret.txt")
    token = api("BAWASLU", scopes=["read"]).token
    assert get(Client(), "/files/../secret.txt", token).status_code == 404
    settings.MEDIA_ACCEL_REDIRECT_PREFIX = "/internal-media/"
    assert get(Client(), "/files/../secret.txt", token).status_code == 404


def test_a_visible_evidence_whose_file_is_gone_is_404(api, evidence, media_root):
    (media_root / evidence.file.name).unlink()
    assert (
        get(Client(), evidence.file.url, api("BAWASLU", scopes=["read"]).token).status_code == 404
    )


def test_behind_a_proxy_the_view_answers_with_x_accel_redirect(api, evidence, settings):
    settings.MEDIA_ACCEL_REDIRECT_PREFIX = "/internal-media/"
    token = api("BAWASLU", scopes=["read"]).token
    response = get(Client(), evidence.file.url, token)
    assert response.status_code == 200 and response.content == b""
    assert response["X-Accel-Redirect"] == f"/internal-media/{evidence.file.name}"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="bukti.pdf"'
    denied = get(Client(), evidence.file.url, api("BSSN", scopes=["read"]).token)
    assert denied.status_code == 404 and "X-Accel-Redirect" not in denied


def test_media_root_is_not_served_under_any_other_url(api, evidence):
    token = api("BAWASLU", scopes=["read"]).token
    for prefix in ("/media/", "/static/", "/"):
        response = get(Client(), prefix + evidence.file.name, token)
        assert response.status_code == 404


def test_the_download_counts_against_the_rate_limit(api, evidence, settings):
    settings.GRAPHQL_RATE_LIMIT = 2
    token = api("BAWASLU", scopes=["read"]).token
    statuses = [get(Client(), evidence.file.url, token).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
