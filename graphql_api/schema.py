"""The schema: queries, mutations and the per-request extensions (limits, error masking, the
strawberry-django optimizer that keeps the query count constant)."""

import strawberry
from django.conf import settings
from strawberry.extensions import MaskErrors, ParserCache
from strawberry.schema.config import StrawberryConfig
from strawberry.utils.logging import StrawberryLogger
from strawberry_django.optimizer import DjangoOptimizerExtension

from .mutations import Mutation
from .queries import Query
from .security import Limits, is_unexpected, strip_suggestions
from .types.base import require_policy_types


class Schema(strawberry.Schema):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        require_policy_types(self)  # fail at start-up, not on the request that leaks

    def process_errors(self, errors, execution_context=None) -> None:
        """Log what the client will see as "Unexpected error." (with its traceback); the rest are
        the client's own mistakes or the services' refusals, answered in the response."""
        for error in errors:
            if not settings.GRAPHQL_FIELD_SUGGESTIONS:
                strip_suggestions(error)
            if is_unexpected(error):
                StrawberryLogger.error(error, execution_context)


schema = Schema(
    query=Query,
    mutation=Mutation,
    config=StrawberryConfig(relay_max_results=settings.GRAPHQL_MAX_PAGE_SIZE),
    extensions=[
        Limits,
        lambda: ParserCache(maxsize=256),
        lambda: MaskErrors(should_mask_error=is_unexpected),
        # Without prefetch_custom_queryset nested lists would be prefetched with the base manager
        # and skip the types' get_queryset, and so the policy.
        lambda: DjangoOptimizerExtension(prefetch_custom_queryset=True),
    ],
)
