"""`caseGraph`: a case and what surrounds it, as nodes and typed edges for visualisation.

Breadth-first over cases: each hop loads the frontier's children in a fixed number of queries
(every one through the policy: the frontier's cases are all visible ones), then moves on to the
other cases that share a civil servant or a link with the frontier. Depth 1 is the case, its
children and its neighbouring cases; each further hop expands those neighbours the same way.
"""

from enum import Enum

import strawberry
from strawberry import relay

from cases import models as graph
from cases import policy

MAX_DEPTH = 3
MAX_NODES = 500


@strawberry.enum
class GraphNodeKind(Enum):
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


@strawberry.enum
class GraphEdgeKind(Enum):
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


@strawberry.type
class GraphNode:
    id: relay.GlobalID = strawberry.field(description="Fetch details with node(id:).")
    kind: GraphNodeKind
    label: str


@strawberry.type
class GraphEdge:
    source: relay.GlobalID
    target: relay.GlobalID
    kind: GraphEdgeKind
    label: str


@strawberry.type
class CaseGraph:
    root: relay.GlobalID
    depth: int
    nodes: list[GraphNode]
    edges: list[GraphEdge]
    truncated: bool = strawberry.field(
        description=f"More than {MAX_NODES} nodes: the rest were left out."
    )


class _Builder:
    def __init__(self, user):
        self.user, self.nodes, self.edges, self.truncated = user, {}, [], False

    def visible(self, model, **lookup):
        return policy.visible(self.user, model.objects.filter(**lookup))

    def children(self, model, case_ids):
        """The rows of `model` hanging from visible cases."""
        return policy.visible_children(self.user, model.objects.filter(case__in=case_ids), "case")

    def node(self, kind: GraphNodeKind, pk, label: str) -> relay.GlobalID:
        gid = relay.GlobalID(kind.value, str(pk))
        if gid not in self.nodes:
            if len(self.nodes) >= MAX_NODES:
                self.truncated = True
                return gid
            self.nodes[gid] = GraphNode(id=gid, kind=kind, label=label)
        return gid

    def edge(self, source, target, kind: GraphEdgeKind, label: str = "") -> None:
        if source in self.nodes and target in self.nodes:
            self.edges.append(GraphEdge(source=source, target=target, kind=kind, label=label))

    def case(self, case) -> relay.GlobalID:
        return self.node(GraphNodeKind.CASE, case.pk, f"{case.reference} {case.title}")

    def expand(self, cases: dict) -> dict:
        """Add the children of `cases` ({pk: case}); return the neighbouring cases not yet seen."""
        ids = list(cases)
        gid = {pk: self.case(case) for pk, case in cases.items()}
        people = set()
        for inv in self.children(graph.Involvement, ids).select_related(
            "civil_servant", "candidate"
        ):
            if inv.civil_servant:
                target = self.node(
                    GraphNodeKind.CIVIL_SERVANT,
                    inv.civil_servant_id,
                    f"{inv.civil_servant.name} ({inv.civil_servant.nip})",
                )
                people.add(inv.civil_servant_id)
            elif inv.candidate:
                target = self.node(GraphNodeKind.CANDIDATE, inv.candidate_id, str(inv.candidate))
            else:
                target = self.node(GraphNodeKind.PERSON, inv.pk, inv.name)
            self.edge(gid[inv.case_id], target, GraphEdgeKind.INVOLVEMENT, inv.role)
        for finding in self.children(graph.Finding, ids).select_related("post"):
            target = self.node(
                GraphNodeKind.FINDING, finding.pk, f"{finding.violation_code} ({finding.score:.2f})"
            )
            self.edge(gid[finding.case_id], target, GraphEdgeKind.FINDING)
            self.post(target, finding.post, GraphEdgeKind.FOUND_IN)
        for evidence in self.children(graph.Evidence, ids).select_related("post"):
            target = self.node(GraphNodeKind.EVIDENCE, evidence.pk, str(evidence))
            self.edge(gid[evidence.case_id], target, GraphEdgeKind.EVIDENCE, evidence.kind)
            self.post(target, evidence.post, GraphEdgeKind.CAPTURES)
        for esc in self.children(graph.Escalation, ids).select_related("from_agency", "to_agency"):
            target = self.node(
                GraphNodeKind.ESCALATION, esc.pk, f"{esc.from_agency.code} → {esc.to_agency.code}"
            )
            self.edge(gid[esc.case_id], target, GraphEdgeKind.ESCALATION, esc.step)
        recommendations = {}
        for rec in self.children(graph.Recommendation, ids).select_related("addressed_ppk"):
            label = f"{rec.proposed_sanction} → {rec.addressed_ppk.code}"
            recommendations[rec.pk] = self.node(GraphNodeKind.RECOMMENDATION, rec.pk, label)
            self.edge(gid[rec.case_id], recommendations[rec.pk], GraphEdgeKind.RECOMMENDATION)
        for sanction in self.children(graph.Sanction, ids):
            target = self.node(
                GraphNodeKind.SANCTION, sanction.pk, f"{sanction.level} ({sanction.decree_number})"
            )
            self.edge(gid[sanction.case_id], target, GraphEdgeKind.SANCTION, sanction.level)
            if sanction.recommendation_id in recommendations:
                self.edge(
                    target, recommendations[sanction.recommendation_id], GraphEdgeKind.FOLLOWS
                )
        return self.neighbours(ids, people, gid)

    def post(self, source, post, kind: GraphEdgeKind) -> None:
        if post is not None:
            target = self.node(GraphNodeKind.POST, post.pk, f"{post.platform}:{post.external_id}")
            self.edge(source, target, kind)

    def neighbours(self, ids, people, gid) -> dict:
        found = {}  # links are visible only when both their cases are (the policy)
        for link in self.visible(graph.CaseLink, from_case__in=ids).select_related("to_case"):
            found[link.to_case_id] = link.to_case
            self.edge(
                gid[link.from_case_id], self.case(link.to_case), GraphEdgeKind.LINK, link.kind
            )
        for link in self.visible(graph.CaseLink, to_case__in=ids).select_related("from_case"):
            found[link.from_case_id] = link.from_case
            self.edge(
                self.case(link.from_case), gid[link.to_case_id], GraphEdgeKind.LINK, link.kind
            )
        for inv in (
            self.visible(graph.Involvement, civil_servant__in=people)
            .exclude(case__in=ids)
            .select_related("case")
        ):
            found[inv.case_id] = inv.case
            self.edge(
                self.case(inv.case),
                relay.GlobalID(GraphNodeKind.CIVIL_SERVANT.value, str(inv.civil_servant_id)),
                GraphEdgeKind.INVOLVEMENT,
                inv.role,
            )
        return found


def build(user, case, depth: int) -> CaseGraph:
    builder = _Builder(user)
    seen, frontier = set(), {case.pk: case}
    for _ in range(depth):
        seen |= frontier.keys()
        frontier = {pk: c for pk, c in builder.expand(frontier).items() if pk not in seen}
        if not frontier or builder.truncated:
            break
    return CaseGraph(
        root=relay.GlobalID("Case", str(case.pk)),
        depth=depth,
        nodes=list(builder.nodes.values()),
        edges=builder.edges,
        truncated=builder.truncated,
    )
