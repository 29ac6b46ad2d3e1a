"""python manage.py import_directory FILE.csv [--skip-invalid] [--dry-run]: see directory/data/README.md."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from directory.importer import ImportFileError, InvalidRowsError, import_csv


class Command(BaseCommand):
    help = (
        "Importe le répertoire des services depuis un fichier CSV (UTF-8, « ; » ou « , »). Chaque ligne est "
        "vérifiée d'abord ; une seule ligne non valide et rien n'est importé, sauf avec --skip-invalid."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Le fichier CSV à importer.")
        parser.add_argument(
            "--skip-invalid", action="store_true", help="Importer les lignes valides et ignorer les autres."
        )
        parser.add_argument("--dry-run", action="store_true", help="Tout vérifier et compter, sans rien enregistrer.")

    def handle(self, *args, file, skip_invalid, dry_run, verbosity, **options):
        try:
            data = Path(file).read_bytes()
        except OSError as error:
            raise CommandError(f"Impossible de lire le fichier « {file} » : {error.strerror or error}.") from None

        def progress(stage, done, total):
            self.stderr.write(f"… {done} / {total} lignes {stage}")

        try:
            report = import_csv(data, skip_invalid=skip_invalid, dry_run=dry_run, progress=progress)
        except ImportFileError as error:
            raise CommandError(str(error)) from None
        except InvalidRowsError as error:
            self.write_invalid(error.report)
            raise CommandError(str(error)) from None
        self.write_invalid(report)
        if verbosity >= 2:
            self.stdout.write(f"{len(report.rows)} ligne(s) lue(s), {len(report.valid)} valide(s).")
        self.stdout.write(self.style.SUCCESS(report.summary()))

    def write_invalid(self, report):
        for row in report.invalid:
            self.stderr.write(str(row))
