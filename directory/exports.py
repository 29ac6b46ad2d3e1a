"""Exports of the directory for partners: CSV for spreadsheets, JSON for programs, with the page's filters."""

import csv
import io
import json
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone

from pages.spreadsheets import neutralise

from .columns import COLUMNS, THEMATIQUE_SEPARATOR, entry_values

# A spreadsheet runs a cell that starts with one of these as a formula ("CSV injection").


def csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, list):
        return neutralise(THEMATIQUE_SEPARATOR.join(value))
    if isinstance(value, Decimal):
        return neutralise(f"{value:f}".replace(".", ","))  # a decimal comma, as Belgian spreadsheets read numbers
    return neutralise(str(value))


def csv_text(entries):
    """UTF-8 text with a BOM and ";" between cells, which Excel set up for Belgium opens as it is."""
    output = io.StringIO()
    output.write("\ufeff")
    writer = csv.writer(output, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for entry in entries:
        writer.writerow([csv_cell(value) for value in entry_values(entry).values()])
    return output.getvalue()


def json_data(entries):
    """A list of objects with the CSV's columns: thématiques as a list of slugs, coordinates as numbers."""
    rows = []
    for entry in entries:
        values = entry_values(entry)
        for column in ("latitude", "longitude"):
            values[column] = float(values[column]) if values[column] is not None else None
        rows.append(values)
    return rows


def filename(extension):
    return f"repertoire-des-services-{timezone.localdate():%Y-%m-%d}.{extension}"


def attachment(content, content_type, extension):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename(extension)}"'
    return response


def csv_response(entries):
    return attachment(csv_text(entries).encode("utf-8"), "text/csv; charset=utf-8", "csv")


def json_response(entries):
    content = json.dumps(json_data(entries), ensure_ascii=False, indent=2)
    return attachment(content.encode("utf-8"), "application/json; charset=utf-8", "json")
