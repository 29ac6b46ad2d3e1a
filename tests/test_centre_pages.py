"""Campagne Discrimination, Ukraine and the legal pages linked from every footer."""

import pytest
from bs4 import BeautifulSoup

from pages.models import Sponsor

from .seed_tree import all_urls

pytestmark = pytest.mark.django_db


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def test_campaign_page_explains_examples_criteria_and_what_to_do(client, page_at):
    soup = soup_of(client, "/campagne-discrimination/")
    headings = [h.get_text() for h in soup.select("main h2")]
    assert headings == [
        "Qu'est-ce qu'une discrimination ?",
        "Quelques exemples",
        "Les 19 critères protégés",
        "Que faire ?",
        "Où trouver de l'aide ?",
    ]
    assert [dt.get_text() for dt in soup.select(".examples dt")] == ["Logement", "École", "Travail"]
    criteria = [li.get_text() for li in soup.select(".criteria li")]
    assert len(criteria) == 19 and "la nationalité" in criteria and "le sexe" in criteria
    assert [h.get_text() for h in soup.select("main h3")] == ["Vous êtes victime", "Vous êtes témoin"]
    assert soup.select_one("a[href='https://www.unia.be/fr']") is not None
    assert "10 mai 2007" in soup.get_text()
    assert "À vérifier" in page_at("/campagne-discrimination/").editor_note


def test_ukraine_page_marks_each_section_with_its_language(client, page_at):
    soup = soup_of(client, "/ukraine/")
    sections = soup.select("section.language-section")
    assert [s["lang"] for s in sections] == ["fr", "uk"]
    assert sections[1].find("h2").get_text() == "Інформація для людей, які прибули з України"
    links = [a["href"] for a in sections[0].select("a[href^='https:']")]
    assert links == ["https://www.fedasil.be/", "https://dofi.ibz.be/"]
    for section in sections:  # the centre's phone and e-mail, in both languages, are links
        assert section.select_one("a[href='tel:+3281737176']").get_text() == "081 73 71 76"
        assert section.select_one("a[href='mailto:info@cainamur.be']")
    assert "liens officiels" in page_at("/ukraine/").editor_note
    # Text outside the sections is French only: no Ukrainian sentence without its lang attribute.
    for element in soup.select("main *:not(.language-section):not(.language-section *)"):
        own_text = "".join(element.find_all(string=True, recursive=False))
        assert not any("\u0400" <= char <= "\u04ff" for char in own_text), element


@pytest.mark.parametrize("url", ["/", "/ukraine/", "/thematiques/sante/", "/page-inexistante/"])
def test_every_footer_links_the_legal_pages(client, url):
    response = client.get(url)
    soup = BeautifulSoup(response.content, "html.parser")
    links = [(a.get_text(), a["href"]) for a in soup.select(".footer-legal__links a")]
    assert links == [
        ("Politique de confidentialité", "/politique-de-confidentialite/"),
        ("Déclaration d'accessibilité", "/declaration-daccessibilite/"),
        ("Mentions légales", "/mentions-legales/"),
    ]


def test_privacy_policy_covers_controller_purposes_retention_rights_complaint_and_cookies(client):
    soup = soup_of(client, "/politique-de-confidentialite/")
    headings = [h.get_text() for h in soup.select(".stream h2")]
    assert headings == [
        "Responsable du traitement",
        "Quelles données, pourquoi et combien de temps",
        "Qui reçoit vos données",
        "Vos droits",
        "Cookies",
    ]
    text = soup.get_text(" ")
    for words in [
        "Rue Docteur Haibe 2",
        "Base légale",
        "Journaux du serveur",
        "30 jours au maximum",
        "dans un délai d'un mois",
        "Autorité de protection des données",
        "strictement nécessaires",
        "Afficher la carte OpenStreetMap",  # maps load only after a click…
        "pas un cookie",  # …a choice kept for the tab, without a cookie
        "Protection de la connexion à l'administration",  # the admin's login throttle…
        "15 minutes après le dernier échec",
        "Sauvegardes",  # …and the backups, which copy everything else
        "14 jours pour les sauvegardes quotidiennes",
    ]:
        assert words in text, words


def test_accessibility_statement_names_the_decree_target_tests_limits_feedback_and_mediator(client):
    text = soup_of(client, "/declaration-daccessibilite/").get_text(" ")
    for words in [
        "décret wallon du 2 mai 2019",
        "WCAG 2.1",
        "axe-core",
        "320 pixels",
        "Limites connues",
        "info@cainamur.be",
        "Médiateur de la Wallonie",
    ]:
        assert words in text, words


def test_legal_notice_shows_a_placeholder_for_the_enterprise_number_and_tells_editors(client, page_at):
    text = soup_of(client, "/mentions-legales/").get_text(" ")
    assert "Numéro d'entreprise (BCE)\u00a0: à compléter" in text  # French typography
    assert "association sans but lucratif (ASBL)" in text
    assert "BCE" in page_at("/mentions-legales/").editor_note


def test_eu_statement_links_to_the_cofunded_projects_page(client):
    assert Sponsor.objects.get(name="Cofinancé par l'Union européenne").link_page.url_path.endswith(
        "/projets-cofinances/"
    )
    soup = soup_of(client, "/")
    link = soup.select_one(".sponsor a[href='/projets-cofinances/']")
    assert link.get_text(strip=True) == "Cofinancé par l'Union européenne"
    pending = soup_of(client, "/projets-cofinances/").select_one(".pending-content")
    assert "Le CAI prépare la description de ses projets cofinancés" in pending.get_text()


def test_privacy_policy_lists_each_processing_from_the_registry_with_its_retention(client, settings):
    settings.RETENTION_MONTHS = {**settings.RETENTION_MONTHS, "server-logs": 7}
    table = soup_of(client, "/politique-de-confidentialite/").select_one("table.personal-data")
    rows = {row.th.get_text(): [cell.get_text() for cell in row.select("td")] for row in table.select("tbody tr")}
    assert {"Journaux du serveur", "Cartes OpenStreetMap", "Comptes de l'équipe"} <= set(rows)
    assert rows["Journaux du serveur"][-1] == "7 mois (30 jours au maximum)"  # read from the settings
    assert rows["Cartes OpenStreetMap"][2].startswith("Votre consentement")


PENDING_PAGES = [
    "/actions-services/accompagnement/",
    "/actions-services/reseau-actions-locales/",
    "/actions-services/sensibilisation/",
    "/actions-services/interpellation/",
    "/projets-cofinances/",
    "/presentation/equipe/",
    "/presentation/mandats/",
]


@pytest.mark.parametrize("url", PENDING_PAGES)
def test_a_page_still_to_write_says_what_is_coming_and_how_to_reach_the_centre_meanwhile(client, url):
    soup = soup_of(client, url)
    main = soup.find("main")
    assert "à venir" not in main.get_text()
    pending = main.select_one(".pending-content")
    assert pending.select_one(".pending-content__message").get_text().startswith("Le CAI prépare ")
    reach = pending.select_one(".pending-content__reach")
    assert reach.get_text(" ", strip=True).startswith("En attendant, le CAI répond à vos questions au")
    links = [a["href"] for a in reach.select("a")]
    assert links == ["tel:+3281737176", "mailto:info@cainamur.be", "/contact/"]


def test_no_seeded_page_says_a_bare_a_venir(client):
    for url in all_urls():
        text = soup_of(client, url).find("main").get_text()
        assert "sont à venir" not in text and "est à venir" not in text, url


def test_a_thematique_page_does_not_announce_what_it_already_lists(client):
    main = soup_of(client, "/thematiques/sante/").find("main")
    assert "seront rassemblés" not in main.get_text()
    assert main.select_one(".stream") is None
