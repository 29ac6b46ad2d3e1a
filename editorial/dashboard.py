"""What the dashboard tells staff to write or re-read: pages and snippets with a note, practical pages grown old.

Pure query functions; the panels (``dashboard_hooks``) only render what they return.

Queries stay bounded whatever the number of pages: the notes cost one query per page type that has a note field
(each restricted to the pages the user may edit by a subquery) and one per snippet type; the pages to re-read cost
one query in all. The permission check is Wagtail's ``PagePermissionPolicy``, turned into a subquery.
"""

from dataclasses import dataclass
from datetime import datetime

from dateutil.relativedelta import relativedelta
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.text import Truncator
from django.utils.translation import override
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.fields import StreamField
from wagtail.models import Page, get_page_models
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.models import get_snippet_models

from offices.models import OfficeIndexPage, OfficePage
from pages.blocks import FindUsBlock, PendingContentBlock
from trainings.models import TrainingIndexPage, TrainingPage

NOTE_FIELD = "editor_note"
NOTE_WORDS = 15
SNIPPET_KIND = "Fragment"
REVIEW_MONTHS = 12
# Practical pages for newcomers, by type; pages of other types count when they show an office ("Où nous trouver"),
# as the integration path and support pages do: the block is what editors add to a page for newcomers.
PRACTICAL_PAGE_TYPES = (OfficeIndexPage, OfficePage, TrainingIndexPage, TrainingPage)


@dataclass(frozen=True)
class TodoRow:
    """A page or a snippet that still carries something to write."""

    title: str
    note: str  # the first words of the note, else of the "pending" block's message
    kind: str
    edit_url: str
    pending: bool = False  # the page shows visitors a "pending" block (« Contenu en préparation »)


@dataclass(frozen=True)
class ReviewRow:
    """A practical page not published for a long time."""

    title: str
    kind: str
    edit_url: str
    published_at: datetime

    @property
    def published_on(self):
        return f"publiée le {french_date(self.published_at)}"


def french_date(moment):
    """« 3 mars 2025 », « 1er mai 2025 »: in French whatever the admin's language, the panel being French."""
    local = timezone.localtime(moment)
    with override("fr"):
        month_year = format_date(local, "F Y")
    day = "1er" if local.day == 1 else str(local.day)
    return f"{day} {month_year}"


def first_words(text, words=NOTE_WORDS):
    return Truncator(" ".join(text.split())).words(words, truncate=" …")


def _stream_fields_with(model, block_class):
    """The model's StreamFields whose blocks may hold a ``block_class`` block, at any depth."""

    def holds(block):
        if isinstance(block, block_class):
            return True
        children = getattr(block, "child_blocks", None)
        if children:
            return any(holds(child) for child in children.values())
        child = getattr(block, "child_block", None)  # ListBlock
        return child is not None and holds(child)

    fields = model._meta.get_fields()
    return [field.name for field in fields if isinstance(field, StreamField) and holds(field.stream_block)]


def _blocks_named(raw, name):
    """Values of the blocks of type ``name`` in a StreamField's raw JSON data, at any depth."""
    if isinstance(raw, dict):
        if raw.get("type") == name and "value" in raw:
            yield raw["value"]
        for value in raw.values():
            yield from _blocks_named(value, name)
    elif isinstance(raw, list):
        for item in raw:
            yield from _blocks_named(item, name)


def _has_block_q(field_names, block_name):
    """Pages whose stream holds a block of that type: a text search in the JSON, the same on SQLite and PostgreSQL
    (both write ``"type": "name"``). A false match (a text quoting it verbatim) is filtered out in Python."""
    condition = Q(pk__in=[])
    annotations = {}
    for name in field_names:
        alias = f"{name}_json_text"
        annotations[alias] = Cast(name, output_field=TextField())
        condition |= Q(**{f"{alias}__contains": f'"type": "{block_name}"'})
    return annotations, condition


def editable_pages(user):
    """The pages the user may edit, as a subquery (one query at most, for the user's group permissions)."""
    return PagePermissionPolicy().instances_user_has_permission_for(user, "change").values("pk")


def noted_page_models():
    return [
        model
        for model in get_page_models()
        if not model._meta.abstract and any(field.name == NOTE_FIELD for field in model._meta.get_fields())
    ]


def noted_snippet_models():
    return [
        model for model in get_snippet_models() if any(field.name == NOTE_FIELD for field in model._meta.get_fields())
    ]


def _page_rows(model, user):
    """(path, row) of the pages of one type with a note or a "pending" block, as last saved to the page itself (the
    published version; a draft that empties the note counts once it is published)."""
    streams = _stream_fields_with(model, PendingContentBlock)
    annotations, has_pending = _has_block_q(streams, "pending")
    pages = (
        model._default_manager.filter(pk__in=editable_pages(user))
        .alias(**annotations)  # filtered on, not selected
        .filter(~Q(**{NOTE_FIELD: ""}) | has_pending)
        .only("pk", "title", "draft_title", "path", NOTE_FIELD, *streams)
    )
    rows = []
    for page in pages:
        pending = [value for name in streams for value in _blocks_named(list(getattr(page, name).raw_data), "pending")]
        note = getattr(page, NOTE_FIELD).strip()
        if not note:
            if not pending:
                continue  # a false match of the text search
            note = next((v.get("message") for v in pending if isinstance(v, dict) and v.get("message")), "")
        rows.append(
            (
                page.path,
                TodoRow(
                    title=page.draft_title or page.title,
                    note=first_words(note),
                    kind=model._meta.verbose_name,
                    edit_url=reverse("wagtailadmin_pages:edit", args=[page.pk]),
                    pending=bool(pending),
                ),
            )
        )
    return rows


def _snippet_rows(model, user):
    if not model.snippet_viewset.permission_policy.user_has_permission(user, "change"):
        return []
    finder = AdminURLFinder(user)
    return [
        TodoRow(
            title=str(snippet),
            note=first_words(getattr(snippet, NOTE_FIELD)),
            kind=f"{SNIPPET_KIND} : {model._meta.verbose_name}",
            edit_url=finder.get_edit_url(snippet),
        )
        for snippet in model._default_manager.exclude(**{NOTE_FIELD: ""}).order_by(*_snippet_order(model))
    ]


def _snippet_order(model):
    return [name for name in ("sort_order", "pk") if any(f.name == name for f in model._meta.get_fields())]


def todo_rows(user):
    """Pages (in tree order) then snippets that carry an editor note, or pages with a "pending" block."""
    pages = sorted((row for model in noted_page_models() for row in _page_rows(model, user)), key=lambda r: r[0])
    snippets = [row for model in noted_snippet_models() for row in _snippet_rows(model, user)]
    return [row for _path, row in pages] + snippets


def practical_q():
    """Practical pages: the types for newcomers, and any page that shows an office (« Où nous trouver »)."""
    condition = Q(content_type__in=ContentType.objects.get_for_models(*PRACTICAL_PAGE_TYPES).values())
    for model in get_page_models():
        if model._meta.abstract or model in PRACTICAL_PAGE_TYPES:
            continue
        streams = _stream_fields_with(model, FindUsBlock)
        if streams:
            annotations, shows_office = _has_block_q(streams, "find_us")
            condition |= Q(pk__in=model._default_manager.alias(**annotations).filter(shows_office).values("pk"))
    return condition


def review_rows(user, now=None):
    """Live practical pages the user may edit, not published for twelve months, oldest first."""
    cutoff = (now or timezone.now()) - relativedelta(months=REVIEW_MONTHS)
    pages = (
        Page.objects.live()
        .filter(pk__in=editable_pages(user), last_published_at__lt=cutoff)
        .filter(practical_q())
        .select_related("content_type")
        .order_by("last_published_at", "path")
    )
    return [
        ReviewRow(
            title=page.draft_title or page.title,
            kind=page.content_type.model_class()._meta.verbose_name,
            edit_url=reverse("wagtailadmin_pages:edit", args=[page.pk]),
            published_at=page.last_published_at,
        )
        for page in pages
    ]
