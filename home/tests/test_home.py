"""The home page: mission, quick links, news, next sessions, a publication and the themes; chosen or automatic."""

import datetime

import pytest
from bs4 import BeautifulSoup

from home.models import HomePage
from news.factories import NewsPageFactory
from publications.factories import PublicationPageFactory
from thematiques.factories import theme
from trainings.factories import TrainingPageFactory, TrainingSessionFactory

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
    assert "agit pour une société interculturelle" in soup.select_one(".hero__intro").get_text()
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
    quick = [a.get_text() for a in section(soup, "Accès rapides").select("a")]
    assert quick == [
        "Présentation",
        "Actions/Services",
        "Thématiques",
        "Ressources",
        "Campagne Discrimination",
        "Contact",
        "Ukraine",
    ]


def test_editors_choices_replace_the_automatic_blocks(client, content):
    home = HomePage.objects.get()
    missions = home.get_descendants().get(slug="missions-decretales")
    home.quick_links = [("link", {"page": missions, "url": "", "label": "Nos missions"})]
    home.featured_news = [("news", content["news"][0]), ("news", content["news"][2])]
    home.featured_trainings = [("training", content["trainings"][1]), ("training", content["trainings"][2])]
    home.featured_publication = content["publications"][0]
    home.save_revision().publish()
    soup = home_soup(client)
    assert [(a.get_text(), a["href"]) for a in section(soup, "Accès rapides").select("a")] == [
        ("Nos missions", "/presentation/missions-decretales/")
    ]
    assert [a.get_text() for a in section(soup, "Actualités").select(".item-card__title a")] == ["Actu 0", "Actu 2"]
    # A chosen training that is over has no next session: it is left out.
    assert [a.get_text() for a in section(soup, "Prochaines formations").select(".session-card a")] == ["Formation B"]
    assert section(soup, "Publication à la une").select_one("a").get_text() == "Ancienne"


def test_empty_lists_leave_no_heading_or_box(client):
    soup = home_soup(client)
    for heading in ["Actualités", "Prochaines formations", "Publication à la une"]:
        assert section(soup, heading) is None, heading
    assert section(soup, "Thématiques") is not None
