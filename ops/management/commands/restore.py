from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from ops.backup import BackupError, restore_archive


class Command(BaseCommand):
    help = (
        "Restaure une archive de « backup » dans la base configurée, qui doit être vide, et dans MEDIA_ROOT, puis "
        "vérifie le nombre de lignes de chaque table."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="L'archive cai-sauvegarde-….tar.gz à restaurer.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Efface une base qui n'est pas vide avant de la restaurer (demande une confirmation).",
        )
        parser.add_argument(
            "--no-input",
            "--noinput",
            action="store_false",
            dest="interactive",
            help="Ne pose aucune question (avec --force : efface sans confirmation).",
        )

    def confirm(self, question):
        if not self.interactive:
            return True
        answer = input(f"{question}\nTapez « oui » pour continuer : ")
        return answer.strip().lower() == "oui"

    def handle(self, *args, **options):
        self.interactive = options["interactive"]
        try:
            restore_archive(options["archive"], force=options["force"], confirm=self.confirm, log=self.stdout.write)
        except BackupError as error:
            raise CommandError(f"Restauration impossible : {error}") from None
        except DatabaseError as error:
            raise CommandError(f"Restauration impossible, erreur de la base de données : {error}") from None
        except KeyboardInterrupt:
            raise CommandError("Restauration interrompue.") from None
        # The restored content reached the database without Django's signals: cached pages would show the old one.
        try:
            call_command("clear_page_cache", stdout=self.stdout)
        except CommandError as error:  # the site is restored; say what is left to do
            self.stderr.write(f"{error} Videz-le quand il répond : manage.py clear_page_cache.")
        self.stdout.write(self.style.SUCCESS("Restauration terminée."))
