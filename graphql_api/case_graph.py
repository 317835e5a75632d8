"""`caseGraph`: a case and what surrounds it, as nodes and typed edges for visualisation — the
graph cases/graph.py builds through the policy, in GraphQL's types and global IDs."""

from enum import Enum

import strawberry
from strawberry import relay

from cases import graph

MAX_DEPTH = graph.MAX_DEPTH


# The API's kinds are the graph's, less the case's setting (its institution and contest), which
# the API gives as fields of the case instead.
GraphNodeKind = strawberry.enum(
    Enum(
        "GraphNodeKind",
        [(kind.name, kind.value) for kind in graph.NodeKind if kind not in graph.SETTING_NODES],
    )
)
GraphEdgeKind = strawberry.enum(
    Enum(
        "GraphEdgeKind",
        [(kind.name, kind.value) for kind in graph.EdgeKind if kind not in graph.SETTING_EDGES],
    )
)


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
        description=f"More than {graph.MAX_NODES} nodes: the rest were left out."
    )


def global_id(key: graph.NodeKey) -> relay.GlobalID:
    return relay.GlobalID(key.kind.value, str(key.pk))


def build(user, case, depth: int) -> CaseGraph:
    built = graph.build(user, case, depth)
    return CaseGraph(
        root=global_id(built.root),
        depth=depth,
        nodes=[
            GraphNode(id=global_id(n.key), kind=GraphNodeKind(n.kind.value), label=n.label)
            for n in built.nodes
        ],
        edges=[
            GraphEdge(
                source=global_id(e.source),
                target=global_id(e.target),
                kind=GraphEdgeKind(e.kind.value),
                label=e.code,
            )
            for e in built.edges
        ],
        truncated=built.truncated,
    )
