"""The case graph drawn on the case page as inline SVG: the case in the centre, what touches it
on a first ring, what touches those (posts, other cases of the same ASN) on a second. Built by
cases/graph.py through the policy, so a row the user may not see is neither drawn nor counted."""

import math
from collections import defaultdict
from dataclasses import dataclass

from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from .. import graph
from ..models import CaseLink, Evidence, Involvement
from .labels import transition_label

WIDTH, HEIGHT = 880, 580
# Horizontal and vertical radius of each ring: the first wide enough that a label level with the
# case's (about 200 px at 28 characters) does not run into it.
RINGS = [(0, 0), (240, 160), (330, 250)]
LABEL_AT = 0.6  # an edge's label, this far from its source
MAX_DRAWN = 40  # more would not read; the page says how many were left out

KIND_WORDS = {
    graph.NodeKind.CASE: _("case"),
    graph.NodeKind.CIVIL_SERVANT: _("civil servant (ASN)"),
    graph.NodeKind.CANDIDATE: _("candidate"),
    graph.NodeKind.PERSON: _("person outside the registries"),
    graph.NodeKind.FINDING: _("finding"),
    graph.NodeKind.POST: _("post"),
    graph.NodeKind.EVIDENCE: _("evidence"),
    graph.NodeKind.ESCALATION: _("hand-over"),
    graph.NodeKind.RECOMMENDATION: _("recommendation"),
    graph.NodeKind.SANCTION: _("sanction"),
    graph.NodeKind.INSTITUTION: _("institution"),
    graph.NodeKind.CONTEST: _("contest"),
}
KIND_COLOURS = {
    graph.NodeKind.CASE: "#264b5d",
    graph.NodeKind.CIVIL_SERVANT: "#b45309",
    graph.NodeKind.CANDIDATE: "#b91c1c",
    graph.NodeKind.PERSON: "#a16207",
    graph.NodeKind.FINDING: "#0e7490",
    graph.NodeKind.POST: "#047857",
    graph.NodeKind.EVIDENCE: "#15803d",
    graph.NodeKind.ESCALATION: "#475569",
    graph.NodeKind.RECOMMENDATION: "#7c2d12",
    graph.NodeKind.SANCTION: "#9f1239",
    graph.NodeKind.INSTITUTION: "#6b21a8",
    graph.NodeKind.CONTEST: "#4338ca",
}
EDGE_WORDS = {
    graph.EdgeKind.FINDING: _("finding"),
    graph.EdgeKind.FOUND_IN: _("found in"),
    graph.EdgeKind.EVIDENCE: _("evidence"),
    graph.EdgeKind.CAPTURES: _("captures"),
    graph.EdgeKind.RECOMMENDATION: _("recommendation"),
    graph.EdgeKind.SANCTION: _("sanction"),
    graph.EdgeKind.FOLLOWS: _("follows"),
    graph.EdgeKind.INSTITUTION: _("institution"),
    graph.EdgeKind.CONTEST: _("contest"),
}


def edge_words(edge: graph.Edge) -> str:
    """An edge's label in the user's language (its code is a role, a kind or a step)."""
    if edge.kind is graph.EdgeKind.INVOLVEMENT:
        return str(dict(Involvement.Role.choices).get(edge.code, edge.code))
    if edge.kind is graph.EdgeKind.LINK:
        return str(dict(CaseLink.Kind.choices).get(edge.code, edge.code))
    if edge.kind is graph.EdgeKind.ESCALATION:
        return transition_label(edge.code)
    if edge.kind is graph.EdgeKind.EVIDENCE:
        return str(dict(Evidence.Kind.choices).get(edge.code, edge.code))
    return str(EDGE_WORDS[edge.kind])


@dataclass
class DrawnNode:
    node: graph.Node
    x: int  # whole pixels: SVG needs a decimal point, never the locale's comma
    y: int
    ring: int

    @property
    def colour(self) -> str:
        return KIND_COLOURS[self.node.kind]

    @property
    def kind_words(self) -> str:
        return str(KIND_WORDS[self.node.kind])

    @property
    def short_title(self) -> str:
        return Truncator(self.node.title).chars(28)

    @property
    def radius(self) -> int:
        return 16 if self.ring == 0 else 10

    @property
    def label_y(self) -> int:
        return self.y + self.radius + 13


@dataclass
class DrawnEdge:
    source: DrawnNode
    target: DrawnNode
    words: str

    # The label sits past the middle, away from the crowded centre of the drawing.
    @property
    def mid_x(self) -> int:
        return round(self.source.x + (self.target.x - self.source.x) * LABEL_AT)

    @property
    def mid_y(self) -> int:
        return round(self.source.y + (self.target.y - self.source.y) * LABEL_AT) - 3


def rings(built: graph.CaseGraph) -> dict:
    """{node key: (ring, parent key)}: breadth-first from the case over edges either way."""
    around = defaultdict(list)
    for edge in built.edges:
        around[edge.source].append(edge.target)
        around[edge.target].append(edge.source)
    placed, frontier = {built.root: (0, None)}, [built.root]
    for ring in (1, 2):
        following = []
        for key in frontier:
            for other in around[key]:
                if other not in placed:
                    placed[other] = (ring, key)
                    following.append(other)
        frontier = following
    return placed


def layout(built: graph.CaseGraph) -> dict:
    """Positions on the case's two rings, each node of the second ring near its parent's angle."""
    placed = dict(list(rings(built).items())[:MAX_DRAWN])
    by_key = {node.key: node for node in built.nodes}
    centre_x, centre_y = WIDTH // 2, HEIGHT // 2
    angle = {built.root: 0.0}
    drawn = {built.root: DrawnNode(by_key[built.root], centre_x, centre_y, 0)}
    for ring in (1, 2):
        keys = [key for key, (r, _parent) in placed.items() if r == ring]
        keys.sort(key=lambda key: angle.get(placed[key][1], 0.0))
        offset = angle.get(placed[keys[0]][1], 0.0) if keys and ring == 2 else -math.pi / 2
        radius_x, radius_y = RINGS[ring]
        for index, key in enumerate(keys):
            angle[key] = offset + 2 * math.pi * index / len(keys)
            drawn[key] = DrawnNode(
                by_key[key],
                round(centre_x + radius_x * math.cos(angle[key])),
                round(centre_y + radius_y * math.sin(angle[key])),
                ring,
            )
    return drawn


def drawing(user, case) -> dict:
    """What the template draws: nodes, edges with their words, the kinds shown, what was left."""
    built = graph.build(user, case, 1, setting=True)
    drawn = layout(built)
    edges = [
        DrawnEdge(drawn[edge.source], drawn[edge.target], edge_words(edge))
        for edge in built.edges
        if edge.source in drawn and edge.target in drawn
    ]
    nodes = sorted(drawn.values(), key=lambda node: -node.ring)  # the case drawn last, on top
    kinds = {node.node.kind: node for node in nodes}
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "nodes": nodes,
        "edges": edges,
        "legend": sorted(kinds.values(), key=lambda node: node.kind_words),
        "left_out": len(built.nodes) - len(drawn),
    }
