"""Clear the page cache whenever public content may have changed, on every path that changes it.

For a site of this size the whole cache is cleared (``store.clear``: a new generation) rather than the pages a
change touches: a news item is also on the home page, its index, its thématiques, the feeds and the sitemap, and a
footer detail is on every page. The next visitor of each page renders it again (see the figures in the README).

- Pages: Wagtail's signals, whichever way the change came (the editor's buttons, a workflow's last approval,
  ``publish_scheduled``, the page listing's bulk actions): ``page_published``, ``page_unpublished`` (expiry too),
  ``post_page_move`` (moves and menu reordering), ``page_slug_changed``, and Django's ``post_delete``. A page row
  saved without being published (a draft) changes nothing public and is left out, except a new live page.
- Everything else public is a model: snippets, settings (contact details, site identity, footer partners), images,
  documents, collections and their privacy, redirects, sites, the directory, offices' hours, a registration (the
  seats left)… ``post_save``, ``post_delete`` and ``m2m_changed`` of every model clear the cache, except the models
  in ``UNSEEN``, which no public page shows or which are written while pages render or search runs (renditions,
  embeds, search logs, sessions, revisions, logs). A test saves one instance of every other model and checks the
  next anonymous GET is fresh; another renders every page type twice and checks the second is a hit.
- The clearing waits for the transaction to commit: a request running meanwhile would otherwise store the old
  content under the new generation.
- With a front cache configured (``WAGTAILFRONTENDCACHE``: Varnish, Cloudflare, CloudFront…), every live public
  page's URLs are purged too (``wagtail.contrib.frontend_cache``).
"""

import logging

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.urls import NoReverseMatch
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from . import store

logger = logging.getLogger(__name__)

UNSEEN = {
    "axes.AccessAttempt",
    "axes.AccessAttemptExpiration",
    "axes.AccessFailureLog",
    "axes.AccessLog",
    "auth.Group",
    "auth.Permission",
    "auth.User",
    "contenttypes.ContentType",
    "outbox.OutgoingAttachment",
    "outbox.OutgoingMail",
    "seed.SeedRecord",
    "sessions.Session",
    "sitesearch.UnansweredQuery",
    "taggit.Tag",
    "taggit.TaggedItem",
    "wagtailadmin.Admin",
    "wagtailadmin.EditingSession",
    "wagtailadmin.FormState",
    "wagtailcore.Comment",
    "wagtailcore.CommentReply",
    "wagtailcore.GroupApprovalTask",
    "wagtailcore.GroupCollectionPermission",
    "wagtailcore.GroupPagePermission",
    "wagtailcore.GroupSitePermission",
    "wagtailcore.ModelLogEntry",
    "wagtailcore.PageLogEntry",
    "wagtailcore.PageSubscription",
    "wagtailcore.ReferenceIndex",
    "wagtailcore.Revision",
    "wagtailcore.Task",
    "wagtailcore.TaskState",
    "wagtailcore.UploadedFile",
    "wagtailcore.Workflow",
    "wagtailcore.WorkflowContentType",
    "wagtailcore.WorkflowPage",
    "wagtailcore.WorkflowState",
    "wagtailcore.WorkflowTask",
    "wagtailembeds.Embed",
    "wagtailforms.FormSubmission",
    "wagtailimages.Rendition",
    "wagtailsearch.IndexEntry",
    "wagtailsearch.SQLiteFTSIndexEntry",
    "wagtailsearchpromotions.Query",
    "wagtailsearchpromotions.QueryDailyHits",
    "wagtailusers.UserProfile",
}


def _clear_now():
    if store.clear():
        purge_front_cache()


def invalidate():
    """Clear the page cache once the current transaction commits (at once outside a transaction)."""
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(entry[1] is _clear_now for entry in connection.run_on_commit):
        return  # already planned: one clearing per transaction (a savepoint rolled back takes its own away)
    transaction.on_commit(_clear_now, robust=True)


def purge_front_cache():
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    try:
        batch = PurgeBatch()
        for page in Page.objects.live().public().specific(defer=True):
            batch.add_page(page)
            if isinstance(page, RoutablePageMixin):  # its own addresses too: feeds, agenda, archives
                root = page.get_full_url(batch)
                if root:
                    batch.add_urls(root + path.lstrip("/") for path in fixed_subpages(page))
        batch.purge()
    except Exception:
        logger.exception("The front cache could not be purged.")


def fixed_subpages(page):
    """The sub-addresses of a routable page that take no argument ("rss/", "archives/"…)."""
    for pattern in type(page).get_subpage_urls():
        try:
            yield page.reverse_subpage(pattern.name)
        except NoReverseMatch:
            continue


def _page_event(**kwargs):
    invalidate()


def _model_saved(sender, instance, created=False, **kwargs):
    if isinstance(instance, Page):
        if created and instance.live:
            invalidate()  # a page created live (the seed, an import); drafts and edits go through publishing
        return
    invalidate()


def _model_changed(sender, **kwargs):
    invalidate()


def connect():
    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(_page_event, dispatch_uid=f"pagecache-{id(signal)}")
    for model in apps.get_models():
        label = model._meta.label
        if label in UNSEEN:
            continue
        post_save.connect(_model_saved, sender=model, dispatch_uid=f"pagecache-save-{label}")
        post_delete.connect(_model_changed, sender=model, dispatch_uid=f"pagecache-delete-{label}")
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            if through._meta.label not in UNSEEN:
                m2m_changed.connect(_model_changed, sender=through, dispatch_uid=f"pagecache-m2m-{through._meta.label}")
