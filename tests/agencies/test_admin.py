import pytest

from agencies.models import Agency, Membership, Role


@pytest.fixture
def admin_client_for(client):
    def login(user):
        client.force_login(user)
        return client

    return login


@pytest.mark.django_db
def test_agency_admin_sees_only_own_memberships(make_member, admin_client_for):
    admin = make_member("BAWASLU", Role.AGENCY_ADMIN)
    own = make_member("BAWASLU", Role.VIEWER)
    other = make_member("KASN", Role.VIEWER)
    client = admin_client_for(admin)
    page = client.get("/admin/agencies/membership/")
    assert page.status_code == 200
    listed = set(page.context["cl"].result_list)
    assert own.membership in listed and other.membership not in listed
    assert all(m.agency.code == "BAWASLU" for m in listed)


@pytest.mark.django_db
def test_another_agencys_membership_looks_missing(make_member, admin_client_for):
    admin = make_member("BAWASLU", Role.AGENCY_ADMIN)
    other = make_member("KASN", Role.VIEWER)
    client = admin_client_for(admin)
    missing_pk = Membership.objects.order_by("-pk").first().pk + 1000
    for pk in (other.membership.pk, missing_pk):
        response = client.get(f"/admin/agencies/membership/{pk}/change/")
        assert response.status_code == 302 and response.url == "/admin/"
    response = client.post(
        f"/admin/agencies/membership/{other.membership.pk}/change/", {"role": Role.AGENCY_ADMIN}
    )
    assert response.status_code == 302
    other.membership.refresh_from_db()
    assert other.membership.role == Role.VIEWER


@pytest.mark.django_db
def test_agency_admin_adds_a_member_to_own_agency_only(make_member, admin_client_for):
    admin = make_member("BAWASLU", Role.AGENCY_ADMIN)
    client = admin_client_for(admin)
    form = {
        "username": "new.analyst",
        "password": "Str0ng-pass-123",
        "role": Role.ANALYST,
        "email": "",
        "first_name": "",
        "last_name": "",
    }
    kasn = Agency.objects.get(code="KASN")
    refused = client.post("/admin/agencies/membership/add/", {**form, "agency": kasn.pk})
    assert refused.status_code == 200 and "agency" in refused.context["adminform"].form.errors
    bawaslu = admin.membership.agency
    created = client.post("/admin/agencies/membership/add/", {**form, "agency": bawaslu.pk})
    assert created.status_code == 302
    member = Membership.objects.get(user__username="new.analyst")
    assert member.agency == bawaslu and set(member.user.groups.values_list("name", flat=True)) == {
        "BAWASLU",
        "BAWASLU/analyst",
    }
    assert member.user.check_password("Str0ng-pass-123") and member.user.is_staff


@pytest.mark.django_db
def test_viewer_cannot_manage_members(make_member, admin_client_for):
    viewer = make_member("BAWASLU", Role.VIEWER)
    client = admin_client_for(viewer)
    assert client.get("/admin/agencies/membership/add/").status_code == 403
    assert client.get("/admin/agencies/agency/").status_code == 200


@pytest.mark.django_db
def test_superuser_sees_every_membership(make_member, admin_client_for, django_user_model):
    make_member("BAWASLU"), make_member("KASN")
    root = django_user_model.objects.create_superuser("root", "r@example.org", "pw")
    page = admin_client_for(root).get("/admin/agencies/membership/")
    assert {m.agency.code for m in page.context["cl"].result_list} >= {"BAWASLU", "KASN"}
