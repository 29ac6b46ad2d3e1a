"""Send every mail that could not be sent yet (pending or failed), oldest first.

Idempotent and safe to run every few minutes from cron or a systemd timer, even while the site sends mail: a mail
is sent once (see ``outbox.mail.deliver``). Failures are recorded on the mail and counted; the command still exits 0.
"""

from django.core.management.base import BaseCommand, CommandError

from outbox.mail import ALREADY_SENT, FAILED, SENT, send_pending


def positive_int(value):
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise CommandError(f"--limit attend un nombre entier positif, pas « {value} ».")
    return number


class Command(BaseCommand):
    help = "Envoie les e-mails du site qui n'ont pas encore pu être envoyés (en attente ou en échec)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--limit", type=positive_int, default=None, help="Nombre maximum d'e-mails à essayer (les plus anciens)."
        )

    def handle(self, *args, limit=None, **options):
        counts = send_pending(limit=limit)
        self.stdout.write(f"envoyés : {counts[SENT]}, échecs : {counts[FAILED]}, déjà envoyés : {counts[ALREADY_SENT]}")
