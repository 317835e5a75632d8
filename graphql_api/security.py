"""Limits that keep one client from exhausting the service: document size and shape (tokens,
depth, aliases, cost), introspection, request size and a per-client rate limit. All read the
settings per request (config/settings.py, "GraphQL API"), so tests and operators can change them.
"""

import time
from collections import OrderedDict
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import RequestDataTooBig
from django.http.multipartparser import MultiPartParserError
from graphql import (
    FieldNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    ValidationRule,
    VariableNode,
    build_schema,
    get_named_type,
    validate,
)
from graphql.validation import NoSchemaIntrospectionCustomRule
from strawberry.extensions import SchemaExtension
from strawberry.extensions.max_aliases import create_validator as max_aliases_rule
from strawberry.extensions.query_depth_limiter import create_validator as max_depth_rule

from core.errors import ServiceError

# Fields that do far more work than one row each; everything else costs 1.
FIELD_COSTS = {"caseGraph": 100, "statistics": 20}
PAGE_ARGUMENTS = ("first", "last")


class Limits(SchemaExtension):
    """Adds the validation rules for the current settings (one instance per request), and
    validates through a cache: partner systems send the same few documents over and over."""

    def on_operation(self):
        context = self.execution_context
        context.parse_options["max_tokens"] = settings.GRAPHQL_MAX_TOKENS
        rules = [
            max_depth_rule(settings.GRAPHQL_MAX_DEPTH, None),
            max_aliases_rule(settings.GRAPHQL_MAX_ALIASES),
            cost_rule(context.variables or {}),
        ]
        if not settings.GRAPHQL_INTROSPECTION:
            rules.append(NoSchemaIntrospectionCustomRule)
        context.validation_rules = (*context.validation_rules, *rules)
        yield

    def on_validate(self):
        context = self.execution_context
        if context.query is not None:
            context.pre_execution_errors = validated.errors(context)
        yield


class ValidationCache:
    """Validation errors by what decides them: the document's text, the settings the rules read,
    and the integer variables (the cost rule's page sizes; nothing else reads variables). The
    suggestions setting is in the key too, as Schema.process_errors strips the errors it keeps."""

    def __init__(self, size: int):
        self.size = size
        self.entries: OrderedDict[tuple, list[GraphQLError]] = OrderedDict()

    def errors(self, context) -> list[GraphQLError]:
        pages = tuple(
            sorted(
                (name, value)
                for name, value in (context.variables or {}).items()
                if isinstance(value, int)
            )
        )
        key = (
            context.query,
            pages,
            settings.GRAPHQL_MAX_DEPTH,
            settings.GRAPHQL_MAX_ALIASES,
            settings.GRAPHQL_MAX_COST,
            settings.GRAPHQL_MAX_PAGE_SIZE,
            settings.GRAPHQL_INTROSPECTION,
            settings.GRAPHQL_FIELD_SUGGESTIONS,
        )
        if (errors := self.entries.get(key)) is not None:
            self.entries.move_to_end(key)
            return errors
        errors = validate(
            validation_schema(context.schema), context.graphql_document, context.validation_rules
        )
        self.entries[key] = errors
        if len(self.entries) > self.size:
            self.entries.popitem(last=False)
        return errors


validated = ValidationCache(size=256)


@lru_cache(maxsize=4)
def validation_schema(schema) -> GraphQLSchema:
    """The schema as graphql-core validates documents against it, built from its SDL (strawberry
    keeps its own graphql-core schema private). Validation reads types, fields, arguments and
    directives only, which the SDL holds; resolvers and scalars' own parsing run at execution."""
    return build_schema(schema.as_str())


def cost_rule(variables: dict) -> type[ValidationRule]:
    """Saleor's rule: a field costs one, and a list multiplies what it contains by its page size
    (`first`/`last`, or the largest page when none is asked for). Also refuses oversize pages."""

    class CostRule(ValidationRule):
        def enter_operation_definition(self, node, *args):
            self.fragments = {
                f.name.value: f
                for f in self.context.document.definitions
                if f.kind == "fragment_definition"
            }
            root = self.context.schema.get_root_type(node.operation)
            cost = self.selection_cost(node.selection_set, root, frozenset())
            if cost > settings.GRAPHQL_MAX_COST:
                self.report_error(
                    GraphQLError(
                        f"query cost {cost} exceeds the limit of {settings.GRAPHQL_MAX_COST}: ask for "
                        "smaller pages (first/last) or fewer nested lists",
                        node,
                    )
                )

        def selection_cost(self, selection_set, parent_type, fragments_seen) -> int:
            cost = 0
            for selection in selection_set.selections if selection_set else ():
                if isinstance(selection, FieldNode):
                    cost += self.field_cost(selection, parent_type, fragments_seen)
                elif isinstance(selection, InlineFragmentNode):
                    inner = (
                        self.context.schema.get_type(selection.type_condition.name.value)
                        if selection.type_condition
                        else parent_type
                    )
                    cost += self.selection_cost(selection.selection_set, inner, fragments_seen)
                elif isinstance(selection, FragmentSpreadNode):
                    name = selection.name.value
                    fragment = self.fragments.get(name)
                    if fragment is None or name in fragments_seen:  # other rules report these
                        continue
                    inner = self.context.schema.get_type(fragment.type_condition.name.value)
                    cost += self.selection_cost(
                        fragment.selection_set, inner, fragments_seen | {name}
                    )
            return cost

        def field_cost(self, node: FieldNode, parent_type, fragments_seen) -> int:
            if not isinstance(parent_type, (GraphQLObjectType, GraphQLInterfaceType)):
                return 0
            field = parent_type.fields.get(node.name.value)
            if field is None:
                return 0
            inner = self.selection_cost(
                node.selection_set, get_named_type(field.type), fragments_seen
            )
            return FIELD_COSTS.get(node.name.value, 1) + self.page_size(node, field) * inner

        def page_size(self, node: FieldNode, field) -> int:
            largest = settings.GRAPHQL_MAX_PAGE_SIZE
            sizes = [
                self.argument_value(node, name) for name in PAGE_ARGUMENTS if name in field.args
            ]
            sizes = [s for s in sizes if isinstance(s, int)]
            for size in sizes:
                if size < 0:
                    self.report_error(
                        GraphQLError(
                            f"{node.name.value}: first and last count items and cannot be "
                            f"negative (got {size})",
                            node,
                        )
                    )
                elif size > largest:
                    self.report_error(
                        GraphQLError(
                            f"{node.name.value}: a page holds at most {largest} items", node
                        )
                    )
            if sizes:
                return max(0, *sizes)
            return largest if get_named_type(field.type).name.endswith("Connection") else 1

        def argument_value(self, node: FieldNode, name: str):
            for argument in node.arguments or ():
                if argument.name.value == name:
                    value = argument.value
                    if isinstance(value, VariableNode):
                        return variables.get(value.name.value)
                    return int(value.value) if value.kind == "int_value" else None
            return None

    return CostRule


def is_unexpected(error: GraphQLError) -> bool:
    """Mask errors raised while executing that are not ours to explain (bugs, database errors):
    the client sees "Unexpected error."; the log keeps the original."""
    original = error.original_error
    return (
        error.path is not None
        and original is not None
        and not isinstance(original, (ServiceError, GraphQLError))
    )


def strip_suggestions(error: GraphQLError) -> None:
    """ "Did you mean ...?" hints map the schema for whoever guesses names."""
    if "Did you mean" in error.message:
        error.message = error.message.split(" Did you mean")[0]


def rate_limited(key: str) -> int | None:
    """Count one request for `key` in the current window; the seconds to wait when over."""
    limit = settings.GRAPHQL_RATE_LIMIT
    if limit <= 0:
        return None
    count, retry_after = count_in_window(f"graphql-rate:{key}")
    return None if count <= limit else retry_after


def count_in_window(key: str, add: int = 1) -> tuple[int, int]:
    """Add to the counter `key` of the current GRAPHQL_RATE_WINDOW (add=0 only reads it); its
    count and the seconds left in the window."""
    window, now = settings.GRAPHQL_RATE_WINDOW, time.time()
    bucket = f"{key}:{int(now // window)}"
    retry_after = int(window - now % window) + 1
    if not add:
        return cache.get(bucket) or 0, retry_after
    cache.add(bucket, 0, timeout=window)
    try:
        count = cache.incr(bucket, add)
    except ValueError:  # expired between add and incr
        cache.set(bucket, count := add, timeout=window)
    return count, retry_after


def request_too_large(request) -> int | None:
    """The byte limit the request's length exceeds, if any (uploads have their own, larger
    limit; `multipart_fields_too_large` holds their other parts to the request limit)."""
    multipart = request.content_type == "multipart/form-data"
    limit = settings.GRAPHQL_MAX_UPLOAD_BYTES if multipart else settings.GRAPHQL_MAX_REQUEST_BYTES
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    return limit if length > limit else None


def multipart_fields_too_large(request) -> int | None:
    """GRAPHQL_MAX_REQUEST_BYTES if the parts of a multipart body other than its files (the
    operations and the map) exceed it, as a JSON body would: a multipart request without files
    is no way around the limit. Parses the body (files go to the upload handlers), so the view
    asks only once the caller is authenticated and within its rate."""
    limit = settings.GRAPHQL_MAX_REQUEST_BYTES
    if request.content_type != "multipart/form-data":
        return None
    try:
        fields = request.POST
    except RequestDataTooBig:  # Django's own cap on the fields, DATA_UPLOAD_MAX_MEMORY_SIZE
        return limit
    except MultiPartParserError:
        return None  # malformed: the view answers it as such
    size = sum(
        len(name.encode()) + sum(len(value.encode()) for value in values)
        for name, values in fields.lists()
    )
    return limit if size > limit else None
