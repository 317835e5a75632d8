from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from config.health import health
from graphql_api.schema import schema
from graphql_api.views import GraphQLView

admin.site.site_header = "Netralitas"
admin.site.site_title = "Netralitas"
admin.site.index_title = "Pengawasan netralitas ASN"

# CSRF is checked inside the view for session requests only: bearer-token clients need none.
graphql = csrf_exempt(GraphQLView.as_view(schema=schema, multipart_uploads_enabled=True))

urlpatterns = [
    path("admin/", admin.site.urls),
    path("health/", health, name="health"),
    path("graphql/", graphql, name="graphql"),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
