"""Import of the directory from a CSV file: every row is checked first, then the good rows are written at once.

The ``import_directory`` command is a thin layer over ``import_csv``; the tests call this module directly.
Rows are matched on their ``id`` column: a new id creates an entry, a known one updates it when something changed
and leaves it untouched otherwise. Entries missing from the file are kept.
"""

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction

from pages.spreadsheets import FORMULA_STARTS
from thematiques.models import ThematiquePage

from .columns import COLUMNS, FIELD_COLUMNS
from .models import KEY_PATTERN, LATITUDE_RANGE, LONGITUDE_RANGE, DirectoryEntry, FreeOfCharge, validate_phone

SAMPLE_FILE = Path(__file__).resolve().parent / "data" / "exemple-repertoire.csv"
PROGRESS_EVERY = 500
HEADER_ALIASES = {"e_mail": "email", "courriel": "email", "site": "site_web", "identifiant": "id"}
FREE_VALUES = {
    "": FreeOfCharge.UNKNOWN,
    "non precise": FreeOfCharge.UNKNOWN,
    "oui": FreeOfCharge.YES,
    "gratuit": FreeOfCharge.YES,
    "non": FreeOfCharge.NO,
    "payant": FreeOfCharge.NO,
}
COORDINATE_PLACES = Decimal("0.000001")
URL_VALIDATOR = URLValidator(schemes=["http", "https"], message="adresse « %(value)s » non valide (https://…)")


class ImportFileError(Exception):
    """The file as a whole cannot be read (encoding, empty, header): a French message for the person importing."""


class InvalidRowsError(Exception):
    """Some rows are not valid and ``skip_invalid`` was not given: nothing was imported."""

    def __init__(self, report):
        self.report = report
        super().__init__(
            f"{len(report.invalid)} ligne(s) non valide(s) : rien n'a été importé. Corrigez-les, ou relancez avec "
            f"--skip-invalid pour importer seulement les {len(report.valid)} ligne(s) valide(s)."
        )


@dataclass
class Row:
    """One data row of the file, checked: its values by model field, or the reasons it is refused."""

    line: int
    key: str = ""
    values: dict = field(default_factory=dict)
    theme_ids: frozenset = frozenset()
    errors: list = field(default_factory=list)

    def __str__(self):
        return f"Ligne {self.line} : {' ; '.join(self.errors)}"


@dataclass
class ImportReport:
    rows: list = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    dry_run: bool = False

    @property
    def valid(self):
        return [row for row in self.rows if not row.errors]

    @property
    def invalid(self):
        return [row for row in self.rows if row.errors]

    def summary(self):
        verb = "Simulation (rien n'a été enregistré)" if self.dry_run else "Importation terminée"
        text = f"{verb} : {self.created} créé(s), {self.updated} mis à jour, {self.unchanged} inchangé(s)"
        if self.invalid:
            text += f", {len(self.invalid)} ligne(s) non valide(s) ignorée(s)"
        return text + "."


def plain(text):
    """Lower case without accents, spaces and hyphens as "_": how header names and choices are compared."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().strip().lower()
    return re.sub(r"[\s-]+", "_", text)


# Reading the file


def decode(data):
    try:
        text = data.decode("utf-8-sig")  # with or without a byte order mark
    except UnicodeDecodeError as error:
        raise ImportFileError(
            f"Le fichier n'est pas encodé en UTF-8 (octet non valide à la position {error.start}). Dans Excel, "
            "enregistrez-le au format « CSV UTF-8 (délimité par des virgules) »."
        ) from None
    if not text.strip():
        raise ImportFileError("Le fichier est vide.")
    return text


def delimiter_of(text):
    """ ";" or ",", whichever the header line has more of.

    Counting in the header is more reliable than csv.Sniffer, which looks at the free text of the rows too.
    """
    header = text.lstrip().splitlines()[0]
    return ";" if header.count(";") > header.count(",") else ","


def header_columns(cells):
    columns = []
    for cell in cells:
        name = plain(cell)
        name = HEADER_ALIASES.get(name, name)
        if name in COLUMNS and name in columns:
            raise ImportFileError(f"La colonne « {name} » apparaît deux fois dans l'en-tête.")
        columns.append(name)
    missing = [column for column in COLUMNS if column not in columns]
    if missing:
        raise ImportFileError(
            f"Colonnes manquantes dans l'en-tête (première ligne) : {', '.join(missing)}. "
            f"Colonnes attendues : {', '.join(COLUMNS)}."
        )
    return columns


def unneutralise(cell):
    """Drop the quote that the CSV export puts before a formula character (``exports.neutralise``)."""
    if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS):
        return cell[1:]
    return cell


def read_rows(data):
    """The header's columns and each data row as (line number, {column: text}); blank rows are left out."""
    text = decode(data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter_of(text))
    try:
        columns = header_columns(next(reader))
        rows = []
        line = reader.line_num + 1
        for cells in reader:
            if any(cell.strip() for cell in cells):
                if len(cells) > len(columns):
                    rows.append((line, None, f"{len(cells)} valeurs pour {len(columns)} colonnes"))
                else:
                    cells = [unneutralise(cell.strip()) for cell in cells] + [""] * (len(columns) - len(cells))
                    rows.append((line, dict(zip(columns, cells, strict=True)), None))
            line = reader.line_num + 1
    except csv.Error as error:
        raise ImportFileError(f"Le fichier n'est pas un CSV lisible (ligne {reader.line_num}) : {error}.") from None
    if not rows:
        raise ImportFileError("Le fichier ne contient aucune ligne de données sous l'en-tête.")
    return columns, rows


# Checking the rows


class RowChecker:
    """Turns the text of each row into model values, collecting every reason to refuse it, in French."""

    def __init__(self):
        self.themes = dict(ThematiquePage.objects.values_list("slug", "pk"))
        self.lines_of_keys = {}
        self.max_lengths = {
            field.name: field.max_length
            for field in DirectoryEntry._meta.get_fields()
            if getattr(field, "max_length", None) and field.name in FIELD_COLUMNS
        }

    def check(self, line, cells):
        row = Row(line=line)
        self.check_characters(row, cells)
        self.check_lengths(row, cells)
        row.key = self.check_key(row, cells["id"])
        values = {
            "key": row.key,
            "name": self.required(row, cells["nom"], "nom"),
            "description": cells["description"],
            "commune": cells["commune"],
            "street": cells["adresse"],
            "postal_code": self.checked(row, cells["code_postal"], "code_postal", r"\d{4}", "quatre chiffres"),
            "phone": self.validated(row, cells["telephone"], "telephone", validate_phone),
            "email": self.validated(row, cells["email"], "email", EmailValidator("adresse « %(value)s » non valide")),
            "website": self.validated(row, cells["site_web"], "site_web", URL_VALIDATOR),
            "hours": cells["horaires"],
            "languages": ", ".join(part.strip() for part in cells["langues"].split(",") if part.strip()),
            "free_of_charge": self.free_of_charge(row, cells["gratuit"]),
        }
        values["latitude"], values["longitude"] = self.coordinates(row, cells["latitude"], cells["longitude"])
        row.theme_ids = self.theme_ids(row, cells["thematiques"])
        if not row.errors:  # the model's own rules, in case one was not checked above
            try:
                DirectoryEntry(**values).full_clean(validate_unique=False, validate_constraints=False)
            except ValidationError as error:
                for name, messages in error.message_dict.items():
                    row.errors.extend(f"{FIELD_COLUMNS.get(name, name)} : {message}" for message in messages)
        row.values = values
        return row

    @staticmethod
    def check_characters(row, cells):
        """No control character but line breaks and tabs (PostgreSQL refuses a NUL byte outright)."""
        for column, value in cells.items():
            if column in COLUMNS and any(
                unicodedata.category(character) == "Cc" and character not in "\n\r\t" for character in value
            ):
                row.errors.append(f"{column} : caractère de contrôle non accepté")

    def check_lengths(self, row, cells):
        for name, max_length in self.max_lengths.items():
            value = cells[FIELD_COLUMNS[name]]
            if len(value) > max_length:
                row.errors.append(f"{FIELD_COLUMNS[name]} trop long ({len(value)} caractères, {max_length} au plus)")

    def check_key(self, row, key):
        if not key:
            row.errors.append("identifiant (colonne id) manquant")
        elif not re.match(KEY_PATTERN, key):
            row.errors.append(
                f"identifiant « {key} » non valide : lettres sans accents, chiffres, « . », « - » et « _ » seulement"
            )
        elif key in self.lines_of_keys:
            row.errors.append(f"identifiant « {key} » déjà utilisé à la ligne {self.lines_of_keys[key]}")
        else:
            self.lines_of_keys[key] = row.line
        return key

    @staticmethod
    def required(row, value, column):
        if not value:
            row.errors.append(f"{column} manquant")
        return value

    @staticmethod
    def checked(row, value, column, pattern, expected):
        if value and not re.fullmatch(pattern, value):
            row.errors.append(f"{column} « {value} » non valide : {expected}")
        return value

    @staticmethod
    def validated(row, value, column, validator):
        if value:
            try:
                validator(value)
            except ValidationError as error:
                row.errors.extend(f"{column} : {message}" for message in error.messages)
        return value

    @staticmethod
    def free_of_charge(row, value):
        choice = FREE_VALUES.get(plain(value).replace("_", " "))
        if choice is None:
            row.errors.append(f"valeur « {value} » inconnue pour gratuit : oui, non ou vide (non précisé)")
            return FreeOfCharge.UNKNOWN
        return choice

    def coordinates(self, row, latitude, longitude):
        if bool(latitude) != bool(longitude):
            row.errors.append("latitude et longitude : indiquez les deux, ou aucune")
            return None, None
        return (
            self.coordinate(row, latitude, "latitude", LATITUDE_RANGE),
            self.coordinate(row, longitude, "longitude", LONGITUDE_RANGE),
        )

    @staticmethod
    def coordinate(row, text, column, bounds):
        if not text:
            return None
        try:
            value = Decimal(text.replace(",", "."))  # "50,4669" as well as "50.4669"
        except InvalidOperation:
            value = None
        if value is None or not value.is_finite():
            row.errors.append(f"{column} « {text} » n'est pas un nombre")
            return None
        if not bounds[0] <= value <= bounds[1]:
            row.errors.append(f"{column} {text} hors limites (entre {bounds[0]} et {bounds[1]})")
            return None
        return value.quantize(COORDINATE_PLACES, rounding=ROUND_HALF_UP)

    def theme_ids(self, row, text):
        slugs = [slug.strip().lower() for slug in re.split(r"[|,]", text) if slug.strip()]
        unknown = [slug for slug in slugs if slug not in self.themes]
        if unknown:
            row.errors.append(f"thématique inconnue : {', '.join(f'« {slug} »' for slug in unknown)}")
        return frozenset(self.themes[slug] for slug in slugs if slug in self.themes)


def check_rows(data, progress=None):
    """Every data row of the file, checked (``Row.errors`` says why a row is refused)."""
    _columns, raw_rows = read_rows(data)
    checker = RowChecker()
    rows = []
    for number, (line, cells, problem) in enumerate(raw_rows, start=1):
        rows.append(Row(line=line, errors=[problem]) if problem else checker.check(line, cells))
        if progress and number % PROGRESS_EVERY == 0:
            progress("vérifiées", number, len(raw_rows))
    return rows


# Writing


def differs(entry, row, theme_ids):
    return any(getattr(entry, name) != value for name, value in row.values.items()) or theme_ids != row.theme_ids


def write_rows(report, progress=None):
    """Create or update the valid rows, or count what would change (``report.dry_run``)."""
    rows = report.valid
    existing = {entry.key: entry for entry in DirectoryEntry.objects.filter(key__in=[row.key for row in rows])}
    through = DirectoryEntry.thematiques.through
    themes_of = {}
    for entry_id, theme_id in through.objects.filter(directoryentry__in=existing.values()).values_list(
        "directoryentry_id", "thematiquepage_id"
    ):
        themes_of.setdefault(entry_id, set()).add(theme_id)
    for number, row in enumerate(rows, start=1):
        entry = existing.get(row.key)
        if entry is None:
            report.created += 1
            entry = DirectoryEntry(**row.values)
        elif differs(entry, row, frozenset(themes_of.get(entry.pk, ()))):
            report.updated += 1
            for name, value in row.values.items():
                setattr(entry, name, value)
        else:
            report.unchanged += 1
            entry = None
        if entry is not None and not report.dry_run:
            entry.save()
            entry.thematiques.set(row.theme_ids)
        if progress and number % PROGRESS_EVERY == 0:
            progress("importées", number, len(rows))


def import_csv(data, skip_invalid=False, dry_run=False, progress=None):
    """Import the CSV ``data`` (bytes); returns an ``ImportReport``.

    Raises ``ImportFileError`` for a file that cannot be read, and ``InvalidRowsError`` (nothing imported) when a
    row is not valid, unless ``skip_invalid``. ``progress(stage, done, total)`` is called every 500 rows.
    """
    report = ImportReport(rows=check_rows(data, progress), dry_run=dry_run)
    if report.invalid and not skip_invalid:
        raise InvalidRowsError(report)
    with transaction.atomic():
        write_rows(report, progress)
    return report


def import_sample():
    """Import the fictitious sample directory (``data/exemple-repertoire.csv``), e.g. for ``seed_site --demo``."""
    return import_csv(SAMPLE_FILE.read_bytes())
