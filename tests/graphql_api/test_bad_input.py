"""Bad input answers a typed error naming the field and the value, never "Unexpected error."."""

import base64

import pytest

from cases.models import Case, Evidence, Involvement, Job, Post

from .conftest import gid

UNDECODABLE = base64.b64encode("Case:²".encode()).decode()  # "²".isdigit() is True
TOO_BIG = gid("Case", 10**30)
ERRORS = "errors { field code message }"


@pytest.fixture
def bawaslu(api):
    return api("BAWASLU")


@pytest.fixture
def case_id(open_case):
    return gid("Case", open_case("BAWASLU").pk)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "arguments, message",
    [
        ("first: -1", "cases: first and last count items and cannot be negative (got -1)"),
        ("last: -5", "cases: first and last count items and cannot be negative (got -5)"),
        ('after: "!!!"', "after: '!!!' is not a cursor from this list"),
        # arrayconnection:x and arrayconnection:-3
        ('before: "YXJyYXljb25uZWN0aW9uOng="', "before: 'YXJyYXljb25uZWN0aW9uOng=' is not a"),
        ('after: "YXJyYXljb25uZWN0aW9uOi0z"', "after: 'YXJyYXljb25uZWN0aW9uOi0z' is not a"),
        ('after: "Q2FzZToxMA=="', "after: 'Q2FzZToxMA==' is not a cursor"),  # a node id
    ],
)
def test_page_arguments_that_are_no_page(bawaslu, case_id, arguments, message):
    (error,) = bawaslu.errors(f"{{ cases({arguments}) {{ edges {{ node {{ id }} }} }} }}")
    assert error["message"].startswith(message)


@pytest.mark.django_db
def test_a_real_cursor_still_pages(bawaslu, open_case):
    open_case("BAWASLU"), open_case("BAWASLU")
    page = bawaslu("{ cases(first: 1) { pageInfo { endCursor } edges { node { id } } } }")
    after = page["cases"]["pageInfo"]["endCursor"]
    rest = bawaslu("query($a: String) { cases(after: $a) { edges { node { id } } } }", {"a": after})
    assert len(rest["cases"]["edges"]) == 1


@pytest.mark.django_db
@pytest.mark.parametrize("bad", [UNDECODABLE, TOO_BIG])
def test_ids_that_name_no_possible_row_are_refused_in_queries(bawaslu, case_id, bad):
    for query in (
        "query($id: ID!) { node(id: $id) { id } }",
        "query($id: ID!) { caseGraph(id: $id) { root } }",
    ):
        (error,) = bawaslu.errors(query, {"id": bad})
        assert error["message"].startswith(f"id: {bad!r} is not a valid ID (it decodes to Case:")
    (error,) = bawaslu.errors(
        "query($id: ID!) { cases(filter: {institution: $id}) { totalCount } }", {"id": bad}
    )
    assert f"{bad!r} is not a valid ID" in error["message"]


@pytest.mark.django_db
def test_ids_that_name_no_possible_row_are_typed_errors_in_mutations(bawaslu, case_id):
    result = bawaslu(
        f"""mutation($id: ID!) {{ transitionCase(input: {{case: $id, transition: "dismiss"}})
        {{ {ERRORS} }} }}""",
        {"id": UNDECODABLE},
    )["transitionCase"]
    (error,) = result["errors"]
    assert (error["field"], error["code"]) == ("case", "invalid_id")
    assert UNDECODABLE in error["message"]
    result = bawaslu(
        f"""mutation($id: ID!, $who: ID!) {{ addInvolvement(input: {{case: $id,
        role: SUBJECT, civilServant: $who}}) {{ {ERRORS} }} }}""",
        {"id": case_id, "who": base64.b64encode(b"CivilServant:1e3").decode()},
    )["addInvolvement"]
    assert [(e["field"], e["code"]) for e in result["errors"]] == [("civilServant", "invalid_id")]


@pytest.mark.django_db
def test_text_longer_than_its_column_is_refused_by_name(bawaslu, case_id):
    opened = bawaslu(f'mutation {{ openCase(input: {{title: "{"x" * 301}"}}) {{ {ERRORS} }} }}')[
        "openCase"
    ]
    assert [(e["field"], e["code"]) for e in opened["errors"]] == [("title", "too_long")]
    assert "title holds at most 300 characters, got 301" in opened["errors"][0]["message"]
    involved = bawaslu(
        f"""mutation($id: ID!) {{ addInvolvement(input: {{case: $id, role: PRESSURING_PARTY,
        name: "{"n" * 201}"}}) {{ {ERRORS} }} }}""",
        {"id": case_id},
    )["addInvolvement"]
    assert [(e["field"], e["code"]) for e in involved["errors"]] == [("name", "too_long")]
    url = "https://x.test/" + "p" * 500
    added = bawaslu(
        f"""mutation($id: ID!) {{ addEvidence(input: {{case: $id, kind: URL, url: "{url}",
        sha256: "{"a" * 64}"}}) {{ {ERRORS} }} }}""",
        {"id": case_id},
    )["addEvidence"]
    assert [(e["field"], e["code"]) for e in added["errors"]] == [("url", "too_long")]
    assert Case.objects.count() == 1 and not Involvement.objects.exclude(role="subject").exists()
    assert not Evidence.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "file:///etc/passwd"])
def test_evidence_links_are_web_addresses_only(bawaslu, case_id, url):
    result = bawaslu(
        f"""mutation($id: ID!, $url: String!) {{ addEvidence(input: {{case: $id, kind: URL,
        url: $url, sha256: "{"a" * 64}"}}) {{ {ERRORS} }} }}""",
        {"id": case_id, "url": url},
    )["addEvidence"]
    (error,) = result["errors"]
    assert (error["field"], error["code"]) == ("url", "invalid")
    assert "http:// or https://" in error["message"] and not Evidence.objects.exists()


IMPORT_CONTEST = f"""mutation($c: JSON!) {{ importContest(input: {{contest: $c}})
    {{ contest {{ slug }} {ERRORS} }} }}"""
CONTEST = {
    "slug": "pilkada-x",
    "name": "Pilkada X",
    "kind": "pilkada",
    "region": {"code": "32.01"},
    "candidates": [{"ballot_number": 1, "name": "Calon Satu"}],
}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "contest, message",
    [
        ([CONTEST], "expected one JSON object (a contest), got a list"),
        (5, "expected one JSON object (a contest), got a number"),
        ({**CONTEST, "region": "32.01"}, 'region must be an object such as {"code": "32.01"}'),
        ({**CONTEST, "candidates": [{"ballot_number": 1, "name": 7}]}, "candidates[0].name must"),
        ({**CONTEST, "exclusions": "kampanye"}, "exclusions must be a list of strings"),
        ({**CONTEST, "name": ["Pilkada"]}, "name must be a string, got a list"),
    ],
)
def test_import_contest_with_wrong_json_types(bawaslu, contest, message):
    result = bawaslu(IMPORT_CONTEST, {"c": contest})["importContest"]
    (error,) = result["errors"]
    assert result["contest"] is None and error["field"] == "contest"
    assert message in error["message"]


def post(external_id: str, **fields) -> dict:
    return {
        "platform": "x",
        "external_id": external_id,
        "author": {"handle": "warga1"},
        "action": "post",
        "text": "Ayo pilih nomor 1",
        **fields,
    }


@pytest.mark.django_db
def test_ingest_posts_reports_wrong_types_and_keeps_the_good_posts(api, contest):
    bssn = api("BSSN")
    result = bssn(
        f"""mutation($p: [JSON!]!) {{ ingestPosts(input: {{contest: "{contest.slug}",
        posts: $p}}) {{ counts lineErrors {{ line reason }} job {{ status }} {ERRORS} }} }}""",
        {
            "p": [
                post("1", platform=["x"]),
                post("2"),
                post("3", action={"kind": "post"}),
                post("4", action="follow", target={"author_handle": 12345}),
                post("5", author={"handle": 12345}),
            ]
        },
    )["ingestPosts"]
    assert result["errors"] == []
    assert result["lineErrors"] == [
        {"line": 1, "reason": 'platform must be a string, got ["x"]'},
        {"line": 3, "reason": 'action must be a string, got {"kind": "post"}'},
        {"line": 4, "reason": "target.author_handle must be a string, got 12345"},
        {"line": 5, "reason": "author.handle must be a string, got 12345"},
    ]
    assert result["counts"]["created"] == 1 and result["counts"]["errors"] == 4
    assert list(Post.objects.values_list("external_id", flat=True)) == ["2"]
    assert not Job.objects.filter(status=Job.Status.FAILED).exists()
