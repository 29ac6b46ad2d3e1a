"""Blocks of the Chiffres page: key figures, data tables and charts drawn from a table's data."""

import hashlib
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.safestring import mark_safe
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from pages.blocks import BodyStreamBlock

from .charts import chart_svg, format_number


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


def parse_number(text):
    """ "1 046", "5,29" or "1046.5" as a Decimal; None if it is not a number."""
    cleaned = str(text).replace("\u202f", "").replace("\xa0", "").replace(" ", "").replace(",", ".")
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return None


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
        columns = len(value["series"])
        for number, row in enumerate(value["rows"], start=1):
            cells = [cell.strip() for cell in row["values"].split(";")]
            if len(cells) != columns:
                raise StructBlockValidationError(
                    block_errors={
                        "rows": ValidationError(
                            f"Ligne {number} : {len(cells)} valeur(s) pour {columns} colonne(s) de valeurs."
                        )
                    }
                )
            if any(parse_number(cell) is None for cell in cells):
                raise StructBlockValidationError(
                    block_errors={"rows": ValidationError(f"Ligne {number} : chaque valeur doit être un nombre.")}
                )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["table"] = table_data(value)
        return context


def table_data(value):
    """Rows as (label, [formatted numbers]) and series as (name, [numbers]) for the chart."""
    numbers = [[parse_number(cell.strip()) for cell in row["values"].split(";")] for row in value["rows"]]
    return {
        "rows": [
            (row["label"], [format_number(n) for n in cells]) for row, cells in zip(value["rows"], numbers, strict=True)
        ],
        "categories": [row["label"] for row in value["rows"]],
        "series": [(name, [cells[index] for cells in numbers]) for index, name in enumerate(value["series"])],
    }


class ChartType(models.TextChoices):
    BAR = "bar", "Barres"
    LINE = "line", "Courbe"


class ChartBlock(DataTableBlock):
    chart_type = blocks.ChoiceBlock(label="Type de graphique", choices=ChartType.choices, default=ChartType.BAR)
    description = blocks.TextBlock(
        label="Ce que montre le graphique",
        help_text="Une ou deux phrases lues par les lecteurs d'écran, ex. « Le nombre de personnes accompagnées "
        "augmente chaque année depuis 2018. »",
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
