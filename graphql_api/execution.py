"""The executor: graphql-core's, with a short path for fields that only read a loaded value.

Every field normally passes through graphql-core's resolve info, the schema extensions' resolve
hooks, strawberry's resolver wrappers and strawberry-django's `get_result` before its value is
completed. For a column of a row the optimizer already loaded (a case's title, a prefetched
agency) all that ends in reading one attribute; a board of 50 cases has some 900 such fields,
and the layers cost more than the SQL. Here such a field reads the attribute and completes it.

A field takes the short path when it has no field extensions (the scope checks) and is one of:
- a column, annotation or foreign key whose value is already on the instance, or a Relay `id`
  made of the type's name and the primary key;
- a plain attribute of a type that is not a model's (an edge's node, a page's info), read with
  getattr as strawberry's default resolver reads it;
- a list the optimizer prefetched through the target type's `get_queryset` (so through the
  policy), which strawberry-django would also return as it is;
- a resolver taking only `self`, which reads what its optimizer hints loaded. A resolver that
  asks for `info` decides per caller (the reporter's identity) and takes the full path; one that
  returns a queryset or manager is handed to the full path, which filters it through the policy.
Anything else, and any value that would not complete cleanly (an error to report), takes the full
path, so results and errors are the same either way. The schema's only resolve hook, the
optimizer's, acts on querysets, which the short path never completes.

The loop over a selection set is graphql-core's, less its per-field costs: which schema field and
short path each response key has is worked out once per request and selection set (a board
completes the same one for each of its rows), and a field's `Path` is made only when needed.

A loaded row (or list of rows) of the field's own object type goes straight to its sub-fields,
without the resolve info, `is_type_of` and value dispatch graphql-core spends on every object;
errors beneath are located and propagated as graphql-core's list and object completion do (the
schema has no @stream, which only graphql-core's own list completion would honour).
"""

import inspect

from django.db.models import QuerySet
from django.db.models.fields.files import FileDescriptor
from django.db.models.fields.related_descriptors import (
    ForwardManyToOneDescriptor,
    ReverseManyToOneDescriptor,
)
from django.db.models.manager import BaseManager
from django.db.models.query_utils import DeferredAttribute
from graphql import GraphQLField, GraphQLList, GraphQLNonNull, GraphQLObjectType, is_leaf_type
from graphql.execution.executor import to_nodes
from graphql.pyutils import Path, Undefined, gather_with_cancel
from strawberry import relay
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.schema.schema_converter import GraphQLCoreConverter
from strawberry.types.cast import get_strawberry_type_cast
from strawberry_django.fields.field import StrawberryDjangoField
from strawberry_django.optimizer import is_optimized_by_prefetching
from strawberry_django.relay import resolve_model_id
from strawberry_django.utils.typing import get_django_definition

NOT_LOADED = object()


def loaded_value_reader(field):
    """A function returning the field's value from an instance, or NOT_LOADED when reading it
    would run a query or code of the schema's; None when the field never takes the short path."""
    if field is not None and not field.extensions and _is_relay_id(field):
        return _relay_id(field.base_resolver.wrapped_func.__self__)
    if field is None or field.extensions:
        return None
    if not isinstance(field, StrawberryDjangoField):  # a plain attribute, e.g. an edge's node
        plain = field.base_resolver is None and field.default_resolver is getattr
        return _attribute(field.python_name) if plain else None
    if field.base_resolver:
        return _self_only_resolver(field.base_resolver)
    if field.origin_django_type is None:
        return None
    name = field.django_name or field.python_name
    attribute = getattr(field.origin_django_type.model, name, None)
    if isinstance(attribute, FileDescriptor):  # wraps the value in a file object when read
        return None
    if isinstance(attribute, DeferredAttribute):
        attname = attribute.field.attname
        return lambda instance: instance.__dict__.get(attname, NOT_LOADED)
    if isinstance(attribute, ForwardManyToOneDescriptor):
        # Prefetched through the target type's get_queryset, so a row the policy hides is None.
        cache_name = attribute.field.cache_name
        return lambda instance: instance._state.fields_cache.get(cache_name, NOT_LOADED)
    if isinstance(attribute, ReverseManyToOneDescriptor) and field.is_list:
        return _prefetched_list(attribute.rel.cache_name)
    if attribute is None:  # an annotation, e.g. a case's evidence count
        return lambda instance: instance.__dict__.get(name, NOT_LOADED)
    return None


def _is_relay_id(field) -> bool:
    """Relay's `id` of a strawberry-django type that keeps the default id and type name."""
    function = getattr(field.base_resolver, "wrapped_func", None)
    node_type = getattr(function, "__self__", None)
    return (
        getattr(function, "__func__", None) is relay.Node._id.__func__
        and getattr(node_type, "__strawberry_definition__", None) is not None
        and node_type.resolve_id.__func__ is resolve_model_id
        and node_type.resolve_typename.__func__ is relay.Node.resolve_typename.__func__
    )


def _relay_id(node_type):
    name = node_type.__strawberry_definition__.name
    attname = node_type.resolve_id_attr()
    if attname == "pk":
        attname = node_type.__strawberry_definition__.model._meta.pk.attname

    def read(instance):
        pk = instance.__dict__.get(attname)
        return NOT_LOADED if pk is None else relay.GlobalID(type_name=name, node_id=str(pk))

    return read


def _attribute(name: str):
    def read(instance):  # as strawberry's default resolver, getattr
        value = getattr(instance, name, NOT_LOADED)
        return NOT_LOADED if isinstance(value, (QuerySet, BaseManager)) else value

    return read


def _prefetched_list(cache_name: str):
    def read(instance):
        queryset = getattr(instance, "_prefetched_objects_cache", {}).get(cache_name)
        if queryset is None or not is_optimized_by_prefetching(queryset):
            return NOT_LOADED  # prefetched by someone else, or not at all: the policy decides
        rows = queryset._result_cache
        return NOT_LOADED if rows is None else rows

    return read


def _self_only_resolver(resolver):
    if (
        resolver.is_async
        or resolver.arguments
        or resolver.info_parameter
        or resolver.root_parameter
        or resolver.self_parameter is None
    ):
        return None
    function = resolver.wrapped_func

    def read(instance):
        try:
            value = function(instance)
        except Exception:  # noqa: BLE001 - the full path runs it again and reports the error
            return NOT_LOADED
        if isinstance(value, (QuerySet, BaseManager)) or inspect.isawaitable(value):
            return NOT_LOADED
        return value

    return read


def _non_null_inner(type_):
    return type_.of_type if isinstance(type_, GraphQLNonNull) else type_


def _model_of(object_type):
    """The Django model whose rows an object type shows, or None."""
    definition = object_type.extensions.get(GraphQLCoreConverter.DEFINITION_BACKREF)
    django = get_django_definition(definition.origin) if definition is not None else None
    return django.model if django is not None else None


class ShortPath:
    """How to read and complete one schema field without its resolver."""

    __slots__ = ("read", "leaf", "nullable", "row_type", "row_model", "item_type")

    def __init__(self, read, field: GraphQLField):
        self.read = read
        self.nullable = not isinstance(field.type, GraphQLNonNull)
        inner = _non_null_inner(field.type)
        self.leaf = inner if is_leaf_type(inner) else None
        # A row (row_type) or a list of rows (item_type, possibly non-null) of one model.
        self.item_type = inner.of_type if isinstance(inner, GraphQLList) else None
        row_type = _non_null_inner(self.item_type if self.item_type is not None else inner)
        self.row_type = row_type if isinstance(row_type, GraphQLObjectType) else None
        self.row_model = _model_of(self.row_type) if self.row_type is not None else None

    def is_row(self, value) -> bool:
        """`value` is a plain row of the field's object type (what `is_type_of` accepts), or the
        type has no `is_type_of` (an edge, a page info) and takes any value as graphql-core does."""
        if self.row_model is None:
            return self.row_type.is_type_of is None
        return isinstance(value, self.row_model) and get_strawberry_type_cast(value) is None

    @classmethod
    def of(cls, field: GraphQLField) -> "ShortPath | None":
        read = loaded_value_reader(field.extensions.get(GraphQLCoreConverter.DEFINITION_BACKREF))
        return None if read is None else cls(read, field)


# Worked out once per schema field, and kept in the field's own extensions.
SHORT_PATH = "netralitas.short_path"


class Executor(StrawberryGraphQLCoreExecutionContext):
    def execute_fields(self, parent_type, source_value, path, grouped_field_set, position_context):
        """graphql-core's loop over a selection set, reading short-path fields in place: no
        field lookup, `Path` or method call per field, and the full path for everything else."""
        if source_value is None:  # the root: resolvers only
            return super().execute_fields(
                parent_type, source_value, path, grouped_field_set, position_context
            )
        results, awaitable_fields = {}, []
        try:
            for name, field_details_list, field, short in self.plan(parent_type, grouped_field_set):
                if short is not None:  # inline: this runs for every field of every row
                    value = short.read(source_value)
                    if value is None:
                        if short.nullable:
                            results[name] = None
                            continue
                    elif value is not NOT_LOADED:
                        if short.leaf is None:
                            result = self.complete_loaded_object(
                                short,
                                field,
                                parent_type,
                                field_details_list,
                                Path(path, name, parent_type.name),
                                value,
                                position_context,
                            )
                            if self.is_awaitable(result):
                                awaitable_fields.append(name)
                            results[name] = result
                            continue
                        try:
                            coerced = short.leaf.coerce_output_value(value)
                        except Exception:  # noqa: BLE001 - the full path reports it
                            coerced = None
                        if coerced is not None and coerced is not Undefined:
                            results[name] = coerced
                            continue
                result = self.execute_field(
                    parent_type,
                    source_value,
                    field_details_list,
                    Path(path, name, parent_type.name),
                    position_context,
                )
                if result is Undefined:
                    continue
                if self.is_awaitable(result):
                    awaitable_fields.append(name)
                results[name] = result
        except Exception:
            if awaitable_fields:  # settle them: they may fail too (as graphql-core does)
                self.settle_in_background([results[name] for name in awaitable_fields])
            raise
        return self.gather_into(results, awaitable_fields) if awaitable_fields else results

    @staticmethod
    async def gather_into(values, keys: list):
        """`values` (a row's dict or a list's items) with its awaitables at `keys` awaited."""
        awaited = await gather_with_cancel(*(values[key] for key in keys))
        for key, value in zip(keys, awaited, strict=True):
            values[key] = value
        return values

    def plan(self, parent_type, grouped_field_set) -> list:
        """(response name, field nodes, schema field, short path) per field of a selection set,
        worked out once per request: graphql-core keeps a selection set's collected fields for
        the request, and a board completes the same one for each of its rows."""
        plans = self.__dict__.setdefault("_plans", {})
        entry = plans.get(id(grouped_field_set))
        if entry is None or entry[0] is not grouped_field_set:
            entry = plans[id(grouped_field_set)] = (
                grouped_field_set,
                [
                    (name, details, *self.short_path(parent_type, details[0].node.name.value))
                    for name, details in grouped_field_set.items()
                ],
            )
        return entry[1]

    def short_path(self, parent_type, field_name: str) -> tuple:
        field = self.schema.get_field(parent_type, field_name)
        if field is None:  # no such field: the full path reports it
            return None, None
        try:
            return field, field.extensions[SHORT_PATH]
        except KeyError:
            short = field.extensions[SHORT_PATH] = ShortPath.of(field)
            return field, short

    def complete_loaded_object(
        self, short, field, parent_type, field_details_list, path, value, position_context
    ):
        try:
            completed = None
            if short.row_type is not None:
                if short.item_type is None and short.is_row(value):
                    completed = self.collect_and_execute_subfields(
                        short.row_type, field_details_list, path, value, position_context
                    )
                elif (
                    short.item_type is not None
                    and isinstance(value, list)
                    and all(short.is_row(row) for row in value)
                ):
                    completed = self.complete_rows(
                        short, field_details_list, path, value, position_context
                    )
            if completed is None:
                info = self.build_resolve_info(
                    field, to_nodes(field_details_list), parent_type, path
                )
                return self.complete_value(
                    field.type, field_details_list, info, path, value, position_context
                )
        except Exception as error:  # noqa: BLE001 - located and collected as graphql-core does
            self.handle_field_error(error, field.type, field_details_list, path)
            return None
        if self.is_awaitable(completed):  # async execution: sub-fields still running
            return self.settle(completed, field.type, field_details_list, path)
        return completed

    def complete_rows(self, short, field_details_list, path, rows, position_context):
        completed, awaited = [], []
        for index, row in enumerate(rows):
            row_path = path.add_key(index, None)
            try:
                item = self.collect_and_execute_subfields(
                    short.row_type, field_details_list, row_path, row, position_context
                )
            except Exception as error:  # noqa: BLE001 - as graphql-core completes a list item
                self.handle_field_error(error, short.item_type, field_details_list, row_path)
                item = None
            if self.is_awaitable(item):
                awaited.append(index)
                item = self.settle(item, short.item_type, field_details_list, row_path)
            completed.append(item)
        return self.gather_into(completed, awaited) if awaited else completed

    async def settle(self, awaitable, return_type, field_details_list, path):
        """The awaited value, or None with its error collected (graphql-core's execute_field)."""
        try:
            return await awaitable
        except Exception as error:  # noqa: BLE001 - located and collected as graphql-core does
            self.handle_field_error(error, return_type, field_details_list, path)
            return None
