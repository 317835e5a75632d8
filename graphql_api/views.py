"""/graphql/ per the GraphQL-over-HTTP specification.

POST application/json (or multipart for uploads); GET for queries only (a mutation over GET is
405). Responses are `application/graphql-response+json` when the client accepts it — then a
request that never reached execution (unparsable, invalid) is a 400 without `data` — and
`application/json` otherwise. Authentication, CSRF for sessions, the rate limit and the request
size limit are decided here, before any GraphQL runs. A query operation may read the read
replica, when one is configured and current; a mutation never does (config/db_router.py).
"""

import json

from cross_web import HTTPException
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse, HttpResponseNotFound
from django.middleware.csrf import get_token
from django.utils import translation
from graphql import GraphQLError, parse
from strawberry.django.views import GraphQLView as StrawberryView
from strawberry.http import process_result
from strawberry.schema.exceptions import InvalidOperationTypeError
from strawberry.types.graphql import OperationType
from strawberry.utils.operation import get_operation_type

from config.db_router import replica_configured, replica_reads

from . import security
from .auth import Unauthenticated, authenticate_request

GRAPHQL_RESPONSE = "application/graphql-response+json"


class GraphQLView(StrawberryView):
    def dispatch(self, request, *args, **kwargs):
        # The API's messages and labels are part of its contract with partner systems: English,
        # whatever the admin's default language.
        with translation.override("en"):
            return self.answer(request, *args, **kwargs)

    def answer(self, request, *args, **kwargs):
        # Django makes a view instance per request, so per-request settings can live on it.
        self.allow_queries_via_get = settings.GRAPHQL_ALLOW_GET
        self.graphql_ide = "graphiql" if settings.GRAPHQL_IDE else None
        self.media_type = (
            GRAPHQL_RESPONSE
            if GRAPHQL_RESPONSE in request.headers.get("Accept", "")
            else "application/json"
        )
        self.request_error = False
        if request.method not in ("GET", "POST"):
            return self.error(
                405, "GraphQL is served over GET (queries) and POST", Allow="GET, POST"
            )
        if (limit := security.request_too_large(request)) is not None:
            return self.error(413, f"request body over the limit of {limit} bytes")
        if self.should_render_graphql_ide(self.request_adapter_class(request)):
            return self.ide(request)
        try:
            request.caller = authenticate_request(request)
        except Unauthenticated as failure:
            headers = {}
            if failure.status == 401:
                headers["WWW-Authenticate"] = 'Bearer realm="netralitas"'
            if failure.retry_after is not None:
                headers["Retry-After"] = str(failure.retry_after)
            return self.error(failure.status, failure.message, code=failure.code, **headers)
        if (retry_after := security.rate_limited(request.caller.key)) is not None:
            return self.error(
                429,
                f"rate limit exceeded: at most {settings.GRAPHQL_RATE_LIMIT} "
                f"requests per {settings.GRAPHQL_RATE_WINDOW} s; retry in "
                f"{retry_after} s",
                code="RATE_LIMITED",
                **{"Retry-After": str(retry_after)},
            )
        if (limit := security.multipart_fields_too_large(request)) is not None:
            return self.error(413, f"request body over the limit of {limit} bytes")
        try:
            return self.run(request=request)
        except HTTPException as error:
            headers = {"Allow": "POST"} if error.status_code == 405 else {}
            return self.error(error.status_code, error.reason, **headers)

    def ide(self, request):
        """GraphiQL for staff with a session (it sends Django's CSRF token with each request)."""
        if not self.graphql_ide:
            return HttpResponseNotFound()
        user = request.user
        if not (user.is_authenticated and user.is_staff):
            return redirect_to_login(request.get_full_path())
        get_token(request)  # sets the csrftoken cookie GraphiQL reads
        return self.render_graphql_ide(request)

    def execute_single(self, *args, request_data, **kwargs):
        try:
            # With one database, the operation is not even parsed for its type.
            query = replica_configured() and is_query(
                request_data.query, request_data.operation_name
            )
            with replica_reads(query):
                return super().execute_single(*args, request_data=request_data, **kwargs)
        except HTTPException as error:
            if isinstance(error.__cause__, InvalidOperationTypeError):  # e.g. mutation over GET
                raise HTTPException(405, error.reason) from error
            raise

    def process_result(self, request, result):
        response = process_result(result)
        # Parse and validation errors carry no path: the request never reached execution.
        if result.data is None and result.errors and all(e.path is None for e in result.errors):
            self.request_error = True
            if self.media_type == GRAPHQL_RESPONSE:
                response.pop("data", None)
        return response

    def create_response(self, response_data, sub_response):
        response = super().create_response(response_data, sub_response)
        response["Content-Type"] = self.media_type
        if self.request_error and self.media_type == GRAPHQL_RESPONSE:
            response.status_code = 400
        return response

    def error(self, status: int, message: str, code: str | None = None, **headers):
        error = {"message": message, **({"extensions": {"code": code}} if code else {})}
        return HttpResponse(
            json.dumps({"errors": [error]}),
            status=status,
            content_type=self.media_type,
            headers=headers,
        )


def is_query(document: str | None, operation_name: str | None) -> bool:
    """Whether the operation to run is a query (not a mutation). Anything unparsable is not: the
    schema then reports why, on the primary."""
    try:
        found = parse(document or "", max_tokens=settings.GRAPHQL_MAX_TOKENS)
        return get_operation_type(found, operation_name) == OperationType.QUERY
    except (GraphQLError, RuntimeError):
        return False
