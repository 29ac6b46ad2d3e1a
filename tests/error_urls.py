"""The site's URLs plus one view that fails, to test what a server error does (tests/test_error_reports.py)."""

from django.urls import path

from cai_site.urls import handler400, handler404, handler500, urlpatterns  # noqa: F401


def failing_view(request):
    raise RuntimeError("A failure for the error-report tests.")


urlpatterns = [path("panne-de-test/", failing_view), *urlpatterns]
