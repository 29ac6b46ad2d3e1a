from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from ops.backup import BackupError, create_backup, default_backup_dir


def positive_int(value):
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise CommandError(f"--keep attend un nombre entier positif, pas « {value} ».")
    return number


class Command(BaseCommand):
    help = (
        "Sauvegarde le site dans une archive datée cai-sauvegarde-AAAAMMJJ-HHMMSS.tar.gz : la base de données "
        "(pg_dump ou l'API de sauvegarde de SQLite), tous les fichiers des médias et un manifeste (versions, "
        "migrations, nombre de lignes de chaque table, empreinte sha256 de chaque fichier)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir",
            help="Dossier des archives (par défaut : DJANGO_BACKUP_DIR, sinon backups/ à côté de manage.py).",
        )
        parser.add_argument(
            "--keep",
            type=positive_int,
            help="Après la sauvegarde, ne garde que les N archives les plus récentes du dossier.",
        )

    def handle(self, *args, **options):
        output_dir = options["output_dir"] or default_backup_dir()
        try:
            archive = create_backup(output_dir, keep=options["keep"], log=self.stdout.write)
        except BackupError as error:
            raise CommandError(f"Sauvegarde impossible : {error}") from None
        except DatabaseError as error:
            raise CommandError(f"Sauvegarde impossible, la base de données ne répond pas : {error}") from None
        self.stdout.write(self.style.SUCCESS(f"Sauvegarde terminée : {archive.name}"))
