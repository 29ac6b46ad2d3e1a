"""Histoire du Centre reproduces the seed page word for word, with its two links."""

import pytest
from bs4 import BeautifulSoup

from pages.typography import french_spacing
from seed.content import HISTORY_HEADING

URL = "/presentation/qui-sommes-nous/histoire-du-centre/"

# The four paragraphs as the centre's current page shows them (second paragraph joined, "au cours du temps").
EXPECTED_PARAGRAPHS = [
    "Notre association a été créée en 1982 à la suite d'une étude réalisée par la commission namuroise « Pauvreté » "
    "de la Fondation Roi Baudouin, qui a mis en évidence les réalités démographiques et culturelles de "
    "l'immigration, mais surtout l'absence de structure spécialisée œuvrant pour cette cause. La constitution de "
    "l'association en A.S.B.L. remonte à 1984, sous le nom de Centre socioculturel des immigrés de la province de "
    "Namur (C.S.C.I.N.).",
    "Dans ses débuts, le C.S.C.I.N. se préoccupait essentiellement de la population immigrée d'origine européenne. "
    "Pas à pas, avec l'explosion du chômage et les phénomènes d'exclusion, avec l'évolution des migrations, un "
    "intérêt pour d'autres populations est apparu. Devant ces changements et avec l'agrément de l'association en "
    "1997 comme Centre régional pour l'intégration des personnes étrangères et d'origine étrangère (CRI), le "
    "C.S.C.I.N. s'adapte jusqu'à modifier son nom. Il devient le CAI : Centre d'action interculturelle de la "
    "province de Namur. La volonté reste néanmoins de maintenir une identité spécifique, forgée autour d'un projet "
    "politique, guidant l'action et la stratégie dans un engagement pour une société plus égalitaire.",
    "Depuis toutes ces années le CAI travaille d'abord en deuxième ligne, avec des associations et des services "
    "publics ou tout intervenant social en lien avec les personnes étrangères par la formation, la sensibilisation, "
    "la création de lieux d'échanges et de synergies. Cependant, la notion de première ligne est présente, en "
    "articulation avec les services existants, et consiste à accompagner individuellement ou collectivement des "
    "personnes issues de l'immigration dans leurs diverses démarches d'intégration. Celle-ci s'est même renforcée au "
    "cours du temps, avec l'arrivée en 2014 au parcours d'accueil puis du parcours d'intégration en 2016 (et modifié "
    "en 2018).",
    "Ces dernières années ont été particulièrement marquées par l'impact des pouvoirs publics et en particulier de la "
    "Wallonie. En effet, de décret en décret, l'intégration des personnes étrangères s'est précisé politiquement, "
    "institutionnellement et administrativement : d'un parcours d'accueil, nous sommes passés à un parcours "
    "d'intégration rendu obligatoire pour toute une catégorie de primo-arrivants.",
]


@pytest.fixture
def history(client):
    response = client.get(URL)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.django_db
def test_history_page_has_the_seed_title_and_heading(history):
    assert history.find("h1").get_text(strip=True) == "Histoire du Centre"
    assert history.select_one(".stream h2").get_text(strip=True) == HISTORY_HEADING
    assert HISTORY_HEADING == "Du C.S.C.I.N. au CAI, plus de 30 ans d'histoire"


@pytest.mark.django_db
def test_history_paragraphs_are_the_seed_text_word_for_word(history):
    paragraphs = [p.get_text() for p in history.select(".stream .rich-text p")]
    assert paragraphs == [french_spacing(text) for text in EXPECTED_PARAGRAPHS]  # with French typography
    assert "au court du temps" not in history.get_text()


@pytest.mark.django_db
def test_history_links_point_to_missions_and_parcours_pages(history):
    links = {a.get_text(): a["href"] for a in history.select(".stream .rich-text a")}
    assert links == {
        "agrément": "/presentation/missions-decretales/",
        "parcours d'intégration": "/actions-services/parcours-dintegration/",
    }
