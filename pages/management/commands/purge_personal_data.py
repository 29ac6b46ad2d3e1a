"""Delete the personal data kept longer than its retention period (settings.RETENTION_MONTHS).

Idempotent and safe to run every day from cron or a systemd timer (see deploy/ and the README): each processing of
the privacy registry that keeps data on the site deletes what is older than its retention, and the command prints
what it deleted.
"""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from pages.privacy import registered_processings


class Command(BaseCommand):
    help = "Efface les données personnelles conservées au-delà de leur durée de conservation."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Compte sans rien effacer.")

    def handle(self, *args, dry_run=False, **options):
        now = timezone.now()
        total = 0
        for processing in registered_processings():
            cutoff = processing.cutoff(now)
            if processing.purge is None or cutoff is None:
                continue
            with transaction.atomic():
                deleted = processing.purge(cutoff)
                if dry_run:
                    transaction.set_rollback(True)
            total += deleted
            verb = "à effacer" if dry_run else "effacé(s)"
            self.stdout.write(
                f"{processing.title} : {deleted} {verb} (antérieurs au {timezone.localtime(cutoff):%d/%m/%Y})"
            )
        self.stdout.write(f"Total : {total} {'à effacer' if dry_run else 'effacé(s)'}.")
