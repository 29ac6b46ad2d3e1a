"""The editors' guide (docs/guide-redaction.md) as an admin page, with its screenshots (docs/guide/*.png).

The guide lives in the repository so that it is read and reviewed with the code; production staff reach it through
the admin only, so this module renders it there (Python-Markdown: headings, lists, images, tables, links) and serves
its screenshots to signed-in staff (every view registered with ``register_admin_urls`` requires admin access).
"""

import re
from pathlib import Path

import markdown
from django.conf import settings
from django.http import FileResponse, Http404
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

GUIDE = Path(settings.BASE_DIR) / "docs" / "guide-redaction.md"
SCREENSHOTS = GUIDE.parent / "guide"
TITLE = "Guide de rédaction"
SCREENSHOT_NAME = re.compile(r"[a-z0-9][a-z0-9-]*\.png")
TITLE_LINE = re.compile(r"\A# .*\n")
# Images are written ![…](guide/name.png) so that the Markdown file also shows them where it is read as a file.
RELATIVE_IMAGE = re.compile(r'src="guide/([a-z0-9][a-z0-9-]*\.png)"')


def render_guide():
    """The guide's HTML, its images pointing to the admin view that serves them, and its table of contents."""
    converter = markdown.Markdown(
        extensions=["toc", "tables", "sane_lists"], extension_configs={"toc": {"toc_depth": "2-2"}}
    )
    text = GUIDE.read_text(encoding="utf-8")
    text = TITLE_LINE.sub("", text, count=1)  # the admin page's header already shows the title (one h1)
    body = converter.convert(text)
    body = RELATIVE_IMAGE.sub(lambda match: f'src="{screenshot_url(match[1])}"', body)
    return mark_safe(body), mark_safe(converter.toc)  # noqa: S308 - the guide is a file of this repository


def screenshot_url(name):
    return reverse("editorial_guide_screenshot", args=[name])


class GuideView(WagtailAdminTemplateMixin, TemplateView):
    page_title = TITLE
    header_icon = "help"
    template_name = "editorial/guide.html"

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": TITLE}]

    def get_context_data(self, **kwargs):
        body, toc = render_guide()
        return {**super().get_context_data(**kwargs), "body": body, "toc": toc}


def screenshot(request, name):
    """One screenshot of the guide, by file name only (no path can be given)."""
    path = SCREENSHOTS / name
    if not SCREENSHOT_NAME.fullmatch(name) or not path.is_file():
        raise Http404("Capture introuvable")
    response = FileResponse(path.open("rb"), content_type="image/png")
    response["Cache-Control"] = "private, max-age=3600"
    return response
