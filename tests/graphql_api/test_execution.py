"""The executor's short path answers exactly as the full path, and is taken where it should be."""

import asyncio
from types import SimpleNamespace

import pytest
import strawberry
import strawberry_django
from strawberry import auto
from strawberry.relay import GlobalID
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry_django.fields.field import StrawberryDjangoField
from strawberry_django.optimizer import DjangoOptimizerExtension

from cases.models import Case, CivilServant, Evidence
from cases.services import add_evidence
from graphql_api.execution import NOT_LOADED, Executor, loaded_value_reader
from graphql_api.schema import schema
from graphql_api.types.cases import CaseType
from graphql_api.types.intake import ReportType
from graphql_api.types.registry import CivilServantType

from .test_isolation import world  # noqa: F401 - the isolation tests' case graph

BOARD = """{ cases { totalCount edges { node { id reference title status severity dueAt
    evidenceCount ownerAgency { code } holderAgency { code } contest { slug }
    institution { name region { name } } subjects { civilServant { nip name } }
    findings { violationCode score post { text author { handle } } }
    reports { channel reporterName receivingAgency { code } }
    links { kind toCase { reference } } linkedFrom { fromCase { reference } }
    latestEscalation { toAgency { code } dueAt status isOverdue } } } } }"""


@pytest.mark.django_db
def test_short_path_answers_as_the_full_path(world, monkeypatch):
    clients = (world.bawaslu, world.kasn, world.bssn)
    short = [client(BOARD) for client in clients]
    monkeypatch.setattr(schema, "execution_context_class", StrawberryGraphQLCoreExecutionContext)
    assert [client(BOARD) for client in clients] == short
    assert short[0]["cases"]["totalCount"] == 2 and short[2]["cases"]["totalCount"] == 0


@pytest.mark.django_db
def test_lists_not_prefetched_are_read_through_the_policy(world, system):
    """A row the optimizer did not load reads its lists as querysets, filtered as prefetches."""
    add_evidence(system, world.a, "url", url="https://x.test/1", sha256="a" * 64)
    lists = f"""{{ cases {{ edges {{ node {{ reference involvements {{ role civilServant {{ nip }} }}
        findings {{ violationCode score }} reports {{ channel findings {{ score }} }}
        evidence {{ kind custody {{ action }} }} escalations {{ step }}
        links {{ kind toCase {{ reference }} }} linkedFrom {{ fromCase {{ reference }} }} }} }} }}
      civilServants(filter: {{nip: "{world.asn.nip}"}}) {{ edges {{ node {{ involvements {{ case {{ reference }} }} }} }} }}
      posts {{ edges {{ node {{ externalId findings {{ score }} }} }} }} }}"""
    clients = (world.bawaslu, world.kasn, world.bssn)
    prefetched = [client(lists) for client in clients]
    with DjangoOptimizerExtension.disabled():
        assert [client(lists) for client in clients] == prefetched
    case_a = next(
        edge["node"]
        for edge in prefetched[0]["cases"]["edges"]
        if edge["node"]["reference"] == world.a.reference
    )
    assert len(case_a["findings"]) == 2 and len(case_a["reports"]) == 2
    assert case_a["evidence"] == [{"kind": "URL", "custody": [{"action": "captured"}]}]
    servant = prefetched[0]["civilServants"]["edges"][0]["node"]
    assert servant["involvements"] == [{"case": {"reference": world.a.reference}}]  # not KASN's B
    assert case_a["links"] == []  # to KASN's case B, which Bawaslu cannot see


@pytest.mark.django_db
def test_only_fields_that_run_code_reach_their_resolvers(world, monkeypatch):
    resolved = set()
    get_result = StrawberryDjangoField.get_result

    def recording(field, *args, **kwargs):
        resolved.add(field.python_name)
        return get_result(field, *args, **kwargs)

    monkeypatch.setattr(StrawberryDjangoField, "get_result", recording)
    assert world.bawaslu(BOARD)
    accounts = '{ civilServants(filter: {nip: "%s"}) { edges { node { accounts { handle } } } } }'
    servant = world.bawaslu(accounts % world.asn.nip)["civilServants"]["edges"][0]["node"]
    assert servant == {"accounts": [{"handle": "siti"}]}
    assert {"cases", "reporter_name"} <= resolved  # a root list; a protected value
    assert (
        not {
            "title",
            "status",
            "evidence_count",
            "holder_agency",
            "code",
            "subjects",
            "findings",
            "latest_escalation",
            "is_overdue",
            "accounts",
            "handle",
        }
        & resolved
    )


def field(type_, name: str):
    return next(f for f in type_.__strawberry_definition__.fields if f.python_name == name)


@pytest.mark.django_db
def test_a_value_not_loaded_is_left_to_the_resolver(world):
    title, holder = (
        loaded_value_reader(field(CaseType, name)) for name in ("title", "holder_agency")
    )
    case = Case.objects.only("pk", "holder_agency").get(pk=world.a.pk)
    assert title(case) is NOT_LOADED and holder(case) is NOT_LOADED
    case = Case.objects.select_related("holder_agency").get(pk=world.a.pk)
    assert title(case) == "Kasus A" and holder(case).code == "BAWASLU"


@strawberry_django.type(Evidence, name="EvidenceFile")
class EvidenceFile:
    file: auto


@pytest.mark.django_db
def test_a_relay_id_is_read_from_the_primary_key(world):
    relay_id = loaded_value_reader(field(CaseType, "_id"))
    assert relay_id(Case.objects.get(pk=world.a.pk)) == GlobalID("Case", str(world.a.pk))
    assert relay_id(Case(title="not saved")) is NOT_LOADED


@pytest.mark.django_db
def test_a_list_not_prefetched_by_the_optimizer_is_left_to_the_resolver(world):
    findings = loaded_value_reader(field(CaseType, "findings"))  # a policy list: visible_list
    assert findings(Case.objects.get(pk=world.a.pk)) is NOT_LOADED
    accounts = loaded_value_reader(field(CivilServantType, "accounts"))  # a registry list
    assert accounts(CivilServant.objects.get(pk=world.asn.pk)) is NOT_LOADED
    servant = CivilServant.objects.prefetch_related("accounts").get(pk=world.asn.pk)  # not by it
    assert accounts(servant) is NOT_LOADED


@pytest.mark.django_db
def test_a_resolver_returning_a_queryset_is_left_to_the_full_path(world):
    @strawberry_django.type(Case, name="CaseWithEvidence")
    class CaseWithEvidence:
        @strawberry_django.field
        def evidence(self) -> list[EvidenceFile]:
            return self.evidence.all()

        @strawberry_django.field
        def failing(self) -> str:
            raise ValueError("reported by the full path")

    case = Case.objects.get(pk=world.a.pk)
    assert loaded_value_reader(field(CaseWithEvidence, "evidence"))(case) is NOT_LOADED
    assert loaded_value_reader(field(CaseWithEvidence, "failing"))(case) is NOT_LOADED


def test_resolvers_asking_for_the_caller_and_files_have_no_short_path():
    assert loaded_value_reader(field(ReportType, "reporter_name")) is None  # decides per caller
    assert loaded_value_reader(field(EvidenceFile, "file")) is None  # read as a file object


@strawberry_django.type(Case, name="Row")
class Row:
    title: auto

    @strawberry_django.field
    def checked(self) -> str:  # non-null: an error nulls the row, or the list if rows are too
        if self.title == "bad":
            raise ValueError(f"cannot check {self.title}")
        return self.title.upper()


@strawberry_django.type(Case, name="Holder")
class Holder:
    title: auto

    @strawberry_django.field
    def rows(self) -> list[Row | None]:
        return [Case(title="good"), Case(title="bad")]

    @strawberry_django.field
    def strict_rows(self) -> list[Row] | None:
        return [Case(title="good"), Case(title="bad")]

    @strawberry_django.field
    def row(self) -> Row | None:
        return Case(title="bad")

    @strawberry_django.field
    def good_row(self) -> Row:
        return Case(title="good")


@strawberry.type
class Page:  # not a model's type: plain attributes, which strawberry reads with getattr
    label: str
    rows: list[Row | None]
    unset: str | None = None

    @strawberry.field
    async def later(self) -> str:  # in async execution only: awaited beside the plain fields
        return f"{self.label} later"


@strawberry.type
class RowQuery:
    @strawberry.field
    def holder(self) -> Holder:
        return Case(title="holder")

    @strawberry.field
    def pages(self) -> list[Page]:  # the second one lacks `unset`: an error, as graphql-core's
        return [
            Page(label="one", rows=[Case(title="good"), Case(title="bad")]),
            SimpleNamespace(label="two", rows=[]),
        ]


ROWS = (
    "{ holder { title rows { title checked } strictRows { checked } row { checked } "
    "goodRow { title checked } } }"
)


def test_rows_complete_with_the_same_data_and_errors_as_graphql_core():
    def run(executor):
        result = strawberry.Schema(query=RowQuery, execution_context_class=executor).execute_sync(
            ROWS
        )
        return result.data, sorted((e.message, tuple(e.path)) for e in result.errors)

    data, errors = run(Executor)
    assert (data, errors) == run(StrawberryGraphQLCoreExecutionContext)
    assert data["holder"]["rows"] == [{"title": "good", "checked": "GOOD"}, None]
    assert data["holder"]["strictRows"] is None and data["holder"]["row"] is None
    assert data["holder"]["goodRow"] == {"title": "good", "checked": "GOOD"}
    assert errors == [
        ("cannot check bad", ("holder", "row", "checked")),
        ("cannot check bad", ("holder", "rows", 1, "checked")),
        ("cannot check bad", ("holder", "strictRows", 1, "checked")),
    ]


def test_plain_attributes_and_awaited_fields_complete_as_graphql_core():
    def run(executor, query):
        result = asyncio.run(
            strawberry.Schema(query=RowQuery, execution_context_class=executor).execute(query)
        )
        return result.data, sorted((e.message, tuple(e.path)) for e in result.errors or ())

    query = "{ pages { label unset rows { checked } } }"
    data, errors = run(Executor, query)
    assert (data, errors) == run(StrawberryGraphQLCoreExecutionContext, query)
    assert data["pages"][0] == {"label": "one", "unset": None, "rows": [{"checked": "GOOD"}, None]}
    assert sorted(path for _, path in errors) == [
        ("pages", 0, "rows", 1, "checked"),
        ("pages", 1, "unset"),
    ]
    query = "{ pages { label later } }"
    assert run(Executor, query) == run(StrawberryGraphQLCoreExecutionContext, query)
    assert run(Executor, query)[0]["pages"][1] == {"label": "two", "later": "two later"}
