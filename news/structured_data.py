"""schema.org ``NewsArticle`` for a news item's page (JSON-LD)."""

from django.utils import timezone

from pages.seo import page_sharing_rendition
from pages.structured_data import SCHEMA_CONTEXT, absolute_url, organisation


def news_article(page, request):
    """Headline, publication and modification dates, the centre as publisher, and the item's own image if any (a
    site-wide default image illustrates nothing of the article: left out)."""
    data = {
        "@context": SCHEMA_CONTEXT,
        "@type": "NewsArticle",
        "headline": page.title,
        "datePublished": page.published_on.isoformat(),
    }
    modified = page.last_published_at or page.latest_revision_created_at
    if modified is not None:
        data["dateModified"] = timezone.localtime(modified).isoformat()
    data["publisher"] = organisation(request)
    rendition = page_sharing_rendition(page)
    if rendition is not None:
        data["image"] = [absolute_url(request, rendition.url)]
    return data
