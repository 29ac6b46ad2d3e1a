"""The dashboard's « À compléter » and « Pages à relire » panels: what staff must still write, and re-read."""

import datetime
import re

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.text import capfirst
from wagtail.models import GroupPagePermission, Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from editorial.dashboard import french_date, noted_page_models, review_rows, todo_rows
from editorial.dashboard_hooks import TodoPanel
from pages.models import Sponsor, StandardPage

MISSIONS = "/presentation/missions-decretales/"
OFFICES = "/contact/bureau-daccueil/"
MAIN_OFFICE = "/contact/bureau-daccueil/saint-servais/"
PARCOURS = "/actions-services/parcours-dintegration/"
HISTORY = "/presentation/qui-sommes-nous/histoire-du-centre/"


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("chef", "chef@example.org", "un mot de passe solide")


def dashboard(client, user):
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def panel(soup, panel_id):
    return soup.find("section", id=f"{panel_id}-section")


def rows(section):
    """(title, note or date, kind, link) of each row of a panel's table."""
    found = []
    for tr in section.select("tbody tr"):
        cells = tr.find_all("td")
        link = cells[0].find("a")
        title = link.get_text(" ", strip=True).removesuffix("(modifier)").strip()
        found.append((title, " ".join(cells[1].get_text(" ").split()), cells[2].get_text(strip=True), link["href"]))
    return found


def heading(section):
    return " ".join(section.find("h2").get_text(" ").split())


def expected_noted_items():
    """Pages and snippets with a note, counted straight from the database, model by model."""
    pages = sum(model.objects.exclude(editor_note="").count() for model in noted_page_models())
    return pages + Sponsor.objects.exclude(editor_note="").count()


def words(text, count):
    return " ".join(text.split()[:count])


@pytest.mark.django_db
def test_todo_panel_lists_the_seeded_notes_with_their_first_words_kind_and_edit_link(client, superuser, page_at):
    section = panel(dashboard(client, superuser), "editorial-todo")
    listed = rows(section)
    assert section.find("h2").get("class") == ["w-panel__heading"]
    assert heading(section) == f"À compléter ({len(listed)})"
    assert len(listed) >= expected_noted_items() >= 35  # the seeded notes, plus pages with a "pending" block only

    by_title = {title: (note, kind, link) for title, note, kind, link in listed}
    offices = page_at(OFFICES)
    note, kind, link = by_title[offices.title]
    assert note.startswith(words(offices.editor_note, 12))
    assert note.endswith("…") and len(note.split()) <= 16  # the first words, not the whole note
    assert "Beauraing" not in note
    assert kind == capfirst(offices._meta.verbose_name)
    assert link == f"/admin/pages/{offices.pk}/edit/"

    missions = page_at(MISSIONS)
    assert by_title[missions.title][0].startswith("À compléter par le CAI : la formulation exacte")
    assert by_title[missions.title][1] == "Page de contenu"

    forem = Sponsor.objects.get(name="Forem")
    note, kind, link = by_title["Forem"]
    assert note.startswith(words(forem.editor_note, 5))
    assert kind == "Fragment : Partenaire du pied de page"
    assert link == f"/admin/snippets/pages/sponsor/edit/{forem.pk}/"
    assert client.get(link).status_code == 200

    assert page_at(HISTORY).title not in by_title  # no note, no pending block


@pytest.mark.django_db
def test_todo_panel_lists_pages_in_tree_order_then_snippets(client, superuser):
    listed = [title for title, *_ in rows(panel(dashboard(client, superuser), "editorial-todo"))]
    noted_paths = {page.title: page.path for model in noted_page_models() for page in model.objects.all()}
    page_titles = [title for title in listed if title in noted_paths]
    assert page_titles == sorted(page_titles, key=noted_paths.get)
    sponsors = [title for title in listed if title not in noted_paths]
    assert sponsors == list(Sponsor.objects.exclude(editor_note="").values_list("name", flat=True))
    assert listed[-len(sponsors) :] == sponsors


@pytest.mark.django_db
def test_a_page_with_a_pending_block_and_no_note_is_listed_with_the_block_message(client, superuser, page_at):
    page = StandardPage(
        title="Page en attente",
        intro="Une introduction.",
        body=[("pending", {"message": "Le CAI prépare la liste des permanences sociales de la province."})],
    )
    page_at("/presentation/").add_child(instance=page)
    page.save_revision().publish()
    by_title = {title: note for title, note, *_ in rows(panel(dashboard(client, superuser), "editorial-todo"))}
    assert (
        by_title["Page en attente"]
        == "Contenu en préparation Le CAI prépare la liste des permanences sociales de la province."
    )


@pytest.mark.django_db
def test_a_page_quoting_the_pending_block_type_in_its_text_is_not_listed(superuser, page_at):
    page = StandardPage(
        title="Citation",
        intro="Une introduction.",
        body=[("paragraph", '<p>Le mot "type": "pending" dans un texte.</p>')],
    )
    page_at("/presentation/").add_child(instance=page)
    page.save_revision().publish()
    assert "Citation" not in [row.title for row in todo_rows(superuser)]


@pytest.mark.django_db
def test_emptying_a_note_in_the_admin_and_publishing_removes_the_row(client, superuser, page_at):
    missions = page_at(MISSIONS)
    before = rows(panel(dashboard(client, superuser), "editorial-todo"))
    assert missions.title in [title for title, *_ in before]

    paragraph = next(block for block in missions.body if block.block_type == "paragraph")
    data = nested_form_data(
        {
            "title": missions.title,
            "slug": missions.slug,
            "intro": missions.intro,
            "editor_note": "",
            "body": streamfield(
                [
                    ("heading", {"text": "Parmi ces missions", "level": "h2"}),
                    ("paragraph", rich_text(paragraph.value.source)),
                ]
            ),
            "action-publish": "action-publish",
        }
    )
    response = client.post(f"/admin/pages/{missions.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:3000]

    section = panel(dashboard(client, superuser), "editorial-todo")
    after = rows(section)
    assert missions.title not in [title for title, *_ in after]
    assert len(after) == len(before) - 1
    assert heading(section) == f"À compléter ({len(before) - 1})"


@pytest.mark.django_db
def test_todo_panel_shows_only_what_the_user_may_edit(client, page_at):
    contact = page_at("/contact/")
    group = Group.objects.create(name="Équipe accueil")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=group, page=contact, permission=Permission.objects.get(codename="change_page")
    )
    user = get_user_model().objects.create_user("accueil", "accueil@example.org", "un mot de passe solide")
    user.groups.add(group)

    listed = rows(panel(dashboard(client, user), "editorial-todo"))
    contact_paths = set(Page.objects.descendant_of(contact, inclusive=True).values_list("pk", flat=True))
    assert listed, "the offices' notes are under /contact/"
    assert {int(re.search(r"/pages/(\d+)/", link)[1]) for *_, link in listed} <= contact_paths
    assert page_at(OFFICES).title in [title for title, *_ in listed]
    assert "Forem" not in [title for title, *_ in listed]  # no permission on the footer partners

    group.permissions.add(Permission.objects.get(codename="change_sponsor"))
    user = get_user_model().objects.get(pk=user.pk)  # a fresh permission cache
    assert "Forem" in [row.title for row in todo_rows(user)]


@pytest.mark.django_db
def test_a_user_who_may_edit_nothing_reads_the_empty_state(client):
    group = Group.objects.create(name="Lecture seule")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user = get_user_model().objects.create_user("lecteur", "lecteur@example.org", "un mot de passe solide")
    user.groups.add(group)
    section = panel(dashboard(client, user), "editorial-todo")
    assert heading(section) == "À compléter (0)"
    assert section.find("table") is None
    assert "Rien à compléter : merci !" in section.get_text()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["superuser", "editor"])
def test_todo_panel_queries_do_not_grow_with_the_number_of_noted_pages(
    role, rf, superuser, page_at, django_assert_max_num_queries
):
    parent = page_at("/presentation/")
    user = superuser
    if role == "editor":  # page permissions through a group: Wagtail's permission policy is part of the query
        group = Group.objects.create(name="Rédaction présentation")
        group.permissions.add(*Permission.objects.filter(codename__in=["access_admin", "change_sponsor"]))
        GroupPagePermission.objects.create(
            group=group, page=parent, permission=Permission.objects.get(codename="change_page")
        )
        user = get_user_model().objects.create_user("presentation", "p@example.org", "un mot de passe solide")
        user.groups.add(group)

    def add_noted_pages(count, start):
        for number in range(start, start + count):
            page = StandardPage(
                title=f"Page notée {number}",
                intro="Une introduction.",
                editor_note=f"À compléter : la page {number}.",
                body=[("pending", {"message": "Le CAI prépare ce texte."})],
            )
            parent.add_child(instance=page)
            page.save_revision().publish()

    request = rf.get("/admin/")
    request.user = user

    def render():
        with CaptureQueriesContext(connection) as queries:
            html = TodoPanel().render_html({"request": request})
        return len(queries), html

    add_noted_pages(1, 1)
    render()  # warm Wagtail's caches (content types, site root paths)
    with_one, html = render()
    assert "Page notée 1" in html
    add_noted_pages(20, 2)
    with_twenty_one, html = render()
    assert "Page notée 21" in html
    assert with_twenty_one == with_one
    with django_assert_max_num_queries(with_one):
        render()


@pytest.mark.django_db
def test_review_panel_lists_practical_pages_older_than_twelve_months_oldest_first(client, superuser, page_at):
    practical = [page_at(path) for path in (OFFICES, MAIN_OFFICE, PARCOURS, "/actions-services/formations/")]
    history = page_at(HISTORY)
    later = timezone.now() + datetime.timedelta(days=13 * 31)  # thirteen months after the seed
    recent = page_at("/actions-services/accompagnement/")  # a parcours page, published again "yesterday"
    with time_machine.travel(later - datetime.timedelta(days=1), tick=False):
        recent.save_revision().publish()

    with time_machine.travel(later, tick=False):
        section = panel(dashboard(client, superuser), "editorial-review")
        dates = [row.published_at for row in review_rows(superuser)]
    assert heading(section) == "Pages à relire (plus de 12 mois)"
    listed = rows(section)
    titles = [title for title, *_ in listed]
    for page in practical:
        assert page.title in titles
    assert recent.title not in titles
    assert history.title not in titles  # not a practical page, however old
    assert page_at(MISSIONS).title not in titles
    assert len(dates) == len(listed) and dates == sorted(dates)

    by_title = {title: (date, kind, link) for title, date, kind, link in listed}
    office = page_at(MAIN_OFFICE)
    assert by_title[office.title][0] == f"publiée le {french_date(office.last_published_at)}"
    assert by_title[office.title][2] == f"/admin/pages/{office.pk}/edit/"


@pytest.mark.django_db
def test_review_panel_is_empty_while_practical_pages_are_recent(client, superuser):
    section = panel(dashboard(client, superuser), "editorial-review")
    assert section.find("table") is None
    assert "Aucune page pratique à relire" in section.get_text()


def test_dates_are_written_in_french():
    brussels = datetime.timezone(datetime.timedelta(hours=1))
    assert french_date(datetime.datetime(2025, 3, 3, 10, tzinfo=brussels)) == "3 mars 2025"
    assert french_date(datetime.datetime(2025, 5, 1, 10, tzinfo=brussels)) == "1er mai 2025"
    assert french_date(datetime.datetime(2025, 8, 14, 23, 30, tzinfo=datetime.UTC)) == "15 août 2025"  # Brussels
