from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from pages.views import pattern_library

from .views import serve_media

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # The pattern library: DEBUG or staff only (a 404 for everyone else); before Wagtail's catch-all.
    path("motifs/", pattern_library, name="pattern_library"),
]

if settings.SERVE_MEDIA:
    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns.append(re_path(rf"^{media_prefix}(?P<path>.*)$", serve_media, name="media"))

urlpatterns.append(path("", include(wagtail_urls)))
