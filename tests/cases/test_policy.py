"""Property-based: for random memberships, cases and share/unshare sequences, every user sees
exactly the cases (and their children) their agency was granted — through the policy, through
guardian itself, and through the admin changelists.

Each hypothesis example runs in a transaction rolled back at its end, so examples start from the
same database: the agencies' acting staff, created once per test."""

import contextlib
from dataclasses import dataclass, field

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from guardian.shortcuts import get_objects_for_user
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agencies.models import Agency, Role
from cases import policy, services
from cases.models import (
    Case,
    CaseLink,
    Escalation,
    Evidence,
    Finding,
    Involvement,
    Note,
    ShareLevel,
)
from core.errors import ServiceError

AGENCIES = ["BAWASLU", "KASN", "BKN", "KEMENDAGRI", "BSSN", "BUPATI-BOGOR"]
CHILDREN = [Note, Evidence, Involvement, Finding, Escalation]
CHANGELISTS = {
    Case: "case",
    Note: "note",
    Evidence: "evidence",
    Involvement: "involvement",
    Finding: "finding",
    Escalation: "escalation",
}
LEVELS = list(ShareLevel.values)
SHA = "ab" * 32

case_index = st.integers(min_value=0, max_value=3)
operations = st.lists(
    st.one_of(
        st.tuples(st.just("share"), case_index, st.sampled_from(AGENCIES), st.sampled_from(LEVELS)),
        st.tuples(st.just("unshare"), case_index, st.sampled_from(AGENCIES)),
        st.tuples(
            st.just("child"),
            case_index,
            st.sampled_from(["note", "evidence", "involvement", "finding"]),
        ),
        st.tuples(st.just("forward"), case_index),
    ),
    max_size=10,
)
scenarios = st.fixed_dictionaries(
    {
        "members": st.lists(
            st.tuples(st.sampled_from(AGENCIES), st.sampled_from(Role.values)),
            min_size=1,
            max_size=5,
        ),
        "cases": st.lists(
            st.tuples(st.sampled_from(AGENCIES), st.sampled_from([None, "regional", "central"])),
            min_size=1,
            max_size=4,
        ),
        "operations": operations,
        "deactivate": st.sampled_from([None, *AGENCIES]),
    }
)


@dataclass
class Model:
    """What each agency was granted, kept by the test beside the real calls."""

    owner: dict = field(default_factory=dict)  # case pk -> owner agency code
    shares: dict = field(default_factory=dict)  # case pk -> {agency code: level}

    def open(self, case, owner, regional):
        self.owner[case.pk] = owner
        self.shares[case.pk] = {owner: "manage"}
        if regional:  # sharing rule: cases about regional ASN are readable by Kemendagri
            self.raise_(case.pk, "KEMENDAGRI", "read")

    def raise_(self, pk, agency, level):
        current = self.shares[pk].get(agency)
        if current is None or LEVELS.index(level) > LEVELS.index(current):
            self.shares[pk][agency] = level

    def visible_to(self, agency) -> set[int]:
        return {pk for pk, shares in self.shares.items() if agency in shares}


@pytest.fixture
def world(staff, asn, central_asn):
    """Acting staff of every agency, created before any example (examples roll back)."""
    for code in AGENCIES:
        assert staff[code]["analyst"] and staff[code]["supervisor"]
    return {"staff": staff, "regional": asn, "central": central_asn}


@contextlib.contextmanager
def rolled_back():
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def play(scenario, world, make_member) -> tuple[Model, list]:
    """Run the scenario through the services; return the model and the observers."""
    staff, model = world["staff"], Model()
    cases = []
    for owner, subject in scenario["cases"]:
        case = services.open_case(
            staff[owner]["analyst"], title="Kasus", subject=world[subject] if subject else None
        )
        model.open(case, owner, subject == "regional")
        cases.append(case)
    for operation in scenario["operations"]:
        case = cases[operation[1] % len(cases)]
        apply(operation, case, staff, model)
    observers = [make_member(code, role) for code, role in scenario["members"]]
    observers.append(get_user_model().objects.create_user("no-agency", is_staff=True))
    if scenario["deactivate"]:
        Agency.objects.filter(code=scenario["deactivate"]).update(active=False)
    return model, observers


def apply(operation, case, staff, model):
    kind, owner = operation[0], model.owner[case.pk]
    if kind == "share":
        _, _, agency, level = operation
        refused = agency == owner and level != "manage"  # the owner keeps manage
        with pytest.raises(ServiceError) if refused else contextlib.nullcontext():
            services.share_case(
                staff[owner]["supervisor"], case, Agency.objects.get(code=agency), level
            )
        if not refused:
            model.shares[case.pk][agency] = level
    elif kind == "unshare":
        agency = operation[2]
        with pytest.raises(ServiceError) if agency == owner else contextlib.nullcontext():
            services.unshare_case(staff[owner]["supervisor"], case, Agency.objects.get(code=agency))
        if agency != owner:
            model.shares[case.pk].pop(agency, None)
    elif kind == "child":
        add_child(operation[2], staff[owner]["analyst"], case)
    elif owner == "BAWASLU" and Case.objects.get(pk=case.pk).status == "intake":  # forward
        services.transition_case(staff["BAWASLU"]["analyst"], case, "start_examination")
        services.transition_case(staff["BAWASLU"]["supervisor"], case, "forward_to_supervisor")
        model.owner[case.pk] = "BKN"  # sharing rules: BKN manages, Bawaslu keeps exactly read
        model.raise_(case.pk, "BKN", "manage")
        model.shares[case.pk]["BAWASLU"] = "read"
    if kind in ("share", "unshare"):  # unsharing (and sharing) takes effect at once
        check_one(case, operation[2], model)


def add_child(kind, actor, case):
    if kind == "note":
        services.add_note(actor, case, "Catatan")
    elif kind == "evidence":
        services.add_evidence(actor, case, "url", url="https://example.org/bukti", sha256=SHA)
    elif kind == "involvement":
        services.add_involvement(actor, case, "witness", name="Saksi")
    else:
        services.add_finding(actor, case=case, violation_code="SOCIAL_MEDIA_CAMPAIGN", score=0.9)


def check_one(case, agency_code, model):
    user = get_user_model().objects.filter(membership__agency__code=agency_code).first()
    seen = policy.visible(user, Case.objects.filter(pk=case.pk)).exists()
    assert seen == (agency_code in model.shares[case.pk])


def agency_code(user) -> str | None:
    member = policy.membership_of(user)
    return member.agency.code if member else None


def expected_for(user, model, deactivated) -> set[int]:
    code = agency_code(user)
    return set() if code in (None, deactivated) else model.visible_to(code)


def fresh(user):
    """The user as a new request would load it (no cached membership or agency)."""
    return get_user_model().objects.select_related("membership__agency").get(pk=user.pk)


def expected_rows(model_class, case_ids) -> set[int]:
    if model_class is Case:
        return set(case_ids)
    return set(model_class.objects.filter(case__in=case_ids).values_list("pk", flat=True))


# Fixtures hold what every example shares; each example rolls its own writes back.
EXAMPLE_SETTINGS = dict(
    deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.mark.django_db
@settings(max_examples=30, **EXAMPLE_SETTINGS)
@given(scenario=scenarios)
def test_each_user_sees_exactly_what_their_agency_was_granted(scenario, world, make_member, regime):
    with rolled_back():
        model, observers = play(scenario, world, make_member)
        for user in map(fresh, observers):
            expected = expected_for(user, model, scenario["deactivate"])
            for model_class in (Case, *CHILDREN):
                seen = set(
                    policy.visible(user, model_class.objects.all()).values_list("pk", flat=True)
                )
                assert seen == expected_rows(model_class, expected), (user, model_class)
            for case in Case.objects.filter(pk__in=expected):  # and at the level granted
                assert policy.case_level(user, case) == model.shares[case.pk][agency_code(user)]
                for model_class in CHILDREN:  # read through a visible case, no filter needed
                    children = model_class.objects.filter(case=case)
                    assert set(policy.visible_children(user, children, "case")) == set(
                        policy.visible(user, children)
                    ), (user, model_class)
            if agency_code(user) != scenario["deactivate"]:  # guardian knows no inactive agency
                by_guardian = get_objects_for_user(
                    user, "cases.view_case", Case, accept_global_perms=False
                )
                assert set(by_guardian.values_list("pk", flat=True)) == expected


@pytest.mark.django_db
@settings(max_examples=5, **EXAMPLE_SETTINGS)  # ~36 pages each; the policy test goes wider
@given(scenario=scenarios)
def test_admin_changelists_list_exactly_the_granted_rows(
    scenario, world, make_member, regime, login
):
    with rolled_back():
        model, observers = play(scenario, world, make_member)
        for user in map(fresh, observers):
            expected = expected_for(user, model, scenario["deactivate"])
            client = login(user)
            for model_class, name in CHANGELISTS.items():
                page = client.get(f"/admin/cases/{name}/")
                if not policy.agency_of(user):
                    assert page.status_code == 403
                    continue
                listed = {row.pk for row in page.context["cl"].result_list}
                assert listed == expected_rows(model_class, expected), (user, name)


@pytest.mark.django_db
def test_children_added_after_sharing_are_shared_and_unsharing_is_immediate(world, regime):
    staff = world["staff"]
    case = services.open_case(staff["BAWASLU"]["analyst"], title="Kasus")
    bssn = staff["BSSN"]["analyst"]
    services.share_case(
        staff["BAWASLU"]["supervisor"], case, Agency.objects.get(code="BSSN"), "read"
    )
    note = services.add_note(staff["BAWASLU"]["analyst"], case, "Ditambahkan setelah berbagi")
    assert policy.visible(bssn, Note.objects.all()).get() == note
    services.unshare_case(staff["BAWASLU"]["supervisor"], case, Agency.objects.get(code="BSSN"))
    assert not policy.visible(bssn, Note.objects.all()).exists()
    assert not policy.visible(bssn, Case.objects.all()).exists()


@pytest.mark.django_db
def test_only_rows_that_follow_their_parent_skip_the_filter(world, regime):
    staff = world["staff"]
    supervisor, bssn = staff["BAWASLU"]["supervisor"], Agency.objects.get(code="BSSN")
    first, second = (services.open_case(staff["BAWASLU"]["analyst"], title=t) for t in "AB")
    services.share_case(supervisor, first, bssn, "read")
    services.link_cases(supervisor, first, second, "related")
    services.add_involvement(supervisor, second, "subject", civil_servant=world["regional"])
    reader, nobody = staff["BSSN"]["analyst"], get_user_model().objects.create_user("nobody")
    # A link from a visible case to a hidden one stays hidden: both ends count.
    assert not policy.visible_children(
        reader, CaseLink.objects.filter(from_case=first), "from_case"
    ).exists()
    # Involvements read from a civil servant are filtered by their case.
    involvements = Involvement.objects.filter(civil_servant=world["regional"])
    assert not policy.visible_children(reader, involvements, "civil_servant").exists()
    # And a user of no agency sees no children at all.
    assert not policy.visible_children(nobody, Note.objects.all(), "case").exists()


@pytest.mark.django_db
def test_a_link_shows_only_while_both_cases_are_visible(world, regime):
    staff = world["staff"]
    supervisor, bssn = staff["BAWASLU"]["supervisor"], Agency.objects.get(code="BSSN")
    first, second = (services.open_case(staff["BAWASLU"]["analyst"], title=t) for t in "AB")
    for case in (first, second):
        services.share_case(supervisor, case, bssn, "read")
    link = services.link_cases(supervisor, first, second, "related")
    reader = staff["BSSN"]["analyst"]
    assert policy.is_visible(reader, link)
    services.unshare_case(supervisor, second, bssn)  # the link must not reveal `second` now
    assert not policy.visible(reader, CaseLink.objects.all()).exists()
    assert not policy.is_visible(reader, link)
