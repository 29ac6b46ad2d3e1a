"""Blocks of the Chiffres page: key figures, data tables and charts drawn from a table's data."""

import hashlib
import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from pages.blocks import BodyStreamBlock

from .charts import MAX_ABSOLUTE, MAX_DECIMALS, chart_svg, format_number


class KeyFigureBlock(blocks.StructBlock):
    number = blocks.CharBlock(
        label="Chiffre", max_length=30, help_text="Tel qu'il doit s'afficher, ex. « 1 046 » ou « 5,29 % »."
    )
    label = blocks.CharBlock(label="Ce que mesure le chiffre", max_length=200)
    year = blocks.IntegerBlock(label="Année", min_value=1900, max_value=2100)
    source = blocks.CharBlock(label="Source", max_length=200)

    class Meta:
        icon = "order"
        label = "Chiffre clé"
        template = "figures/blocks/key_figure_block.html"


# Digits, at most 4 decimals after a comma or a point, an optional leading minus: no exponent, no NaN, no Infinity.
NUMBER = re.compile(rf"-?[0-9]+(?:[.,][0-9]{{1,{MAX_DECIMALS}}})?")
SPACES = str.maketrans("", "", " \xa0\u202f")  # thousands separators: space, no-break and narrow no-break spaces
LIMIT = f"{MAX_ABSOLUTE:,}".replace(",", " ")
NUMBER_RULE = (
    f"chaque valeur doit être un nombre (fini, au plus {MAX_DECIMALS} décimales, jusqu'à {LIMIT} en valeur "
    "absolue), ex. « 1 046 » ou « -5,29 »"
)


def parse_number(text):
    """ "1 046", "5,29" or "1046.5" as a Decimal; None if it is not a number that a table and a chart can show."""
    cleaned = str(text).translate(SPACES)
    if not NUMBER.fullmatch(cleaned):
        return None
    number = Decimal(cleaned.replace(",", "."))
    return number if abs(number) <= MAX_ABSOLUTE else None


def split_cells(values):
    return [cell.strip() for cell in values.split(";")]


class DataRowBlock(blocks.StructBlock):
    label = blocks.CharBlock(label="Libellé de la ligne", max_length=100, help_text="Ex. une année ou une commune.")
    values = blocks.CharBlock(
        label="Valeurs",
        max_length=300,
        help_text="Une valeur par colonne, séparées par des points-virgules. Ex. « 1 046 ; 987 ».",
    )


class DataTableBlock(blocks.StructBlock):
    caption = blocks.CharBlock(label="Titre du tableau", max_length=200)
    category_header = blocks.CharBlock(label="En-tête de la première colonne", max_length=100, help_text="Ex. Année")
    series = blocks.ListBlock(
        blocks.CharBlock(max_length=100), label="En-têtes des colonnes de valeurs", min_num=1, max_num=4
    )
    rows = blocks.ListBlock(DataRowBlock(), label="Lignes", min_num=1)
    source = blocks.CharBlock(label="Source", max_length=200, required=False)

    class Meta:
        icon = "table"
        label = "Tableau de données"
        template = "figures/blocks/data_table_block.html"

    def clean(self, value):
        value = super().clean(value)
        errors = [message for n, row in enumerate(value["rows"], start=1) for message in row_errors(n, row, value)]
        if errors:
            raise StructBlockValidationError(block_errors={"rows": ValidationError(errors)})
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["table"] = table_data(value)
        return context


def row_errors(number, row, value):
    """French messages for one row of a table: wrong number of values, or values that are not accepted numbers."""
    name = f"Ligne {number} ({row['label']})" if row["label"] else f"Ligne {number}"
    cells, headers = split_cells(row["values"]), value["series"]
    if len(cells) != len(headers):
        return [f"{name} : {len(cells)} valeur(s) pour {len(headers)} colonne(s) de valeurs."]
    return [
        f"{name}, colonne « {header} » : « {Truncator(cell).chars(40)} » n'est pas un nombre accepté ; {NUMBER_RULE}."
        for header, cell in zip(headers, cells, strict=True)
        if parse_number(cell) is None
    ]


def table_data(value):
    """Rows as (label, [formatted numbers]) and series as (name, [numbers]) for the chart.

    Data stored without validation (before it existed, or through the shell) must still render: a cell that is not
    an accepted number shows its raw text in the table and None in its series, a missing cell shows as empty, and
    ``complete`` is False, which leaves the chart out.
    """
    columns = len(value["series"])
    texts = [split_cells(row["values"]) for row in value["rows"]]
    texts = [cells + [""] * (columns - len(cells)) for cells in texts]
    numbers = [[parse_number(cell) for cell in cells] for cells in texts]
    return {
        "rows": [
            (row["label"], [cell if n is None else format_number(n) for cell, n in zip(cells, ns, strict=True)])
            for row, cells, ns in zip(value["rows"], texts, numbers, strict=True)
        ],
        "categories": [row["label"] for row in value["rows"]],
        "series": [(name, [cells[index] for cells in numbers]) for index, name in enumerate(value["series"])],
        "complete": all(len(cells) == columns and None not in cells for cells in numbers),
    }


class ChartType(models.TextChoices):
    BAR = "bar", "Barres"
    LINE = "line", "Courbe"


class ChartBlock(DataTableBlock):
    chart_type = blocks.ChoiceBlock(label="Type de graphique", choices=ChartType.choices, default=ChartType.BAR)
    description = blocks.TextBlock(
        label="Ce que montre le graphique",
        help_text="Une ou deux phrases lues par les lecteurs d'écran : ce que le graphique permet de voir (la "
        "tendance, la plus grande et la plus petite valeur), avec les chiffres du tableau.",
    )

    class Meta:
        icon = "chart"
        label = "Graphique (avec son tableau)"
        template = "figures/blocks/chart_block.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        table = context["table"]
        key = "|".join([value["caption"], *table["categories"]]).encode()
        chart_id = f"graphique-{hashlib.sha1(key, usedforsecurity=False).hexdigest()[:8]}"
        context["chart_id"] = chart_id
        if not table["complete"]:
            context["svg"] = None  # the template says so; the table below shows the stored values
            return context
        context["svg"] = mark_safe(  # noqa: S308 — every text in it is escaped by chart_svg
            chart_svg(
                chart_id,
                value["chart_type"],
                value["caption"],
                f"{value['description']} Les valeurs sont reprises dans le tableau qui suit.",
                table["categories"],
                table["series"],
            )
        )
        return context


class FiguresStreamBlock(BodyStreamBlock):
    key_figure = KeyFigureBlock()
    data_table = DataTableBlock()
    chart = ChartBlock()

    class Meta:
        label = "Contenu"
