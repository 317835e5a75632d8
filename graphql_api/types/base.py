"""What every GraphQL object type stands on: Relay nodes whose rows come through the policy.

Case-graph types are `PolicyNode`s: strawberry-django calls their `get_queryset` for root lists,
`node`/`nodes` lookups and — with the optimizer's `prefetch_custom_queryset=True` — for every
foreign key it prefetches, so one method keeps them inside the policy. A parent's lists of them
are `visible_list`s, prefetched through the policy by an optimizer hint.

Registry types are `RegistryNode`s: the policy lets a caller read all registry rows or none
(all if `policy.reads_anything`), so a registry row a visible row refers to is visible. They have no
`get_queryset`, which lets the optimizer join them to the rows that refer to them instead of
prefetching each in a query of its own; where they are read on their own (root lists in
`Connection`, node lookups below) the policy is asked there.

Every object type that shows a model's rows is one or the other: `require_policy_types` makes
building a schema fail otherwise, so a new type cannot skip the policy by being neither.
"""

import strawberry
import strawberry_django
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Prefetch, Q, QuerySet
from strawberry import Info, relay
from strawberry.types.base import StrawberryObjectDefinition
from strawberry_django.optimizer import optimizer
from strawberry_django.relay import resolve_model_node, resolve_model_nodes
from strawberry_django.utils.typing import get_django_definition

from cases import policy

from ..auth import user_of
from ..ids import check_cursors


class PolicyNode(relay.Node):
    # Named explicitly: without it strawberry re-scans every annotation for each `id` it resolves.
    id: relay.NodeID[int]

    @classmethod
    def get_queryset(cls, queryset, info: Info, **kwargs):
        return policy.visible(user_of(info), queryset)


class RegistryNode(relay.Node):
    id: relay.NodeID[int]  # as PolicyNode's

    @classmethod
    def resolve_nodes(cls, *, info: Info, node_ids=None, required: bool = False):
        if policy.reads_anything(user_of(info)):
            return resolve_model_nodes(cls, info=info, node_ids=node_ids, required=required)
        if node_ids is None:
            return get_django_definition(cls).model.objects.none()
        return [cls.unreadable(required) for _ in node_ids]

    @classmethod
    def resolve_node(cls, node_id, *, info: Info, required: bool = False):
        if policy.reads_anything(user_of(info)):
            return resolve_model_node(cls, node_id, info=info, required=required)
        return cls.unreadable(required)

    @classmethod
    def unreadable(cls, required: bool) -> None:
        """What a lookup gives for a row the caller may not read: the same as for a missing one."""
        model = get_django_definition(cls).model
        if required:
            raise model.DoesNotExist(f"{model._meta.object_name} matching query does not exist.")


def require_policy_types(schema: strawberry.Schema) -> None:
    """Refuse a schema with an object type over a model that is neither a PolicyNode nor a
    RegistryNode, or whose kind does not match the policy's split (registry models are read all
    or none, everything else row by row): such a type would read rows past the policy."""
    wrong = []
    for name in schema.schema_converter.type_map:
        definition = schema.get_type_by_name(name)
        if not isinstance(definition, StrawberryObjectDefinition) or definition.is_input:
            continue
        django = get_django_definition(definition.origin)
        if django is None:
            continue
        expected = RegistryNode if django.model in policy.REFERENCE_MODELS else PolicyNode
        if not issubclass(definition.origin, expected):
            wrong.append(f"{name} ({django.model.__name__}) must be a {expected.__name__}")
    if wrong:
        raise ImproperlyConfigured(
            "GraphQL types that would read rows past the policy: " + "; ".join(wrong)
        )


def visible_prefetch(parent, relation: str, to_attr: str, *, where: Q | None = None, order=None):
    """An optimizer hint prefetching the rows of `parent`'s reverse foreign key `relation` (a
    case's findings, say; `where` narrows them) into `to_attr`, through the policy, and optimized
    for what the client selected beneath them."""

    def hint(info: Info) -> Prefetch:
        rel = parent._meta.get_field(relation)
        child, key = rel.related_model, rel.remote_field.name
        queryset = child.objects.filter(where) if where is not None else child.objects.all()
        ordering = list(child._meta.ordering)
        if order is not None:
            queryset = queryset.order_by(*order)
        elif ordering[:1] == [key]:
            # Read per parent: sorting by the parent first would only join its table to sort by
            # the parent's own ordering.
            queryset = queryset.order_by(*ordering[1:], "pk")
        queryset = policy.visible_children(user_of(info), queryset, key)
        if (extension := optimizer.get()) is not None:
            queryset = extension.optimize(queryset, info)
        return Prefetch(relation, queryset=queryset, to_attr=to_attr)

    return hint


def visible_list(parent, relation: str, description: str | None = None):
    """A list field over `parent`'s reverse foreign key `relation`, prefetched through the policy
    into a plain list (see visible_prefetch). A row the optimizer did not load returns the
    relation's queryset, which strawberry-django filters through the type's get_queryset: through
    the policy too."""
    to_attr = f"visible_{relation}"

    def resolve(self):
        rows = getattr(self, to_attr, None)
        return getattr(self, relation).all() if rows is None else rows

    return strawberry_django.field(
        resolver=resolve,
        prefetch_related=[visible_prefetch(parent, relation, to_attr)],
        description=description,
    )


@strawberry.type(name="Connection", description="A page of a list, with the list's total count.")
class Connection(relay.ListConnection[relay.NodeType]):
    """totalCount as its own COUNT(*) rather than strawberry-django's window COUNT(*) OVER (),
    which makes the database build every visible row, joins and all, to return one page."""

    nodes: strawberry.Private[QuerySet | None] = None

    @strawberry.field(description="Total quantity of existing nodes.")
    def total_count(self) -> int | None:
        return self.nodes.count() if isinstance(self.nodes, QuerySet) else None

    @classmethod
    def resolve_connection(cls, nodes, *, info: Info, **kwargs):
        check_cursors(**kwargs)
        if isinstance(nodes, QuerySet) and nodes.model in policy.REFERENCE_MODELS:
            nodes = policy.visible(user_of(info), nodes)  # a RegistryNode list: see above
        connection = super().resolve_connection(nodes, info=info, **kwargs)
        connection.nodes = nodes
        return connection
