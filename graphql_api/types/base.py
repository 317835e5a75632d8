"""What every GraphQL object type stands on: Relay nodes whose rows come through the policy.

Case-graph types are `PolicyNode`s: strawberry-django calls their `get_queryset` for root lists,
`node`/`nodes` lookups and — with the optimizer's `prefetch_custom_queryset=True` — for every
nested list and foreign key it prefetches, so one method keeps them inside the policy.

Registry types are `RegistryNode`s: the policy lets a caller read all registry rows or none
(all if `policy.reads_anything`), so a registry row a visible row refers to is visible. They have no
`get_queryset`, which lets the optimizer join them to the rows that refer to them instead of
prefetching each in a query of its own; where they are read on their own (root lists in
`Connection`, node lookups below) the policy is asked there.
"""

import strawberry
import strawberry_django
from django.core.exceptions import FieldDoesNotExist
from django.db.models import ManyToOneRel, Prefetch, QuerySet
from strawberry import Info, relay
from strawberry_django.optimizer import optimizer
from strawberry_django.relay import DjangoListConnection, resolve_model_node, resolve_model_nodes

from cases import policy

from ..auth import user_of


class PolicyNode(relay.Node):
    # Named explicitly: without it strawberry re-scans every annotation for each `id` it resolves.
    id: relay.NodeID[int]

    @classmethod
    def get_queryset(cls, queryset, info: Info, **kwargs):
        field = info._field  # the field whose rows these are: a root list, or a parent's relation
        parent = getattr(field, "origin_django_type", None)
        return through_policy(info, queryset, parent and (field.django_name or field.python_name))


class RegistryNode(relay.Node):
    id: relay.NodeID[int]  # as PolicyNode's

    @classmethod
    def resolve_nodes(cls, *, info: Info, node_ids=None, required: bool = False):
        if policy.reads_anything(user_of(info)):
            return resolve_model_nodes(cls, info=info, node_ids=node_ids, required=required)
        if node_ids is None:
            return cls.__strawberry_django_definition__.model.objects.none()
        return [cls._unreadable(required) for _ in node_ids]

    @classmethod
    def resolve_node(cls, node_id, *, info: Info, required: bool = False):
        if policy.reads_anything(user_of(info)):
            return resolve_model_node(cls, node_id, info=info, required=required)
        return cls._unreadable(required)

    @classmethod
    def _unreadable(cls, required: bool) -> None:
        """What a lookup gives for a row the caller may not read: the same as for a missing one."""
        model = cls.__strawberry_django_definition__.model
        if required:
            raise model.DoesNotExist(f"{model._meta.object_name} matching query does not exist.")


def through_policy(info: Info, queryset, relation: str | None):
    """`queryset` filtered by the policy for the caller; `relation` names the relation of the
    field's own type that reads these rows from a parent row, which the policy let through."""
    ordering = queryset.model._meta.ordering
    if ordering[:1] == ["case"] and not queryset.query.order_by:
        # A case's children are read per case: sorting them by `case` would only join the case
        # table to sort by the case's own ordering.
        queryset = queryset.order_by(*ordering[1:], "pk")
    user, parent = user_of(info), getattr(info._field, "origin_django_type", None)
    if relation and parent is not None:
        try:
            rel = parent.model._meta.get_field(relation)
        except FieldDoesNotExist:  # not a relation: a root list, say
            rel = None
        if isinstance(rel, ManyToOneRel) and rel.related_model is queryset.model:
            return policy.visible_children(user, queryset, rel.field.name)
    return policy.visible(user, queryset)


def visible_prefetch(lookup: str, queryset, to_attr: str):
    """An optimizer hint prefetching a filtered slice of a relation (e.g. a case's subjects) into
    `to_attr`, through the policy, and optimized for what the client selected beneath it."""

    def hint(info: Info) -> Prefetch:
        qs = through_policy(info, queryset, lookup)
        if (extension := optimizer.get()) is not None:
            qs = extension.optimize(qs, info)
        return Prefetch(lookup, queryset=qs, to_attr=to_attr)

    return hint


def visible_list(relation: str, description: str | None = None):
    """A list field over the reverse foreign key `relation` (a case's findings, say), prefetched
    through the policy into an attribute of its own. A plain prefetch gives every parent row a
    related manager and a queryset of its own (a board's 50 cases, 50 of each); this keeps a list.
    A row the optimizer did not load returns the relation's queryset, which strawberry-django
    filters through the type's get_queryset: through the policy too."""
    to_attr = f"visible_{relation}"

    def hint(info: Info) -> Prefetch:
        model = info._field.origin_django_type.model._meta.get_field(relation).related_model
        return visible_prefetch(relation, model._default_manager.all(), to_attr)(info)

    def resolve(self):
        rows = getattr(self, to_attr, None)
        return getattr(self, relation).all() if rows is None else rows

    return strawberry_django.field(
        resolver=resolve, prefetch_related=[hint], description=description
    )


@strawberry.type(name="Connection", description="A page of a list, with the list's total count.")
class Connection(DjangoListConnection[relay.NodeType]):
    """totalCount as its own COUNT(*) rather than strawberry-django's window COUNT(*) OVER (),
    which makes the database build every visible row, joins and all, to return one page."""

    @classmethod
    def resolve_connection(cls, nodes, *, info: Info, **kwargs):
        if isinstance(nodes, QuerySet) and nodes.model in policy.REFERENCE_MODELS:
            nodes = policy.visible(user_of(info), nodes)  # a RegistryNode list: see above
        connection = relay.ListConnection.resolve_connection.__func__(
            cls, nodes, info=info, **kwargs
        )
        connection.nodes = nodes
        return connection
