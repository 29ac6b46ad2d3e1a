"""Équipe and Mandats: structured, ordered, reviewed content, with a query cost that does not grow."""

import pytest
from django.contrib.auth import get_user_model

from about.factories import TeamFactory, TeamMemberFactory
from about.models import Mandate, MandatesPage
from pages.factories import ImageFactory
from tests.helpers import count_queries, soup_of

pytestmark = pytest.mark.django_db

TEAM = "/presentation/equipe/"
MANDATES = "/presentation/mandats/"


def portrait(title):
    return ImageFactory(title=title, file__width=300, file__height=300)


@pytest.fixture
def teams():
    second = TeamFactory(name="Formation", sort_order=2)
    first = TeamFactory(name="Accueil", sort_order=1)
    return first, second


def test_empty_team_page_says_it_is_coming_and_tells_editors(client, page_at):
    pending = soup_of(client, TEAM).select_one(".pending-content")
    assert pending.select_one(".pending-content__message").get_text() == "Le CAI prépare la présentation de son équipe."
    assert pending.select_one("a[href='tel:+3281737176']") is not None
    assert "Équipe › Membres" in page_at(TEAM).editor_note


def test_team_page_groups_published_members_by_team_in_editors_order(client, teams):
    accueil, formation = teams
    TeamMemberFactory(name="Zoé", team=formation, sort_order=1)
    TeamMemberFactory(name="Yann", team=accueil, sort_order=2)
    TeamMemberFactory(name="Xavier", team=accueil, sort_order=1)
    TeamMemberFactory(name="Brouillon", team=accueil, draft=True)
    soup = soup_of(client, TEAM)
    groups = [
        (section.find("h2").get_text(), [h.get_text() for h in section.select(".person__name")])
        for section in soup.select(".team")
    ]
    assert groups == [("Accueil", ["Xavier", "Yann"]), ("Formation", ["Zoé"])]


def test_email_and_phone_are_real_links(client, teams):
    TeamMemberFactory(name="Xavier", team=teams[0], email="xavier@example.org", phone="081 00 00 01")
    card = soup_of(client, TEAM).select_one(".person")
    assert card.select_one("a[href='mailto:xavier@example.org']").get_text() == "xavier@example.org"
    assert card.select_one("a[href='tel:+3281000001']").get_text() == "081 00 00 01"


def test_a_photo_is_shown_only_with_consent(client, teams):
    TeamMemberFactory(name="Avec accord", team=teams[0], photo=portrait("Portrait 1"), photo_consent=True)
    TeamMemberFactory(name="Sans accord", team=teams[0], photo=portrait("Portrait 2"), photo_consent=False)
    cards = {card.select_one(".person__name").get_text(): card for card in soup_of(client, TEAM).select(".person")}
    assert cards["Avec accord"].find("img") is not None
    assert cards["Sans accord"].find("img") is None


def test_a_draft_change_stays_off_the_site_until_published(client, teams):
    person = TeamMemberFactory(name="Xavier", team=teams[0], role="Coordination")
    person.role = "Nouvelle fonction"
    person.save_revision()  # a draft, not published
    text = soup_of(client, TEAM).get_text()
    assert "Coordination" in text and "Nouvelle fonction" not in text
    person.latest_revision.publish()
    assert "Nouvelle fonction" in soup_of(client, TEAM).get_text()
    assert person.revisions.count() == 2


def test_team_member_snippet_has_preview_and_history_in_the_admin(client, teams):
    admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "mot de passe")
    client.force_login(admin)
    person = TeamMemberFactory(name="Xavier", team=teams[0])
    url = f"/admin/snippets/about/teammember/preview/{person.pk}/"
    data = {"name": "Xavier", "role": "Accueil", "team": teams[0].pk, "email": "", "phone": "", "photo": ""}
    assert client.post(url, data).json()["is_valid"] is True
    assert "Xavier" in client.get(url).content.decode()
    assert client.get(f"/admin/snippets/about/teammember/history/{person.pk}/").status_code == 200


def test_mandates_are_listed_in_the_editors_order_with_links(client, page_at):
    page = page_at(MANDATES)
    assert "Le CAI prépare la liste des organes et réseaux où il siège." in soup_of(client, MANDATES).get_text()
    page.mandates.add(Mandate(sort_order=2, body="Réseau B", role="Membre", since="2020"))
    page.mandates.add(
        Mandate(sort_order=1, body="Plateforme A", role="Présidence", since="2016", url="https://example.org/a")
    )
    page.save_revision().publish()
    rows = soup_of(client, MANDATES).select("tbody tr")
    assert [[cell.get_text(strip=True) for cell in row.find_all(["th", "td"])] for row in rows] == [
        ["Plateforme A", "Présidence", "2016"],
        ["Réseau B", "Membre", "2020"],
    ]
    assert rows[0].find("a")["href"] == "https://example.org/a"


def test_query_costs_stay_the_same_with_more_members_and_mandates(client, teams, page_at):
    TeamMemberFactory(name="Xavier", team=teams[0], photo=portrait("P"), photo_consent=True)
    mandates = MandatesPage.objects.get()
    mandates.mandates.add(Mandate(body="Plateforme A", role="Membre"))
    mandates.save_revision().publish()
    client.get("/")
    before = {url: count_queries(client, url, warm=True) for url in (TEAM, MANDATES)}
    for number in range(3):  # a query per member or mandate would show
        TeamMemberFactory(
            name=f"Membre {number}", team=teams[number % 2], photo=portrait(f"P{number}"), photo_consent=True
        )
        mandates.mandates.add(Mandate(body=f"Organe {number}", role="Membre"))
    mandates.save_revision().publish()
    after = {url: count_queries(client, url, warm=True) for url in (TEAM, MANDATES)}
    assert after == before
