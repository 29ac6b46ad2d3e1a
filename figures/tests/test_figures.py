"""Chiffres: key figures, tables and server-drawn SVG charts with the same numbers as their table."""

import re
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.blocks.struct_block import StructBlockValidationError

from figures.blocks import DataTableBlock
from figures.charts import chart_svg, format_number, nice_step
from figures.models import FiguresPage
from pages.factories import DocumentFactory
from publications.factories import PublicationPageFactory
from publications.models import PublicationType

URL = "/ressources/chiffres/"
CHART = {
    "caption": "Personnes accompagnées",
    "category_header": "Année",
    "series": ["Accompagnées", "Orientées"],
    "rows": [{"label": "2022", "values": "1 046 ; 87,5"}, {"label": "2023", "values": "1 210 ; 90"}],
    "source": "Test",
    "chart_type": "bar",
    "description": "Le nombre augmente.",
}


def soup_of(client, url=URL):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.django_db
def test_seed_shows_the_two_real_key_figures(client):
    figures = soup_of(client).select(".key-figure")
    assert [f.select_one(".key-figure__number").get_text() for f in figures] == ["1 046", "5,29 %"]
    assert "personnes accompagnées par le CAI" in figures[0].get_text()
    assert "(2021 – source : CAIstiques" in figures[0].get_text(" ", strip=True)
    assert soup_of(client).select(".chart") == []


def add_blocks(*blocks):
    page = FiguresPage.objects.get()
    for block in blocks:
        page.body.append(block)
    page.save_revision().publish()
    return page


def svg_numbers(svg):
    return sorted(text.get_text() for text in svg.select("text.chart__value"))


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["bar", "line"])
def test_chart_svg_has_title_description_and_the_numbers_of_its_table(client, kind):
    add_blocks(("chart", {**CHART, "chart_type": kind}))
    figure = soup_of(client).select_one(".chart-figure")
    svgs = figure.find_all("svg")
    assert [svg["class"] for svg in svgs] == [["chart", "chart--wide"], ["chart", "chart--narrow"]]
    table_numbers = sorted(td.get_text() for td in figure.select("table td"))
    assert table_numbers == sorted(["1\xa0046", "87,5", "1\xa0210", "90"])
    for svg in svgs:
        assert svg["role"] == "img"
        title_id, desc_id = svg["aria-labelledby"].split()
        assert svg.find("title", id=title_id).get_text() == "Personnes accompagnées"
        assert svg.find("desc", id=desc_id).get_text().startswith("Le nombre augmente.")
        assert svg_numbers(svg) == table_numbers
        assert len(svg.select(".chart__bar" if kind == "bar" else "circle.chart__dot:not(.chart__key)")) == 4


@pytest.mark.django_db
def test_data_table_has_caption_and_headers(client):
    add_blocks(("data_table", {key: CHART[key] for key in ("caption", "category_header", "series", "rows", "source")}))
    table = soup_of(client).select_one("table.data-table")
    assert table.caption.get_text() == "Personnes accompagnées"
    assert [th.get_text() for th in table.select("thead th")] == ["Année", "Accompagnées", "Orientées"]
    assert [th.get_text() for th in table.select("tbody th[scope=row]")] == ["2022", "2023"]


def test_table_rows_must_have_one_number_per_column():
    block = DataTableBlock()
    value = block.to_python({**CHART, "rows": [{"label": "2022", "values": "12"}]})
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)
    assert "1 valeur(s) pour 2 colonne(s)" in str(error.value.block_errors["rows"])
    value = block.to_python({**CHART, "rows": [{"label": "2022", "values": "12 ; beaucoup"}]})
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)
    assert "chaque valeur doit être un nombre" in str(error.value.block_errors["rows"])


def test_axis_steps_and_french_numbers():
    assert nice_step(1046) == Decimal(250)
    assert nice_step(90) == Decimal(20)
    assert format_number(Decimal("5.29")) == "5,29"
    assert format_number(Decimal("1046")) == "1\xa0046"


def test_chart_text_is_escaped():
    svg = chart_svg("c", "bar", "<script>", "a & b", ["<b>"], [("x<y", [Decimal(1)])])
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "&lt;b&gt;" in svg
    assert re.search(r"<title id=\"c-wide-title\">&lt;script&gt;</title>", svg)
    assert re.search(r"<title id=\"c-narrow-title\">&lt;script&gt;</title>", svg)
    assert "x&lt;y" in svg and "<b>" not in svg


@pytest.mark.django_db
def test_yearly_reports_are_listed_with_their_documents(client):
    PublicationPageFactory(
        title="CAIstiques 2021",
        year=2021,
        publication_type__name="CAIstiques",
        documents=[DocumentFactory(title="CAIstiques 2021", size=500_000)],
    )
    PublicationPageFactory(title="Un guide", year=2021, publication_type__name="Guide")
    reports = soup_of(client).select(".reports li")
    assert len(reports) == 1
    assert "CAIstiques 2021" in reports[0].get_text() and "(PDF, 488,3 ko)" in reports[0].get_text()


@pytest.mark.django_db
def test_reports_stay_listed_when_editors_rename_their_publication_type(client):
    PublicationPageFactory(title="Rapport statistique 2022", year=2022, publication_type__name="CAIstiques")
    PublicationType.objects.filter(name="CAIstiques").update(name="Rapports statistiques", slug="rapports")
    reports = soup_of(client).select(".reports li")
    assert [li.find("a").get_text() for li in reports] == ["Rapport statistique 2022"]


@pytest.mark.django_db
def test_reports_of_another_type_can_be_chosen_on_the_page(client):
    PublicationPageFactory(title="Un guide", year=2021, publication_type__name="Guide")
    page = FiguresPage.objects.get()
    page.report_type = PublicationType.objects.get(name="Guide")
    page.save_revision().publish()
    assert [li.find("a").get_text() for li in soup_of(client).select(".reports li")] == ["Un guide"]


@pytest.mark.django_db
def test_query_cost_stays_the_same_with_more_figures(client):
    PublicationPageFactory(
        title="CAIstiques 2021", year=2021, publication_type__name="CAIstiques", documents=[DocumentFactory(title="C")]
    )
    add_blocks(("chart", CHART))
    client.get(URL)
    cache.clear()
    with CaptureQueriesContext(connection) as before:
        client.get(URL)
    blocks = [("key_figure", {"number": str(n), "label": "x", "year": 2020, "source": "s"}) for n in range(3)]
    add_blocks(*blocks, *[("chart", {**CHART, "caption": f"Graphique {n}"}) for n in range(3)])
    cache.clear()
    with CaptureQueriesContext(connection) as after:
        response = client.get(URL)
    assert response.content.decode().count('class="chart chart--wide"') == 4
    assert len(after) == len(before)
