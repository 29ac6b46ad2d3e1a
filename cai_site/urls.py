from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from contact.security_txt import security_txt_view
from ops.views import healthz
from pages.seo import robots_txt, sitemap
from pages.views import pattern_library

from .views import serve_media, serve_stored_svg

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # The pattern library: DEBUG or staff only (a 404 for everyone else); before Wagtail's catch-all.
    path("motifs/", pattern_library, name="pattern_library"),
    # For search engines (pages/seo.py) and security researchers (RFC 9116); before Wagtail's catch-all.
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path(".well-known/security.txt", security_txt_view, name="security_txt"),
    path("recherche/", include("sitesearch.urls")),  # the site search, before Wagtail's catch-all
    path("healthz", healthz, name="healthz"),  # for load balancers and probes (ops/views.py)
    # Uploaded SVGs with their sandboxing headers, from whatever storage holds them (media in a bucket: pages/s3.py).
    path("medias-svg/<path:name>", serve_stored_svg, name="stored_svg"),
]

if settings.SERVE_MEDIA:
    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns.append(re_path(rf"^{media_prefix}(?P<path>.*)$", serve_media, name="media"))

urlpatterns.append(path("", include(wagtail_urls)))

# Error pages that help (pages/errors.py): the 404 suggests close pages; the 400 and 500 need no database.
handler400 = "pages.errors.bad_request"
handler404 = "pages.errors.page_not_found"
handler500 = "pages.errors.server_error"
