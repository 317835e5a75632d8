"""A case and what surrounds it, as nodes and typed edges: the GraphQL `caseGraph` field and the
drawing on the case page both read it.

Breadth-first over cases: each hop loads the frontier's children in a fixed number of queries
(every one through the policy: the frontier's cases are all visible ones), then moves on to the
other cases that share a civil servant or a link with the frontier. Depth 1 is the case, its
children and its neighbouring cases; each further hop expands those neighbours the same way.
A row the user may not see is never read, so nothing in the graph tells it exists.
"""

from dataclasses import dataclass, field
from enum import Enum

from django.urls import reverse

from . import models as graph
from . import policy
from .codes import Platform, SanctionLevel

MAX_DEPTH = 3
MAX_NODES = 500


class NodeKind(Enum):
    """What a node is; the value is its GraphQL type name."""

    CASE = "Case"
    CIVIL_SERVANT = "CivilServant"
    CANDIDATE = "Candidate"
    PERSON = "Involvement"  # someone named on a case but not in the registry
    FINDING = "Finding"
    POST = "Post"
    EVIDENCE = "Evidence"
    ESCALATION = "Escalation"
    RECOMMENDATION = "Recommendation"
    SANCTION = "Sanction"
    INSTITUTION = "Institution"
    CONTEST = "Contest"


class EdgeKind(Enum):
    INVOLVEMENT = "involvement"
    FINDING = "finding"
    FOUND_IN = "found_in"
    EVIDENCE = "evidence"
    CAPTURES = "captures"
    ESCALATION = "escalation"
    RECOMMENDATION = "recommendation"
    SANCTION = "sanction"
    FOLLOWS = "follows"
    LINK = "link"
    INSTITUTION = "institution"
    CONTEST = "contest"


# The case's setting: drawn on its page, fields of the case in the API.
SETTING_NODES = {NodeKind.INSTITUTION, NodeKind.CONTEST}
SETTING_EDGES = {EdgeKind.INSTITUTION, EdgeKind.CONTEST}

# The admin page of each kind of node (app_model of its change view).
ADMIN_PAGES = {
    NodeKind.CASE: "cases_case",
    NodeKind.CIVIL_SERVANT: "cases_civilservant",
    NodeKind.CANDIDATE: "cases_candidate",
    NodeKind.PERSON: "cases_involvement",
    NodeKind.FINDING: "cases_finding",
    NodeKind.POST: "cases_post",
    NodeKind.EVIDENCE: "cases_evidence",
    NodeKind.ESCALATION: "cases_escalation",
    NodeKind.RECOMMENDATION: "cases_recommendation",
    NodeKind.SANCTION: "cases_sanction",
    NodeKind.INSTITUTION: "agencies_institution",
    NodeKind.CONTEST: "cases_contest",
}


@dataclass(frozen=True)
class NodeKey:
    kind: NodeKind
    pk: int


@dataclass
class Node:
    key: NodeKey
    label: str  # stable text for machines (codes as they are stored)
    title: str  # the same for people, in the active language

    @property
    def kind(self) -> NodeKind:
        return self.key.kind

    @property
    def admin_url(self) -> str:
        return reverse(f"admin:{ADMIN_PAGES[self.kind]}_change", args=[self.key.pk])


@dataclass
class Edge:
    source: NodeKey
    target: NodeKey
    kind: EdgeKind
    code: str = ""  # the involvement role, evidence kind, step, sanction level or link kind


@dataclass
class CaseGraph:
    root: NodeKey
    depth: int
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    truncated: bool = False


def choice_words(choices, code: str) -> str:
    return str(dict(choices).get(code, code))


class _Builder:
    def __init__(self, user):
        self.user, self.nodes, self.edges, self.truncated = user, {}, [], False

    def visible(self, model, **lookup):
        return policy.visible(self.user, model.objects.filter(**lookup))

    def children(self, model, case_ids):
        """The rows of `model` hanging from visible cases."""
        return policy.visible_children(self.user, model.objects.filter(case__in=case_ids), "case")

    def node(self, kind: NodeKind, pk, label: str, title: str | None = None) -> NodeKey:
        key = NodeKey(kind, pk)
        if key not in self.nodes:
            if len(self.nodes) >= MAX_NODES:
                self.truncated = True
                return key
            self.nodes[key] = Node(key, label, label if title is None else title)
        return key

    def edge(self, source, target, kind: EdgeKind, code: str = "") -> None:
        if source in self.nodes and target in self.nodes:
            self.edges.append(Edge(source, target, kind, code))

    def case(self, case) -> NodeKey:
        return self.node(NodeKind.CASE, case.pk, f"{case.reference} {case.title}")

    def expand(self, cases: dict) -> dict:
        """Add the children of `cases` ({pk: case}); return the neighbouring cases not yet seen."""
        ids = list(cases)
        key = {pk: self.case(case) for pk, case in cases.items()}
        people = set()
        for inv in self.children(graph.Involvement, ids).select_related(
            "civil_servant", "candidate"
        ):
            if inv.civil_servant:
                target = self.node(
                    NodeKind.CIVIL_SERVANT,
                    inv.civil_servant_id,
                    f"{inv.civil_servant.name} ({inv.civil_servant.nip})",
                )
                people.add(inv.civil_servant_id)
            elif inv.candidate:
                target = self.node(NodeKind.CANDIDATE, inv.candidate_id, str(inv.candidate))
            else:
                target = self.node(NodeKind.PERSON, inv.pk, inv.name)
            self.edge(key[inv.case_id], target, EdgeKind.INVOLVEMENT, inv.role)
        for finding in self.children(graph.Finding, ids).select_related("post"):
            target = self.node(
                NodeKind.FINDING,
                finding.pk,
                f"{finding.violation_code} ({finding.score:.2f})",
                f"{finding.get_violation_code_display()} ({finding.score:.2f})",
            )
            self.edge(key[finding.case_id], target, EdgeKind.FINDING)
            self.post(target, finding.post, EdgeKind.FOUND_IN)
        for evidence in self.children(graph.Evidence, ids).select_related("post"):
            target = self.node(NodeKind.EVIDENCE, evidence.pk, str(evidence))
            self.edge(key[evidence.case_id], target, EdgeKind.EVIDENCE, evidence.kind)
            self.post(target, evidence.post, EdgeKind.CAPTURES)
        for esc in self.children(graph.Escalation, ids).select_related("from_agency", "to_agency"):
            target = self.node(
                NodeKind.ESCALATION, esc.pk, f"{esc.from_agency.code} → {esc.to_agency.code}"
            )
            self.edge(key[esc.case_id], target, EdgeKind.ESCALATION, esc.step)
        recommendations = {}
        for rec in self.children(graph.Recommendation, ids).select_related("addressed_ppk"):
            recommendations[rec.pk] = self.node(
                NodeKind.RECOMMENDATION,
                rec.pk,
                f"{rec.proposed_sanction} → {rec.addressed_ppk.code}",
                f"{choice_words(SanctionLevel.choices, rec.proposed_sanction)} → "
                f"{rec.addressed_ppk.code}",
            )
            self.edge(key[rec.case_id], recommendations[rec.pk], EdgeKind.RECOMMENDATION)
        for sanction in self.children(graph.Sanction, ids):
            target = self.node(
                NodeKind.SANCTION,
                sanction.pk,
                f"{sanction.level} ({sanction.decree_number})",
                str(sanction),
            )
            self.edge(key[sanction.case_id], target, EdgeKind.SANCTION, sanction.level)
            if sanction.recommendation_id in recommendations:
                self.edge(target, recommendations[sanction.recommendation_id], EdgeKind.FOLLOWS)
        return self.neighbours(ids, people, key)

    def post(self, source, post, kind: EdgeKind) -> None:
        if post is not None:
            target = self.node(
                NodeKind.POST,
                post.pk,
                f"{post.platform}:{post.external_id}",
                f"{choice_words(Platform.choices, post.platform)} {post.external_id}",
            )
            self.edge(source, target, kind)

    def neighbours(self, ids, people, key) -> dict:
        found = {}  # links are visible only when both their cases are (the policy)
        for link in self.visible(graph.CaseLink, from_case__in=ids).select_related("to_case"):
            found[link.to_case_id] = link.to_case
            self.edge(key[link.from_case_id], self.case(link.to_case), EdgeKind.LINK, link.kind)
        for link in self.visible(graph.CaseLink, to_case__in=ids).select_related("from_case"):
            found[link.from_case_id] = link.from_case
            self.edge(self.case(link.from_case), key[link.to_case_id], EdgeKind.LINK, link.kind)
        for inv in (
            self.visible(graph.Involvement, civil_servant__in=people)
            .exclude(case__in=ids)
            .select_related("case")
        ):
            found[inv.case_id] = inv.case
            self.edge(
                self.case(inv.case),
                NodeKey(NodeKind.CIVIL_SERVANT, inv.civil_servant_id),
                EdgeKind.INVOLVEMENT,
                inv.role,
            )
        return found

    def setting(self, case) -> None:
        """The case's institution and contest: registry rows, which every agency member reads."""
        root = self.case(case)
        for obj, kind, edge in (
            (case.institution, NodeKind.INSTITUTION, EdgeKind.INSTITUTION),
            (case.contest, NodeKind.CONTEST, EdgeKind.CONTEST),
        ):
            if obj is not None and policy.is_visible(self.user, obj):
                self.edge(root, self.node(kind, obj.pk, str(obj)), edge)


def build(user, case, depth: int, *, setting: bool = False) -> CaseGraph:
    """The graph around `case` (which `user` sees) to `depth` hops; `setting` adds the case's
    institution and contest, which the case page draws and the API gives as fields instead."""
    builder = _Builder(user)
    seen, frontier = set(), {case.pk: case}
    for _ in range(depth):
        seen |= frontier.keys()
        frontier = {pk: c for pk, c in builder.expand(frontier).items() if pk not in seen}
        if not frontier or builder.truncated:
            break
    if setting:
        builder.setting(case)
    return CaseGraph(
        root=NodeKey(NodeKind.CASE, case.pk),
        depth=depth,
        nodes=list(builder.nodes.values()),
        edges=builder.edges,
        truncated=builder.truncated,
    )
