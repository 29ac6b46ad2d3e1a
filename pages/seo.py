"""What search engines and social networks read: each page's description, canonical address and sharing image
(``{% sharing_meta %}`` in base.html's head), the sitemap and robots.txt.

At most one query more per page for the sharing image: its rendition and the image come together, read by the
image's id (the page and the site settings already carry the ids); the rendition is made once, on the first view.
"""

from datetime import UTC, timedelta

from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps import Sitemap
from wagtail.images import get_image_model
from wagtail.images.models import Filter
from wagtail.models import Site

from .models import SiteIdentity
from .structured_data import absolute_url, centre_name, site_root_url

# Open Graph's recommended size (Facebook, LinkedIn, Mastodon; X's large card): 1.91:1, cropped round the focal point.
SHARING_SPEC = "fill-1200x630"
LOCALE = "fr_BE"
PAGE_PARAMETER = "page"


def one_line(text):
    return " ".join(str(text or "").split())


def page_description(page, identity):
    """The page's search description, else its intro, else the site's description (else its tagline)."""
    for text in (getattr(page, "search_description", ""), getattr(page, "intro", "")):
        if one_line(text):
            return one_line(text)
    return one_line(identity.default_description)


def is_site_root(page, request):
    site = Site.find_for_request(request) if request is not None else None
    return site is not None and page.pk == site.root_page_id


def sharing_title(page, identity, request):
    """The title a shared link shows: the page's search-engine title, else its title; the centre's name for the
    home page (as its tab title)."""
    if page.seo_title:
        return page.seo_title
    if is_site_root(page, request):
        return centre_name(identity) or page.title
    return page.title


def canonical_url(request, page_obj=None, is_filtered=False):
    """The address search engines should keep for this view: the path on the site's address, without a query.

    A list's own pages (``?page=2``) are each canonical to themselves: they show other items than the first page,
    which search engines would otherwise never reach (pointing them at page 1 would hide the older items). A
    filtered list (``?thematique=…``, with or without a page) is a view of the whole list: canonical to the list.
    """
    url = site_root_url(request) + request.path
    if page_obj is not None and not is_filtered and page_obj.number > 1:
        url += f"?{PAGE_PARAMETER}={page_obj.number}"
    return url


def rendition_for(image_id):
    """The sharing rendition of image ``image_id`` (None for an SVG, a missing image or a missing file).

    One query when the rendition exists (the rendition with its image); else the image is read and the rendition
    made, as Wagtail's ``get_rendition`` does.
    """
    image_model = get_image_model()
    found = list(
        image_model.get_rendition_model()
        .objects.select_related("image")
        .filter(image_id=image_id, filter_spec=SHARING_SPEC)
    )
    image = found[0].image if found else image_model.objects.filter(pk=image_id).first()
    if image is None or image.is_svg():  # social networks show no SVG
        return None
    key = Filter(SHARING_SPEC).get_cache_key(image)
    for rendition in found:
        if rendition.focal_point_key == key:
            return rendition
    try:
        return image.get_rendition(SHARING_SPEC)
    except OSError:  # the original file is gone (Wagtail's SourceImageIOError): share without an image, never fail
        return None


def page_sharing_rendition(page):
    """The rendition of the page's own sharing image (its social image, else e.g. a news item's image), read once
    per page instance: the meta tags and the page's JSON-LD both ask."""
    if "_sharing_rendition" not in page.__dict__:
        rendition = None
        for image_id in page.sharing_image_ids() if hasattr(page, "sharing_image_ids") else []:
            rendition = rendition_for(image_id)
            if rendition is not None:
                break
        page._sharing_rendition = rendition
    return page._sharing_rendition


def sharing_rendition(page, identity):
    """The page's own sharing image, else the default the editors set in the site settings."""
    rendition = page_sharing_rendition(page) if page is not None else None
    if rendition is None and identity.default_sharing_image_id:
        rendition = rendition_for(identity.default_sharing_image_id)
    return rendition


def sharing_meta(context, og_type="website"):
    """The head's description, canonical link, Open Graph and Twitter card data for the page of ``context``."""
    request = context.get("request")
    page = context.get("page")
    identity = SiteIdentity.for_request(request) if request is not None else None
    if identity is None:
        return {}
    data = {"description": page_description(page, identity)}
    if page is None or not hasattr(page, "seo_title"):
        return data
    rendition = sharing_rendition(page, identity)
    data.update(
        {
            "canonical_url": (
                page.get_full_url(request)  # a preview's own address is the admin's
                if getattr(request, "is_preview", False)
                else canonical_url(request, context.get("page_obj"), context.get("is_filtered", False))
            ),
            "title": sharing_title(page, identity, request),
            "og_type": og_type,
            "locale": LOCALE,
            "site_name": centre_name(identity),
            "image": rendition,
            "image_url": absolute_url(request, rendition.url) if rendition else "",
            "twitter_card": "summary_large_image" if rendition else "summary",
        }
    )
    return data


# Sitemap ----------------------------------------------------------------------------------------------------------


class PublicSitemap(Sitemap):
    """Wagtail's sitemap (every live page that is not private, with its last publication as ``lastmod``), less
    the pages whose expiry time has passed but that the scheduled unpublishing has not reached yet."""

    def items(self):
        return super().items().exclude(expire_at__lte=timezone.now())


def sitemap(request):
    return django_sitemap(request, {"pages": PublicSitemap(request)})


# robots.txt -------------------------------------------------------------------------------------------------------

ROBOTS_RULES = [
    "User-agent: *",
    # The administration: nothing to index, and its login form need not be found.
    "Disallow: /admin/",
    # Search results: endless combinations of words, each a copy of pages already listed in the sitemap.
    "Disallow: /recherche/",
    # The news feeds per thématique (…/rss/?thematique=sante): copies of the feed itself. The feeds stay open.
    "Disallow: /*/rss/?",
    "Disallow: /*/atom/?",
]


@require_GET
def robots_txt(request):
    lines = [*ROBOTS_RULES, "", f"Sitemap: {site_root_url(request)}{reverse('sitemap')}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


# security.txt (RFC 9116) ------------------------------------------------------------------------------------------

SECURITY_TXT_LIFETIME = timedelta(days=365)


def security_txt(request, email, now=None):
    """security.txt (text/plain) for ``email``, the centre's e-mail, which the contact app's view passes: the
    contact, an expiry a year from ``now`` computed at each request (UTC, ISO 8601), the languages the centre
    answers in and the file's own address."""
    expires = ((now or timezone.now()) + SECURITY_TXT_LIFETIME).astimezone(UTC).replace(microsecond=0)
    lines = [
        f"Contact: mailto:{email}",
        f"Expires: {expires:%Y-%m-%dT%H:%M:%SZ}",
        "Preferred-Languages: fr, en",
        f"Canonical: {site_root_url(request)}{request.path}",
    ]
    return HttpResponse("\n".join([*lines, ""]), content_type="text/plain; charset=utf-8")
