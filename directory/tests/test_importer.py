"""The CSV import: the sample file, every reason to refuse a row, all-or-nothing, idempotence, file formats."""

import csv
import io
import re
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory import importer
from directory.columns import COLUMNS
from directory.exports import csv_text
from directory.factories import DirectoryEntryFactory
from directory.importer import (
    SAMPLE_FILE,
    ImportFileError,
    InvalidRowsError,
    check_rows,
    import_csv,
    import_sample,
)
from directory.models import DirectoryEntry, FreeOfCharge
from thematiques.factories import theme

pytestmark = pytest.mark.django_db

GOOD = {
    "id": "exemple-1",
    "nom": "Exemple : permanence juridique",
    "description": "Un service fictif.",
    "thematiques": "sociojuridique|asile",
    "commune": "Namur",
    "adresse": "Rue de l'Exemple 1",
    "code_postal": "5000",
    "latitude": "50,4669",
    "longitude": "4,8675",
    "telephone": "081 00 00 00",
    "email": "contact@example.org",
    "site_web": "https://example.org/juridique",
    "horaires": "Mardi, 9 h – 12 h",
    "langues": "français,anglais",
    "gratuit": "oui",
}


def row(number=1, **changes):
    return {**GOOD, "id": f"exemple-{number}", "nom": f"Exemple : service {number}", **changes}


def csv_bytes(rows, delimiter=";", bom=False, columns=None):
    output = io.StringIO()
    writer = csv.DictWriter(output, fieldnames=columns or list(COLUMNS), delimiter=delimiter, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return ("\ufeff" if bom else "").encode() + output.getvalue().encode("utf-8")


def entry(key="exemple-1"):
    return DirectoryEntry.objects.get(key=key)


# The sample file


def test_the_sample_file_imports_30_fictitious_entries_in_the_province_then_changes_nothing():
    report = import_sample()
    assert report.created >= 30 and report.invalid == []
    entries = DirectoryEntry.objects.all()
    assert entries.count() == report.created
    for item in entries:
        assert "Exemple" in item.name
        assert item.phone == ""
        assert item.email == "" or item.email.endswith("@example.org")
        assert item.website.startswith("https://example.org/")
        if item.latitude is not None:
            assert Decimal("49.95") <= item.latitude <= Decimal("50.65")
            assert Decimal("4.3") <= item.longitude <= Decimal("5.4")
        assert item.thematiques.exists()
    again = import_sample()
    assert (again.created, again.updated, again.unchanged) == (0, 0, report.created)


def test_the_sample_file_has_a_bom_and_semicolons_like_the_export():
    data = SAMPLE_FILE.read_bytes()
    assert data.startswith("\ufeff".encode())
    assert data.decode("utf-8-sig").splitlines()[0] == ";".join(COLUMNS)


# A good file


def test_a_good_row_is_imported_with_every_field():
    report = import_csv(csv_bytes([GOOD]))
    assert (report.created, report.updated, report.unchanged) == (1, 0, 0)
    item = entry()
    assert item.name == "Exemple : permanence juridique"
    assert item.latitude == Decimal("50.466900") and item.longitude == Decimal("4.867500")
    assert item.postal_code == "5000" and item.street == "Rue de l'Exemple 1"
    assert item.phone == "081 00 00 00" and item.email == "contact@example.org"
    assert item.languages == "français, anglais"
    assert item.free_of_charge == FreeOfCharge.YES
    assert {theme.slug for theme in item.thematiques.all()} == {"sociojuridique", "asile"}


@pytest.mark.parametrize("bom", [True, False], ids=["bom", "no-bom"])
@pytest.mark.parametrize("delimiter", [";", ","])
def test_utf8_with_or_without_bom_and_either_delimiter(bom, delimiter):
    rows = [row(1, description="Accueil, écoute ; orientation"), row(2, commune="Éghezée", thematiques="sante,mena")]
    report = import_csv(csv_bytes(rows, delimiter=delimiter, bom=bom))
    assert report.created == 2
    assert entry("exemple-1").description == "Accueil, écoute ; orientation"
    assert entry("exemple-2").commune == "Éghezée"
    assert {theme.slug for theme in entry("exemple-2").thematiques.all()} == {"sante", "mena"}


@pytest.mark.parametrize(
    "latitude, longitude", [("50,4669", "4,8675"), ("50.4669", "4.8675"), (" 50,46690 ", "4,867500")]
)
def test_coordinates_with_a_decimal_comma_or_point(latitude, longitude):
    import_csv(csv_bytes([row(1, latitude=latitude, longitude=longitude)]))
    assert (entry().latitude, entry().longitude) == (Decimal("50.4669"), Decimal("4.8675"))


def test_header_names_ignore_case_accents_and_spaces():
    header = ["ID", "Nom", "Description", "Thématiques", "Commune", "Adresse", "Code postal", "Latitude"]
    header += ["Longitude", "Téléphone", "E-mail", "Site web", "Horaires", "Langues", "Gratuit", "Remarque"]
    text = ";".join(header) + "\n" + ";".join([*GOOD.values(), "une colonne en plus, ignorée"]) + "\n"
    assert import_csv(text.encode()).created == 1


def test_blank_lines_are_skipped_and_line_numbers_count_them():
    second_row = csv_bytes([row(2, email="pas-un-email")]).decode().split("\n", 1)[1]
    text = csv_bytes([row(1)]).decode() + "\n;;;\n" + second_row
    rows = check_rows(text.encode())
    assert [item.line for item in rows] == [2, 5]
    assert str(rows[1]).startswith("Ligne 5 : email")


def test_a_value_spread_over_several_lines_gives_the_line_where_its_row_starts():
    data = csv_bytes([row(1, horaires="Lundi\nMardi\nMercredi"), row(2, email="x")])
    assert [item.line for item in check_rows(data)] == [2, 5]


# Bad rows: each reason, with its line number


@pytest.mark.parametrize(
    "changes, reason",
    [
        ({"nom": ""}, "nom manquant"),
        ({"id": ""}, "identifiant (colonne id) manquant"),
        ({"id": "avec espace"}, "identifiant « avec espace » non valide"),
        ({"email": "contact@"}, "email : adresse « contact@ » non valide"),
        ({"site_web": "example.org/sans-protocole"}, "site_web : adresse « example.org/sans-protocole » non valide"),
        ({"site_web": "javascript:alert(1)"}, "site_web : adresse"),
        ({"latitude": "95", "longitude": "4.8"}, "latitude 95 hors limites"),
        ({"latitude": "50.4", "longitude": "-181"}, "longitude -181 hors limites"),
        ({"latitude": "50,4669", "longitude": ""}, "indiquez les deux, ou aucune"),
        ({"latitude": "", "longitude": "4,8675"}, "indiquez les deux, ou aucune"),
        ({"latitude": "nord", "longitude": "4.8"}, "latitude « nord » n'est pas un nombre"),
        ({"latitude": "NaN", "longitude": "4.8"}, "latitude « NaN » n'est pas un nombre"),
        ({"thematiques": "sante|inconnue"}, "thématique inconnue : « inconnue »"),
        ({"gratuit": "peut-être"}, "valeur « peut-être » inconnue pour gratuit"),
        ({"nom": "E" * 240}, "nom trop long (240 caractères, 200 au plus)"),
        ({"description": "x" * 1001}, "description trop long (1001 caractères, 1000 au plus)"),
        ({"code_postal": "B-5000"}, "code_postal « B-5000 » non valide"),
        ({"telephone": "numéro à venir"}, "telephone : « numéro à venir » n'est pas un numéro de téléphone"),
        ({"telephone": "081 00 00 00 ; 12"}, "telephone : « 12 » n'est pas un numéro"),
        ({"description": "nul\x00byte"}, "description : caractère de contrôle non accepté"),
        ({"nom": "Exemple\x1b[31m"}, "nom : caractère de contrôle non accepté"),
    ],
)
def test_a_bad_row_is_refused_with_its_line_number_and_the_reason_in_french(changes, reason):
    rows = check_rows(csv_bytes([row(1), row(2, **changes)]))
    assert rows[0].errors == []
    assert rows[1].line == 3
    assert reason in str(rows[1]), str(rows[1])
    assert str(rows[1]).startswith("Ligne 3 : ")


def test_a_file_with_a_nul_byte_is_refused_row_by_row_not_with_a_database_error():
    data = csv_bytes([row(1), row(2, description="\x00")])
    with pytest.raises(InvalidRowsError):
        import_csv(data)
    assert import_csv(data, skip_invalid=True).created == 1


def test_a_duplicate_id_names_the_line_that_used_it_first():
    rows = check_rows(csv_bytes([row(1), row(2), row(1, nom="Exemple : doublon")]))
    assert str(rows[2]) == "Ligne 4 : identifiant « exemple-1 » déjà utilisé à la ligne 2"


def test_a_row_with_too_many_values_is_refused():
    text = csv_bytes([row(1)]).decode() + ";".join([*row(2).values(), "en trop"]) + "\n"
    assert str(check_rows(text.encode())[1]) == "Ligne 3 : 16 valeurs pour 15 colonnes"


def test_every_reason_of_a_row_is_given_at_once():
    rows = check_rows(csv_bytes([row(1, nom="", email="x", gratuit="?")]))
    assert len(rows[0].errors) == 3


# All or nothing, --skip-invalid, --dry-run


def test_by_default_one_bad_row_imports_nothing():
    with pytest.raises(InvalidRowsError) as raised:
        import_csv(csv_bytes([row(1), row(2, email="x"), row(3)]))
    assert "1 ligne(s) non valide(s) : rien n'a été importé" in str(raised.value)
    assert not DirectoryEntry.objects.exists()


def test_skip_invalid_imports_the_good_rows_only():
    report = import_csv(csv_bytes([row(1), row(2, email="x"), row(3)]), skip_invalid=True)
    assert (report.created, len(report.invalid)) == (2, 1)
    assert sorted(DirectoryEntry.objects.values_list("key", flat=True)) == ["exemple-1", "exemple-3"]


def test_dry_run_counts_without_writing():
    DirectoryEntryFactory(key="exemple-1", name="Exemple : ancien nom")
    report = import_csv(csv_bytes([row(1), row(2)]), dry_run=True)
    assert (report.created, report.updated, report.unchanged) == (1, 1, 0)
    assert list(DirectoryEntry.objects.values_list("key", "name")) == [("exemple-1", "Exemple : ancien nom")]


def test_the_import_is_atomic(monkeypatch):
    saved = []

    def failing_save(self, *args, **kwargs):
        if saved:
            raise RuntimeError("the database went away")
        saved.append(self)
        original_save(self, *args, **kwargs)

    original_save = DirectoryEntry.save
    monkeypatch.setattr(DirectoryEntry, "save", failing_save)
    with pytest.raises(RuntimeError):
        import_csv(csv_bytes([row(1), row(2)]))
    assert saved and not DirectoryEntry.objects.exists()


# Idempotence


def test_importing_the_same_file_again_writes_nothing():
    data = csv_bytes([row(number) for number in range(1, 6)])
    import_csv(data)
    with CaptureQueriesContext(connection) as queries:
        report = import_csv(data)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 5)
    writes = [query["sql"] for query in queries if query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE"))]
    assert writes == []


def test_a_changed_row_updates_its_entry_only():
    rows = [row(number) for number in range(1, 4)]
    import_csv(csv_bytes(rows))
    untouched = entry("exemple-1").pk
    rows[1] = {**rows[1], "description": "Nouvelle description."}
    rows[2] = {**rows[2], "thematiques": "logement"}
    report = import_csv(csv_bytes(rows))
    assert (report.created, report.updated, report.unchanged) == (0, 2, 1)
    assert entry("exemple-2").description == "Nouvelle description."
    assert [theme.slug for theme in entry("exemple-3").thematiques.all()] == ["logement"]
    assert entry("exemple-1").pk == untouched
    assert DirectoryEntry.objects.count() == 3


def test_entries_absent_from_the_file_are_kept():
    DirectoryEntryFactory(key="ajoute-dans-l-admin")
    import_csv(csv_bytes([row(1)]))
    assert DirectoryEntry.objects.filter(key="ajoute-dans-l-admin").exists()


def test_an_export_imports_back_unchanged_formula_characters_included():
    DirectoryEntryFactory(
        key="exemple-1",
        name='=HYPERLINK("https://example.org")',
        description="-moins +plus @arobase",
        phone="+32 81 00 00 00",
        latitude=Decimal("50.466900"),
        longitude=Decimal("4.867500"),
        thematiques=[theme("sante"), theme("asile")],
    )
    report = import_csv(csv_text(DirectoryEntry.objects.all()).encode("utf-8"))
    assert (report.created, report.updated, report.unchanged) == (0, 0, 1)


# Files that cannot be read


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "Le fichier est vide."),
        ("\ufeff\n  \n".encode(), "Le fichier est vide."),
        (";".join(COLUMNS).encode() + b"\n", "aucune ligne de données"),
        (b"nom;commune\nExemple;Namur\n", "Colonnes manquantes dans l'en-tête (première ligne) : id, description"),
        (csv_bytes([GOOD]).replace(b"commune", b"nom"), "La colonne « nom » apparaît deux fois"),
        (csv_bytes([GOOD]).decode().encode("cp1252"), "n'est pas encodé en UTF-8"),
        (b"\xff\xfei\x00d\x00", "n'est pas encodé en UTF-8"),  # UTF-16
    ],
    ids=["empty", "bom-and-blank-lines", "header-only", "missing-columns", "duplicate-column", "cp1252", "utf-16"],
)
def test_an_unreadable_file_is_refused_with_a_clear_message(data, message):
    with pytest.raises(ImportFileError, match=re.escape(message)):
        import_csv(data)
    assert not DirectoryEntry.objects.exists()


# The command


def run(*args):
    stdout, stderr = io.StringIO(), io.StringIO()
    call_command("import_directory", *args, stdout=stdout, stderr=stderr)
    return stdout.getvalue(), stderr.getvalue()


def write(tmp_path, data, name="repertoire.csv"):
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_the_command_prints_the_counts(tmp_path):
    stdout, _ = run(write(tmp_path, csv_bytes([row(1), row(2)])))
    assert "Importation terminée : 2 créé(s), 0 mis à jour, 0 inchangé(s)." in stdout
    stdout, _ = run(write(tmp_path, csv_bytes([row(1), row(2, nom="Exemple : renommé"), row(3)])))
    assert "1 créé(s), 1 mis à jour, 1 inchangé(s)" in stdout


def test_the_command_lists_the_bad_rows_and_fails_without_importing(tmp_path):
    path = write(tmp_path, csv_bytes([row(1), row(2, email="x"), row(3, nom="")]))
    stderr = io.StringIO()
    with pytest.raises(CommandError, match="2 ligne\\(s\\) non valide\\(s\\) : rien n'a été importé"):
        call_command("import_directory", path, stdout=io.StringIO(), stderr=stderr)
    assert stderr.getvalue().splitlines() == [
        "Ligne 3 : email : adresse « x » non valide",
        "Ligne 4 : nom manquant",
    ]
    assert not DirectoryEntry.objects.exists()


def test_the_command_with_skip_invalid_and_dry_run(tmp_path):
    path = write(tmp_path, csv_bytes([row(1), row(2, email="x")]))
    stdout, stderr = run(path, "--skip-invalid", "--dry-run")
    assert "Simulation (rien n'a été enregistré) : 1 créé(s)" in stdout
    assert "1 ligne(s) non valide(s) ignorée(s)" in stdout
    assert "Ligne 3 : email" in stderr
    assert not DirectoryEntry.objects.exists()
    run(path, "--skip-invalid")
    assert list(DirectoryEntry.objects.values_list("key", flat=True)) == ["exemple-1"]


@pytest.mark.parametrize(
    "data, message",
    [
        (csv_bytes([row(1, horaires="")]).decode().encode("latin-1"), "UTF-8"),
        (b"", "vide"),
        (b"a;b\n1;2\n", "Colonnes manquantes"),
    ],
)
def test_the_command_refuses_an_unreadable_file_with_a_command_error(tmp_path, data, message):
    with pytest.raises(CommandError, match=message):
        run(write(tmp_path, data))


def test_the_command_refuses_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="Impossible de lire le fichier"):
        run(str(tmp_path / "absent.csv"))


def test_the_command_shows_progress_on_long_files(tmp_path, monkeypatch):
    monkeypatch.setattr(importer, "PROGRESS_EVERY", 2)
    _, stderr = run(write(tmp_path, csv_bytes([row(number) for number in range(1, 6)])))
    assert "… 2 / 5 lignes vérifiées" in stderr
    assert "… 4 / 5 lignes importées" in stderr
