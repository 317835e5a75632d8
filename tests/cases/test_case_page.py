"""The case page as a workspace: transitions ask a reason and name the agencies that receive the
case; each role is offered only what it may do, on the page and in the list; the history is in
words and holds only what the reader may see; the drawn graph leaves out what the policy hides."""

import pytest

from agencies.models import Agency
from cases import policy, services
from cases.admin.graph_drawing import HEIGHT, MAX_DRAWN, WIDTH, drawing, layout
from cases.graph import CaseGraph, Edge, EdgeKind, Node, NodeKey, NodeKind
from cases.models import Case, Escalation
from core.actors import system_user
from core.models import AuditEvent
from tests.cases.test_admin import CHANGELIST, messages_of, page
from tests.cases.test_workflow import drive_to, open_examined


@pytest.fixture
def examined(staff, asn, regime):
    return open_examined(staff, asn)


def actions_offered(client) -> list[str]:
    form = client.get(CHANGELIST).context["action_form"]
    if form is None:
        return []
    return sorted(name for name, _label in form.fields["action"].choices if name)


def workflow_buttons(client, case) -> list[str]:
    return [t["label"] for t in client.get(page(case.pk)).context["transitions"]]


@pytest.mark.django_db
def test_a_transition_requires_a_reason_which_goes_to_the_history(staff, examined, login):
    client = login(staff["BAWASLU"]["supervisor"])
    url = page(examined.pk, "transition/forward_to_supervisor/")
    asked = client.get(url)
    assert asked.context["form"].title == "Teruskan ke BKN"
    assert ("Status", "Kajian") in [(str(k), str(v)) for k, v in asked.context["form"].current]
    refused = client.post(url, {"reason": "   "})
    assert refused.status_code == 200 and "reason" in refused.context["form"].errors
    assert Case.objects.get(pk=examined.pk).status == "examination"

    done = client.post(url, {"reason": "Terbukti hadir di deklarasi", "outcome": "ketikan"})
    assert done.url == page(examined.pk)
    case = Case.objects.get(pk=examined.pk)
    assert (case.status, case.holder_agency.code, case.outcome) == ("assessment", "BKN", "")
    assert case.escalations.get().reason == "Terbukti hadir di deklarasi"
    event = AuditEvent.objects.get(action="case.transition.forward_to_supervisor")
    assert event.changes["reason"] == [None, "Terbukti hadir di deklarasi"]
    history = [entry.text for entry in client.get(page(case.pk)).context["timeline"]]
    assert "Diteruskan dari BAWASLU ke BKN: Terbukti hadir di deklarasi" in history


@pytest.mark.django_db
def test_each_button_names_the_agencies_that_receive_the_case(staff, asn, login, regime):
    case = drive_to("examination", staff, asn, regime)
    assert workflow_buttons(login(staff["BAWASLU"]["supervisor"]), case) == [
        "Hentikan (kasus tetap di BAWASLU)",
        "Teruskan ke BKN",
    ]
    case = drive_to("recommended", staff, asn, regime)
    assert workflow_buttons(login(staff["BUPATI-BOGOR"]["supervisor"]), case) == [
        "Catat sanksi: laporkan ke BKN"
    ]
    assert workflow_buttons(login(staff["BKN"]["supervisor"]), case) == [
        "Tandai PPK melewati batas waktu: eskalasi ke BKN, KEMENDAGRI"
    ]


@pytest.mark.django_db
def test_each_role_is_offered_only_its_own_actions(staff, examined, login):
    assert actions_offered(login(staff["BAWASLU"]["viewer"])) == []
    assert actions_offered(login(staff["BAWASLU"]["analyst"])) == ["workflow_start_examination"]
    assert actions_offered(login(staff["BAWASLU"]["supervisor"])) == [
        "workflow_close",
        "workflow_dismiss",
        "workflow_forward_to_supervisor",
        "workflow_start_examination",
    ]
    assert actions_offered(login(staff["BKN"]["supervisor"])) == [
        "workflow_close",
        "workflow_declare_not_proven",
        "workflow_mark_ppk_overdue",
        "workflow_recommend",
    ]
    assert actions_offered(login(staff["BUPATI-BOGOR"]["supervisor"])) == [
        "workflow_close",
        "workflow_record_sanction",
    ]
    for role in ("viewer", "analyst"):
        client = login(staff["BAWASLU"][role])
        assert workflow_buttons(client, examined) == []
        assert b"data-needs-saved" not in client.get(page(examined.pk)).content


@pytest.mark.django_db
def test_a_bulk_transition_asks_one_reason_for_every_selected_case(staff, asn, login, regime):
    cases = [drive_to("examination", staff, asn, regime) for _ in range(2)]
    client = login(staff["BAWASLU"]["supervisor"])
    selected = {"action": "workflow_dismiss", "_selected_action": [c.pk for c in cases]}
    asked = client.post(CHANGELIST, {**selected, "index": 0})
    assert asked.status_code == 200 and list(asked.context["cases"]) == sorted(
        cases, key=lambda c: -c.pk
    )
    refused = client.post(CHANGELIST, {**selected, "reason": ""})
    assert "reason" in refused.context["form"].errors
    done = client.post(CHANGELIST, {**selected, "reason": "Bukan ASN"}, follow=True)
    assert messages_of(done) == [
        f"Hentikan (tidak ditindaklanjuti): {', '.join(c.reference for c in reversed(cases))}"
    ]
    assert set(Case.objects.values_list("status", flat=True)) == {"dismissed"}


@pytest.mark.django_db
def test_the_receiving_agency_acknowledges_from_the_case_page(staff, asn, login, regime):
    case = drive_to("assessment", staff, asn, regime)
    escalation = case.escalations.get()
    url = page(case.pk, f"acknowledge/{escalation.pk}/")
    bawaslu = login(staff["BAWASLU"]["supervisor"])
    assert bawaslu.get(page(case.pk)).context["acknowledgements"] == []
    refused = bawaslu.post(url, follow=True)
    assert messages_of(refused) == [
        "hanya lembaga penerima yang dapat mengonfirmasi penerimaan eskalasi"
    ]
    viewer = login(staff["BKN"]["viewer"])
    offered = viewer.get(page(case.pk)).context["acknowledgements"]
    assert [a["label"] for a in offered] == ["Terima eskalasi dari BAWASLU"]
    assert viewer.get(url).status_code == 405
    done = viewer.post(url, follow=True)
    assert messages_of(done) == [f"{case.reference}: eskalasi dari BAWASLU telah diterima"]
    assert Escalation.objects.get(pk=escalation.pk).status == "acknowledged"
    history = [entry.text for entry in done.context["timeline"]]
    assert history[0] == "BKN menerima eskalasi"
    assert done.context["acknowledgements"] == []


@pytest.mark.django_db
def test_the_history_is_in_words_and_only_what_the_reader_may_see(staff, asn, login, regime):
    case = drive_to("recommended", staff, asn, regime)
    services.add_note(staff["BKN"]["analyst"], case, "Klarifikasi selesai")
    hidden = services.open_case(
        system_user(), title="Rahasia", owner_agency=Agency.objects.get(code="BSSN")
    )
    services.link_cases(system_user(), case, hidden, "related")
    entries = login(staff["BKN"]["viewer"]).get(page(case.pk)).context["timeline"]
    texts = [entry.text for entry in entries]
    assert texts[0] == "Catatan ditambahkan: Klarifikasi selesai"
    assert "Direkomendasikan kepada BUPATI-BOGOR: Hukuman disiplin berat" in texts
    assert "Diteruskan dari BAWASLU ke BKN" in texts
    assert "Pemberitahuan kepada BKN: kasus dieskalasikan kepadanya" in texts
    assert entries == sorted(entries, key=lambda entry: entry.at, reverse=True)
    shown = " ".join(texts + [entry.who for entry in entries])
    for code in ("forward_to_supervisor", "->", "escalation.", "heavy", hidden.reference):
        assert code not in shown
    outsider = staff["BSSN"]["supervisor"]
    assert not policy.case_history(outsider, case, AuditEvent.objects.all()).exists()
    assert policy.case_history(system_user(), case, AuditEvent.objects.all()).filter(
        action="case.link"
    )


@pytest.mark.django_db
def test_the_drawn_graph_leaves_out_what_the_reader_may_not_see(staff, asn, login, regime):
    case = drive_to("examination", staff, asn, regime)
    bkn_only = services.open_case(
        system_user(), title="Rahasia BKN", subject=asn, owner_agency=Agency.objects.get(code="BKN")
    )
    drawn = {n.node.key for n in drawing(staff["BAWASLU"]["viewer"], case)["nodes"]}
    subject = NodeKey(NodeKind.CIVIL_SERVANT, asn.pk)
    institution = NodeKey(NodeKind.INSTITUTION, case.institution_id)
    assert {NodeKey(NodeKind.CASE, case.pk), subject, institution} <= drawn
    assert NodeKey(NodeKind.CASE, bkn_only.pk) not in drawn
    html = login(staff["BAWASLU"]["viewer"]).get(page(case.pk)).content.decode()
    assert f'href="{page(case.pk)}"' in html and f'href="{page(bkn_only.pk)}"' not in html
    assert "Rahasia BKN" not in html and "Terlapor (ASN)" in html
    full = drawing(system_user(), case)
    assert NodeKey(NodeKind.CASE, bkn_only.pk) in {n.node.key for n in full["nodes"]}


def test_the_layout_puts_the_case_in_the_centre_and_leaves_out_what_would_not_read():
    root = NodeKey(NodeKind.CASE, 1)
    built = CaseGraph(root, 1, [Node(root, "NET-1", "NET-1")])
    for pk in range(1, MAX_DRAWN + 5):
        evidence, post = NodeKey(NodeKind.EVIDENCE, pk), NodeKey(NodeKind.POST, pk)
        built.nodes += [Node(evidence, "e", "e"), Node(post, "p", "p")]
        built.edges += [
            Edge(root, evidence, EdgeKind.EVIDENCE),
            Edge(evidence, post, EdgeKind.CAPTURES),
        ]
    drawn = layout(built)
    assert len(drawn) == MAX_DRAWN
    assert (drawn[root].x, drawn[root].y, drawn[root].ring) == (WIDTH // 2, HEIGHT // 2, 0)
    assert {d.ring for key, d in drawn.items() if key.kind is NodeKind.EVIDENCE} == {1}
    assert all(0 < d.x < WIDTH and 0 < d.y < HEIGHT for d in drawn.values())
