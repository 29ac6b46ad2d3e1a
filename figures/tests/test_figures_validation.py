"""Tables and charts accept only numbers they can show, and a bad value already stored never breaks the page.

Hostile input: run on PostgreSQL as well as SQLite.
"""

from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from wagtail.blocks.struct_block import StructBlockValidationError

from figures.blocks import ChartBlock, DataTableBlock, parse_number
from figures.charts import chart_svg
from figures.models import FiguresPage

URL = "/ressources/chiffres/"
TABLE = {
    "caption": "Bénévoles et salariés",
    "category_header": "Année",
    "series": ["Salariés", "Bénévoles"],
    "rows": [{"label": "2022", "values": "12 ; 30"}, {"label": "2023", "values": "14 ; 35"}],
    "source": "Test",
}
CHART = {**TABLE, "chart_type": "bar", "description": "Le nombre augmente."}

REFUSED = [
    "NaN",
    "nan",
    "sNaN",
    "Infinity",
    "-Infinity",
    "inf",
    "1e400",
    "1E-999999",
    "1e3",
    "12.34567",
    "12,34567",
    "1000000000001",
    "-1000000000001",
    "1 000 000 000 000,5",
    "0x10",
    "+5",
    "1,046.5",
    "١٢",
    "beaucoup",
]
ACCEPTED = {
    "1 046": Decimal("1046"),
    "1\xa0046": Decimal("1046"),
    "1\u202f046": Decimal("1046"),
    "5,29": Decimal("5.29"),
    "1046.5": Decimal("1046.5"),
    "-3,5": Decimal("-3.5"),
    "0": Decimal("0"),
    "1000000000000": Decimal("1000000000000"),
    "1 000 000 000 000": Decimal("1000000000000"),
    "-1000000000000": Decimal("-1000000000000"),
    "0,0001": Decimal("0.0001"),
    "12,3456": Decimal("12.3456"),
}


def with_second_row(values, base=TABLE):
    return {**base, "rows": [base["rows"][0], {"label": "2023", "values": values}]}


def rows_error_messages(block, data):
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python(data))
    return error.value.block_errors["rows"].messages


@pytest.mark.parametrize("text", REFUSED)
def test_parse_number_refuses_what_a_table_cannot_show(text):
    assert parse_number(text) is None


@pytest.mark.parametrize(("text", "number"), ACCEPTED.items())
def test_parse_number_reads_french_numbers(text, number):
    assert parse_number(text) == number


@pytest.mark.parametrize("text", REFUSED)
@pytest.mark.parametrize("block", [DataTableBlock(), ChartBlock()], ids=["table", "chart"])
def test_refused_value_is_named_with_its_row_and_column(block, text):
    base = CHART if isinstance(block, ChartBlock) else TABLE
    [message] = rows_error_messages(block, with_second_row(f"14 ; {text}", base))
    assert message.startswith(f"Ligne 2 (2023), colonne « Bénévoles » : « {text} » n'est pas un nombre accepté")
    assert "au plus 4 décimales" in message and "1 000 000 000 000" in message


@pytest.mark.parametrize("text", ACCEPTED)
def test_accepted_values_pass_validation(text):
    block = DataTableBlock()
    value = block.clean(block.to_python(with_second_row(f"{text} ; {text}")))
    assert value["rows"][1]["values"] == f"{text} ; {text}"


def test_every_bad_cell_is_listed():
    data = {
        **TABLE,
        "rows": [
            {"label": "2021", "values": "NaN ; 3"},
            {"label": "2022", "values": "12"},
            {"label": "2023", "values": "1e3 ; Infinity"},
        ],
    }
    messages = rows_error_messages(DataTableBlock(), data)
    assert [message.split(" : ")[0] for message in messages] == [
        "Ligne 1 (2021), colonne « Salariés »",
        "Ligne 2 (2022)",
        "Ligne 3 (2023), colonne « Salariés »",
        "Ligne 3 (2023), colonne « Bénévoles »",
    ]


def test_a_huge_bad_value_is_shortened_in_the_message():
    data = {**TABLE, "series": ["Salariés"], "rows": [{"label": "2022", "values": "9" * 300}]}
    [message] = rows_error_messages(DataTableBlock(), data)
    assert len(message) < 400


@pytest.mark.parametrize("number", ["NaN", "Infinity", "1e400", "1E-999999", "12.34567"])
def test_chart_svg_refuses_numbers_it_cannot_draw(number):
    with pytest.raises(ValueError, match="finite numbers"):
        chart_svg("c", "bar", "Titre", "Description", ["2022"], [("Série", [Decimal(number)])])


def publish_stored(*blocks):
    """Write blocks to the Chiffres page without validation, as data saved before it or through the shell."""
    page = FiguresPage.objects.get()
    for block in blocks:
        page.body.append(block)
    page.save_revision(clean=False).publish()


def get_page(client):
    response = client.get(URL)
    assert response.status_code == 200
    return response, BeautifulSoup(response.content, "html.parser")


@pytest.mark.django_db
@pytest.mark.parametrize("text", ["NaN", "-Infinity", "1e400", "1E-999999", "12,34567", "1000000000001", "beaucoup"])
def test_stored_bad_value_leaves_the_chart_out_and_shows_the_raw_text_in_the_table(client, text):
    publish_stored(("chart", with_second_row(f"14 ; {text}", CHART)))
    response, soup = get_page(client)
    assert len(response.content) < 100_000
    figure = soup.select_one(".chart-figure")
    assert figure.find("svg") is None
    assert "Graphique indisponible" in figure.get_text()
    assert [td.get_text() for td in figure.select("table td")] == ["12", "30", "14", text]


@pytest.mark.django_db
@pytest.mark.parametrize("text", ["NaN", "1E-999999", "<script>alert(1)</script>"])
def test_stored_bad_value_in_a_data_table_shows_its_escaped_raw_text(client, text):
    publish_stored(("data_table", with_second_row(f"14 ; {text}")))
    response, soup = get_page(client)
    assert len(response.content) < 100_000
    assert b"<script>alert" not in response.content
    assert [td.get_text() for td in soup.select("table.data-table td")] == ["12", "30", "14", text]


@pytest.mark.django_db
def test_stored_row_with_too_few_or_too_many_values_still_renders(client):
    publish_stored(
        ("chart", {**CHART, "rows": [{"label": "2022", "values": "12"}, {"label": "2023", "values": "1 ; 2 ; 3"}]}),
        ("data_table", {**TABLE, "rows": [{"label": "2022", "values": ""}]}),
    )
    _response, soup = get_page(client)
    assert soup.select_one(".chart-figure svg") is None
    tables = soup.select("table.data-table")
    assert [td.get_text() for td in tables[0].select("td")] == ["12", "", "1", "2", "3"]
    assert [td.get_text() for td in tables[1].select("td")] == ["", ""]


@pytest.mark.django_db
def test_a_bad_chart_does_not_hide_a_good_one(client):
    publish_stored(("chart", with_second_row("14 ; NaN", CHART)), ("chart", {**CHART, "caption": "Bon graphique"}))
    _response, soup = get_page(client)
    figures = soup.select(".chart-figure")
    assert [figure.find("svg") is not None for figure in figures] == [False, True]
