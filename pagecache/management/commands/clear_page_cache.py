"""``manage.py clear_page_cache``: forget every cached page and the frame's data (a new generation).

Content changes clear the cache by themselves, and a new release of the code has keys of its own
(``pagecache.release``). This is for what reaches the database without Django's signals: ``restore`` runs it, and
so may an operator after a change made directly in SQL.
"""

from django.core.management.base import BaseCommand, CommandError

from pagecache import signals, store


class Command(BaseCommand):
    help = "Vide le cache des pages (et les données du cadre : menu, pied de page)."

    def handle(self, *args, **options):
        if not store.clear():
            raise CommandError("Le cache des pages n'a pas pu être vidé (Redis ou le dossier du cache ne répond pas).")
        signals.purge_front_cache()
        self.stdout.write(self.style.SUCCESS("Cache des pages vidé."))
