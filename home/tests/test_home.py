"""The home page, task first: a sentence, three actions and other languages; then news, sessions with their places
left, a publication and the themes, each ending with a link to its full list; chosen or automatic."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contact.models import ContactPage
from home.models import HomePage
from news.factories import NewsPageFactory
from offices.factories import OfficePageFactory, week
from publications.factories import PublicationPageFactory
from thematiques.factories import theme
from trainings.factories import RegistrationFactory, TrainingPageFactory, TrainingSessionFactory
from trainings.models import RegistrationStatus

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen(time_machine):
    time_machine.move_to(datetime.datetime(2026, 5, 1, 12, tzinfo=datetime.UTC), tick=False)


def home_soup(client):
    return BeautifulSoup(client.get("/").content, "html.parser")


def session(day, start, end):
    return TrainingSessionFactory.build(
        date=day, starts_at=datetime.time.fromisoformat(start), ends_at=datetime.time.fromisoformat(end)
    )


def section(soup, heading):
    title = soup.find("h2", string=heading)
    return title.find_parent("section") if title else None


@pytest.fixture
def content():
    news = [
        NewsPageFactory(title=f"Actu {n}", published_on=datetime.date(2026, 4, n + 1), thematiques=[theme("sante")])
        for n in range(5)
    ]
    trainings = [
        TrainingPageFactory(
            title="Formation A",
            sessions=[
                session(datetime.date(2026, 5, 20), "09:30", "16:30"),
                session(datetime.date(2026, 5, 3), "09:30", "12:00"),
            ],
        ),
        TrainingPageFactory(title="Formation B", sessions=[session(datetime.date(2026, 5, 5), "13:00", "16:00")]),
        TrainingPageFactory(title="Formation passée", sessions=[session(datetime.date(2026, 4, 5), "13:00", "16:00")]),
    ]
    publications = [
        PublicationPageFactory(title="Ancienne", year=2019),
        PublicationPageFactory(title="Récente", year=2025),
    ]
    return {"news": news, "trainings": trainings, "publications": publications}


def test_without_choices_home_shows_latest_news_next_sessions_latest_publication_and_themes(client, content):
    soup = home_soup(client)
    assert [a.get_text() for a in section(soup, "Actualités").select(".item-card__title a")] == [
        "Actu 4",
        "Actu 3",
        "Actu 2",
    ]
    sessions = section(soup, "Prochaines formations").select(".session-card")
    assert [s.select_one("a").get_text() for s in sessions] == ["Formation A", "Formation B", "Formation A"]
    assert sessions[0].select_one("time")["datetime"].startswith("2026-05-03T09:30")
    assert section(soup, "Publication à la une").select_one("a").get_text() == "Récente"
    assert len(section(soup, "Thématiques").select(".theme-grid__link")) == 15
    # Issue 10: the "Accès rapides" that only repeated the menu are gone.
    assert section(soup, "Accès rapides") is None
    assert "Accès rapides" not in soup.get_text()


def test_each_block_ends_with_a_link_to_its_full_list(client, content):
    soup = home_soup(client)
    more = {heading: section(soup, heading).select(".more-link a")[-1] for heading in HOME_BLOCKS}
    assert {heading: (a.get_text(strip=True), a["href"]) for heading, a in more.items()} == {
        "Actualités": ("Toutes les actualités", "/ressources/actus-du-secteur/"),
        "Prochaines formations": ("Toutes les formations", "/actions-services/formations/"),
        "Publication à la une": ("Toutes les publications", "/ressources/outils-et-publications/"),
        "Thématiques": ("Toutes les thématiques", "/thematiques/"),
    }
    for heading in HOME_BLOCKS:  # the link closes its block
        assert section(soup, heading).find_all(["p", "ul", "div"], recursive=False)[-1]["class"] == ["more-link"]


HOME_BLOCKS = ["Actualités", "Prochaines formations", "Publication à la une", "Thématiques"]


def test_first_screen_says_what_the_centre_does_and_offers_three_actions_and_other_languages(client):
    soup = home_soup(client)
    hero = soup.select_one(".hero")
    assert soup.find("h1") is hero.find("h1")
    assert hero.find("h1").get_text() == (
        "Vous arrivez dans la province de Namur\u202f? Le CAI vous accueille, vous informe et vous oriente."
    )
    actions = [(a.select_one(".task__title").get_text(), a["href"]) for a in hero.select(".task__link")]
    assert actions == [
        ("Trouver un bureau d'accueil", "/contact/bureau-daccueil/"),
        ("Appeler le CAI", "tel:+3281737176"),
        ("S'inscrire à une formation", "/actions-services/formations/"),
    ]
    # The number is part of the link: read out with it and tappable as a whole.
    assert hero.select(".task__link")[1].select_one(".task__number").get_text() == "081 73 71 76"
    # The seeded main office has no hours yet: it says so and gives the phone, never "Fermé".
    office = hero.select(".task")[0]
    assert office.select_one(".task__place").get_text() == "Saint-Servais (Namur) – siège du CAI"
    assert office.select_one(".office-status--unknown a[href='tel:+3281737176']") is not None
    languages = hero.select_one(".hero__languages a")
    assert languages.get_text(strip=True) == "Aide dans d'autres langues\xa0: Ukraine"
    assert languages["href"] == "/ukraine/"
    for icon in hero.select("svg.icon"):
        assert icon["aria-hidden"] == "true"


def test_the_main_office_status_is_computed_in_the_browser_from_its_hours(client):
    office = OfficePageFactory(title="Bureau de test", opening_slots=week(monday="9:00-12:00"))
    contact = ContactPage.objects.get()
    contact.main_office = office
    contact.save_revision().publish()
    html = client.get("/").content.decode()
    soup = BeautifulSoup(html, "html.parser")
    task = soup.select(".task")[0]
    assert task.select_one(".task__place").get_text() == "Bureau de test"
    status = task.select_one("[data-office-status]")
    assert status.has_attr("hidden")  # shown by the script, never claimed without it
    assert soup.find("script", id=status["data-office-status"])["type"] == "application/json"
    assert soup.select_one("script[src*='office-status']") is not None


def test_editors_choose_the_sentence_and_the_languages_page(client):
    home = HomePage.objects.get()
    home.lead = "Une phrase choisie par l'équipe."
    home.languages_page = home.get_descendants().get(slug="histoire-du-centre")
    home.save_revision().publish()
    soup = home_soup(client)
    assert soup.find("h1").get_text() == "Une phrase choisie par l'équipe."
    assert soup.select_one(".hero__languages a")["href"] == "/presentation/qui-sommes-nous/histoire-du-centre/"


def test_sessions_show_the_places_left(client):
    day = datetime.date(2026, 5, 10)
    roomy = TrainingPageFactory(title="Avec places", capacity=10, sessions=[session(day, "09:30", "12:00")])
    full = TrainingPageFactory(title="Complète", capacity=2, sessions=[session(day, "13:00", "16:00")])
    TrainingPageFactory(title="Sans limite", sessions=[session(day, "17:00", "18:00")])
    RegistrationFactory.create_batch(3, training=roomy)
    RegistrationFactory.create_batch(2, training=full)
    cards = section(home_soup(client), "Prochaines formations").select(".session-card")
    seats = {card.select_one("a").get_text(): card.select_one(".session-card__seats") for card in cards}
    assert seats["Avec places"].get_text() == "7 places restantes"
    assert seats["Complète"].get_text() == "Complet\xa0: liste d'attente"
    assert seats["Sans limite"] is None


def test_sessions_to_choose_from_show_the_places_left_in_each(client):
    day = datetime.date(2026, 5, 10)
    training = TrainingPageFactory(
        title="Au choix",
        capacity=None,
        session_choice=True,
        sessions=[session(day, "09:00", "10:00"), session(day, "14:00", "15:00")],
    )
    for saved in training.sessions.all():
        saved.capacity = 3
        saved.save()
    morning, afternoon = training.sessions.order_by("starts_at")
    RegistrationFactory.create_batch(2, training=training, session=morning)
    RegistrationFactory(training=training, session=afternoon, status=RegistrationStatus.WAITING)
    cards = section(home_soup(client), "Prochaines formations").select(".session-card")
    seats = [card.select_one(".session-card__seats").get_text() for card in cards if "Au choix" in card.get_text()]
    assert seats == ["1 place restante", "3 places restantes"]


def test_the_home_page_costs_the_same_queries_with_more_content(client, content):
    client.get("/")

    def cost():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/").status_code == 200
        return len(queries)

    before = cost()
    for n in range(3):
        training = TrainingPageFactory(
            title=f"Plus {n}", capacity=5, sessions=[session(datetime.date(2026, 5, 2), "09:00", "10:00")]
        )
        RegistrationFactory(training=training)
        NewsPageFactory(title=f"Actu de plus {n}", published_on=datetime.date(2026, 4, 28))
    assert cost() == before <= 16


def test_editors_choices_replace_the_automatic_blocks(client, content):
    home = HomePage.objects.get()
    home.featured_news = [("news", content["news"][0]), ("news", content["news"][2])]
    home.featured_trainings = [("training", content["trainings"][1]), ("training", content["trainings"][2])]
    home.featured_publication = content["publications"][0]
    home.save_revision().publish()
    soup = home_soup(client)
    assert [a.get_text() for a in section(soup, "Actualités").select(".item-card__title a")] == ["Actu 0", "Actu 2"]
    # A chosen training that is over has no next session: it is left out.
    assert [a.get_text() for a in section(soup, "Prochaines formations").select(".session-card a")] == ["Formation B"]
    assert section(soup, "Publication à la une").select_one("a").get_text() == "Ancienne"


def test_empty_lists_leave_no_heading_or_box(client):
    soup = home_soup(client)
    for heading in ["Actualités", "Prochaines formations", "Publication à la une"]:
        assert section(soup, heading) is None, heading
    assert section(soup, "Thématiques") is not None
