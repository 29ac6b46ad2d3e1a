"""/recherche/?q=…: the results page. Thin: the search itself lives in search.py, the form in forms.py."""

import functools
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import F
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits
from wagtail.models import Page

from . import search
from .forms import SearchForm
from .kinds import PAGE_KIND_VALUES, Kind
from .models import UnansweredQuery
from .text import normalise_query

PAGE_SIZE = 10


def count_label(count, query):
    words = ngettext("résultat", "résultats", max(count, 1))  # French puts 0 in the singular
    return f"{count} {words} pour « {query} »"


def count_hit(normalised):
    """Wagtail's ``Query.get(q).add_hit()`` (the search terms report), in one UPDATE on the days a term was already
    searched (its three queries are spent only on a term's first search of the day)."""
    today = timezone.now().date()  # as add_hit counts
    hits = QueryDailyHits.objects.filter(query__query_string=normalised, date=today)
    if not hits.update(hits=F("hits") + 1):
        Query.get(normalised).add_hit(date=today)


def record(query, found):
    """Wagtail's search terms report counts every search; the searches that found nothing are kept apart too."""
    normalised = normalise_query(query)
    if not normalised:
        return
    count_hit(normalised)
    if not found:
        now = timezone.now()
        updated = UnansweredQuery.objects.filter(query_string=normalised).update(
            hits=F("hits") + 1, last_searched_at=now
        )
        if not updated:
            UnansweredQuery.objects.get_or_create(
                query_string=normalised, defaults={"hits": 1, "last_searched_at": now}
            )


def run_search(request, query, kind, thematique):
    """Everything the results page shows for a valid query."""
    alternatives = search.expansions(query)
    word_stems = search.highlight_stems(alternatives)
    first_page = request.GET.get("page") in (None, "", "1")
    picks = search.promotions(query) if not (kind or thematique) else []
    promoted = search.promotion_hits(picks, word_stems, request) if first_page else []
    groups = []
    if not kind or kind in PAGE_KIND_VALUES:
        exclude = [pick.page_id for pick in picks if pick.page_id]
        results, fuzzy = search.search_pages(query, alternatives, kind, thematique, exclude)
    else:
        results, fuzzy = Page.objects.none(), False
    page_obj = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    hits = search.page_hits(page_obj.object_list, word_stems, request)
    with_service, with_team = kind in ("", Kind.SERVICE), kind in ("", Kind.MEMBER) and not thematique
    page_urls = functools.cache(lambda: search.group_pages(request))  # one query, only if a group shows something
    if with_service:
        groups.append(search.directory_group(alternatives, word_stems, thematique, page_urls))
    if with_team:
        groups.append(search.team_group(alternatives, word_stems, page_urls))
    groups = [group for group in groups if group.total]
    total = page_obj.paginator.count + len(picks) + sum(group.total for group in groups)
    return {
        "promoted": promoted,
        "hits": hits,
        "page_obj": page_obj,
        "groups": groups,
        "fuzzy": fuzzy,
        "total": total,
        "alternatives": alternatives[1:],
        "result_label": count_label(total, query),
    }


@never_cache  # each search is counted for the reports; the page must not be served from a cache
def search_view(request):
    form = SearchForm(request.GET)
    context = {"form": form, "query": "", "searched": False}
    if not form.is_valid():
        return TemplateResponse(request, "sitesearch/search.html", context, status=400)
    query = form.cleaned_data["q"]
    kind = form.cleaned_data["type"]
    thematique = form.cleaned_data["thematique"]
    context.update(query=query, truncated=form.truncated)
    if query and search.engine_query(query):
        context["searched"] = True
        context.update(run_search(request, query, kind, thematique))
        active = {"q": query, "type": kind, "thematique": thematique}
        context["query_string"] = urlencode({name: value for name, value in active.items() if value})
        if not form.truncated and request.GET.get("page") in (None, "", "1"):
            record(query, context["total"] > 0)
    elif query:
        context["searched"] = True
        context.update(total=0, result_label=count_label(0, query), hits=[], groups=[], promoted=[])
    return TemplateResponse(request, "sitesearch/search.html", context)
