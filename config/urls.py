from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt

from config.health import health
from graphql_api.evidence_files import evidence_file
from graphql_api.schema import schema
from graphql_api.views import GraphQLView

# CSRF is checked inside the view for session requests only: bearer-token clients need none.
graphql = csrf_exempt(GraphQLView.as_view(schema=schema, multipart_uploads_enabled=True))

urlpatterns = [
    path("admin/", admin.site.urls),
    # The steps after the admin's password: the second factor and its enrolment.
    path("signin/", include("agencies.signin.urls")),
    path("health/", health, name="health"),
    path("graphql/", graphql, name="graphql"),
    # MEDIA_URL: every uploaded file goes through the access policy, in every mode.
    path("files/<path:name>", evidence_file, name="evidence-file"),
]
