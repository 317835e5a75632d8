"""The policy costs a constant number of queries: listing 10 or 1,000 visible cases (with or
without their children counted, through the policy or the admin changelist) runs the same
queries. Cases and their guardian rows are bulk-created for speed."""

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.test.utils import CaptureQueriesContext

from agencies.models import Agency
from cases import policy
from cases.models import Case, CaseGroupObjectPermission, Escalation, Evidence, Note


def child_count(model):
    """The number of `model` rows per case, as one correlated subquery (no per-row query)."""
    rows = (
        model.objects.filter(case=OuterRef("pk"))
        .order_by()
        .values("case")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows), 0)


def add_cases(agency, count, start):
    """`count` cases owned by `agency` and shared with it (read), each with one note."""
    cases = Case.objects.bulk_create(
        Case(
            reference=f"NET-2024-{start + n:06d}",
            title=f"Kasus {start + n}",
            owner_agency=agency,
            holder_agency=agency,
        )
        for n in range(count)
    )
    view = Permission.objects.get(codename="view_case")
    CaseGroupObjectPermission.objects.bulk_create(
        CaseGroupObjectPermission(content_object=case, group=agency.group, permission=view)
        for case in cases
    )
    Note.objects.bulk_create(Note(case=case, agency=agency, text="Catatan") for case in cases)


def plain(user):
    return list(policy.visible(user, Case.objects.select_related("owner_agency", "holder_agency")))


def with_children(user):
    return list(
        policy.visible(
            user,
            Case.objects.annotate(
                notes_count=child_count(Note),
                evidence_count=child_count(Evidence),
                escalations_count=child_count(Escalation),
            ),
        )
    )


def cost(listing, user) -> tuple[int, int]:
    """(queries, rows) of one listing by a freshly loaded user, as in a new request."""
    user = type(user).objects.get(pk=user.pk)
    with CaptureQueriesContext(connection) as queries:
        rows = listing(user)
    return len(queries), len(rows)


def admin_cost(client) -> tuple[int, int]:
    """(queries, rows) of the case changelist: a page of 100 rows."""
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/admin/cases/case/")
    return len(queries), page.context["cl"].result_count


@pytest.mark.django_db
def test_listing_10_or_1000_visible_cases_costs_the_same_queries(staff, login):
    bawaslu, kasn = Agency.objects.get(code="BAWASLU"), Agency.objects.get(code="KASN")
    viewer = staff["BAWASLU"]["viewer"]
    add_cases(kasn, 300, 1)  # not visible to Bawaslu: filtered out in SQL, not in Python
    add_cases(bawaslu, 10, 1001)
    client = login(viewer)
    client.get("/admin/cases/case/")  # warm up per-process caches (content types, templates)
    small = [cost(plain, viewer), cost(with_children, viewer), admin_cost(client)]
    add_cases(bawaslu, 990, 2001)
    large = [cost(plain, viewer), cost(with_children, viewer), admin_cost(client)]
    assert small[:2] == [(4, 10), (4, 10)]  # the membership, its agency, its groups, the list
    assert large[:2] == [(4, 1000), (4, 1000)]
    assert (small[2][1], large[2][1]) == (10, 1000) and small[2][0] == large[2][0]
