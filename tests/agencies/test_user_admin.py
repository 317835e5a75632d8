"""Operators change users, their groups, agencies and institutions in the admin: every save goes
through agencies/services and leaves an audit event, since groups decide what a user sees."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from agencies.models import Agency, Institution, Role
from core.models import AuditEvent, Region

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator(client):
    user = get_user_model().objects.create_superuser("operator", password="pw-for-tests-1")
    client.force_login(user)
    return client


def events(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action).order_by("sequence"))


def user_form(user, **changes) -> dict:
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "is_staff": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "00:00:00",
        "groups": [],
    }
    return {**data, **changes}


def test_adding_a_user_to_an_agency_group_is_audited(operator, make_member):
    member = make_member("BAWASLU", Role.VIEWER)
    kasn = Group.objects.get(name="KASN")
    response = operator.post(
        f"/admin/core/user/{member.pk}/change/", user_form(member, groups=[kasn.pk])
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert list(member.groups.values_list("name", flat=True)) == ["KASN"]
    [event] = events("user.set_groups")
    assert event.object_id == str(member.pk) and event.actor_username == "operator"
    assert event.changes["groups"][1] == ["KASN"]
    assert "BAWASLU" in event.changes["groups"][0]


def test_creating_a_user_and_changing_a_password_are_audited(operator):
    response = operator.post(
        "/admin/core/user/add/",
        {
            "username": "pengawas",
            "usable_password": "true",
            "password1": "Rahasia-2024!x",
            "password2": "Rahasia-2024!x",
        },
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(username="pengawas")
    assert events("user.create")[0].object_id == str(user.pk)
    operator.post(
        f"/admin/core/user/{user.pk}/password/",
        {"usable_password": "true", "password1": "Lain-2025!yz", "password2": "Lain-2025!yz"},
    )
    user.refresh_from_db()
    assert user.check_password("Lain-2025!yz")
    change = events("user.change")[-1]
    assert change.changes == {"password": [None, "changed"]} and "Lain" not in str(change.changes)


def test_model_level_permissions_are_not_offered(operator, make_member):
    page = operator.get(f"/admin/core/user/{make_member('BSSN').pk}/change/")
    assert "user_permissions" not in page.context["adminform"].form.fields


def test_agency_admins_cannot_open_the_user_admin(client, make_member):
    client.force_login(make_member("BAWASLU", Role.AGENCY_ADMIN))
    assert client.get("/admin/core/user/").status_code == 403


def test_agencies_and_institutions_saved_in_admin_are_audited(operator):
    response = operator.post(
        "/admin/agencies/agency/add/",
        {"code": "PPK-TEST", "name": "Bupati Uji", "kind": "ppk", "active": "on"},
    )
    assert response.status_code == 302
    agency = Agency.objects.get(code="PPK-TEST")
    assert agency.group is not None  # its role groups came with it
    assert events("agency.create")[0].object_id == str(agency.pk)
    operator.post(
        f"/admin/agencies/agency/{agency.pk}/change/",
        {"code": "PPK-TEST", "name": "Bupati Uji", "kind": "ppk"},  # active unticked
    )
    assert events("agency.change")[-1].changes == {"active": [True, False]}
    region = Region.objects.get(code="32.01")
    operator.post(
        "/admin/agencies/institution/add/",
        {
            "name": "Pemerintah Uji",
            "kind": "regional",
            "region": region.pk,
            "ppk_agency": agency.pk,
        },
    )
    institution = Institution.objects.get(name="Pemerintah Uji")
    assert events("institution.create")[0].object_id == str(institution.pk)


def test_groups_and_agency_roles_are_not_edited_in_admin(operator):
    assert operator.get("/admin/auth/group/").status_code == 404
    assert operator.get("/admin/agencies/agencyrole/").status_code == 200
    assert operator.get("/admin/agencies/agencyrole/add/").status_code == 403
