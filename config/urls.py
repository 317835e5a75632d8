from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import path

from core.views import health

admin.site.site_header = "Netralitas"
admin.site.site_title = "Netralitas"
admin.site.index_title = "Pengawasan netralitas ASN"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", health, name="health"),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
