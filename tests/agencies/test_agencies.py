import json

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from agencies.models import Agency, AgencyRole, Membership, Role
from agencies.services import add_member, change_member_role
from config.celery import app as celery_app
from core.errors import PermissionDenied, ServiceError
from core.models import AuditEvent

SEEDED = {"KASN", "BAWASLU", "KEMENDAGRI", "BSSN", "BKN", "KEMENPANRB"}


@pytest.mark.django_db
def test_seeded_agencies_have_a_group_per_role():
    assert SEEDED <= set(Agency.objects.values_list("code", flat=True))
    for code in SEEDED:
        names = set(
            Group.objects.filter(agency_role__agency__code=code).values_list("name", flat=True)
        )
        assert names == {f"{code}/{role}" for role in Role.values}
        assert Agency.objects.get(code=code).group.name == code


@pytest.mark.django_db
def test_a_new_agency_gets_its_role_groups_automatically():
    agency = Agency.objects.create(code="GUBERNUR-BALI", name="Gubernur Bali", kind="ppk")
    assert AgencyRole.objects.filter(agency=agency).count() == 4
    assert Group.objects.filter(name="GUBERNUR-BALI/supervisor").exists()


@pytest.mark.django_db
def test_no_group_holds_a_model_level_permission():
    call_command("seed_demo", verbosity=0)
    assert not Permission.objects.filter(group__isnull=False).exists()


@pytest.mark.django_db
def test_membership_puts_the_user_in_its_agency_and_role_groups(make_member, system):
    user = make_member("BAWASLU", Role.ANALYST)
    assert set(user.groups.values_list("name", flat=True)) == {"BAWASLU", "BAWASLU/analyst"}
    change_member_role(system, user.membership, Role.SUPERVISOR)
    assert set(user.groups.values_list("name", flat=True)) == {"BAWASLU", "BAWASLU/supervisor"}
    assert AuditEvent.objects.filter(action="member.change_role").count() == 1


@pytest.mark.django_db
def test_only_an_agency_admin_of_that_agency_adds_members(make_member):
    admin = make_member("BAWASLU", Role.AGENCY_ADMIN)
    supervisor = make_member("BAWASLU", Role.SUPERVISOR)
    kasn = Agency.objects.get(code="KASN")
    with pytest.raises(PermissionDenied):
        add_member(admin, kasn, "intruder", Role.VIEWER)
    with pytest.raises(PermissionDenied):
        add_member(supervisor, admin.membership.agency, "intruder", Role.VIEWER)
    with pytest.raises(ServiceError, match="unknown role 'boss'"):
        add_member(admin, admin.membership.agency, "someone", "boss")
    assert not Membership.objects.filter(user__username__in=["intruder", "someone"]).exists()


@pytest.mark.django_db
def test_seed_demo_is_idempotent_and_prints_credentials(capsys):
    from cases import models as graph
    from cases.nip import parse_nip

    seeded = (
        Membership,
        Agency,
        AuditEvent,
        graph.Contest,
        graph.CivilServant,
        graph.SocialAccount,
        graph.Post,
        graph.Case,
        graph.Finding,
        graph.Report,
        graph.Evidence,
        graph.Note,
        graph.Involvement,
        graph.CaseGroupObjectPermission,
    )
    call_command("seed_demo", "--json")
    first = json.loads(capsys.readouterr().out)
    counts = [model.objects.count() for model in seeded]
    call_command("seed_demo", "--json")
    second = json.loads(capsys.readouterr().out)
    assert first == second
    assert [model.objects.count() for model in seeded] == counts
    assert set(graph.Case.objects.values_list("status", flat=True)) == set(graph.CaseStatus.values)
    assert graph.CivilServant.objects.count() >= 300
    for nip, employment_type in graph.CivilServant.objects.values_list("nip", "employment_type"):
        parse_nip(nip, employment_type)  # a PPPK's number in the PPPK layout
    users = first["users"]
    staff = [u for u in users if u["agency"]]
    assert {(u["agency"], u["role"]) for u in staff} >= {
        (a, r) for a in SEEDED for r in Role.values
    }
    assert all(set(u) == {"username", "password", "agency", "role"} for u in users)


@pytest.mark.django_db
def test_seed_demo_refuses_production_without_force(settings):
    from django.core.management.base import CommandError

    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="refusing in production"):
        call_command("seed_demo", verbosity=0)


@pytest.mark.django_db(transaction=True)  # notices are e-mailed once the seeding commits
def test_seed_demo_json_is_alone_on_standard_output(capsys, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    call_command("seed_demo", "--json")
    printed = capsys.readouterr()
    assert set(json.loads(printed.out)) == {"users", "api_clients"}
    if celery_app.conf.task_always_eager:  # notices were e-mailed while seeding: to stderr
        assert "Subject: " in printed.err
