# The API benchmark's board is checked against GraphQL with the API tests' client.
from tests.graphql_api.conftest import api, fresh_cache  # noqa: F401
