"""Give every publication that has a PDF and no cover an image of the PDF's first page (publications/covers.py).

Idempotent: a second run changes nothing. Safe from cron or after an import. A PDF that gives no cover is logged
(one warning line) and counted; the command still exits 0. It exits non-zero only on bad input (an unknown
``--publication``).
"""

from collections import Counter

from django.core.management.base import BaseCommand, CommandError

from publications.covers import Outcome, make_cover, publications


def positive_int(value):
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise CommandError(
            f"--publication attend l'identifiant d'une page (un nombre entier positif), pas « {value} »."
        )
    return number


class Command(BaseCommand):
    help = (
        "Tire la couverture des publications sans couverture de la première page de leur PDF. "
        "Une couverture choisie par l'équipe n'est jamais remplacée."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--publication",
            type=positive_int,
            default=None,
            help="Identifiant de la seule page de publication à traiter.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Refait aussi les couvertures déjà générées (jamais celles choisies par l'équipe).",
        )

    def handle(self, *args, publication=None, force=False, verbosity=1, **options):
        pages = publications(publication)
        if publication is not None and not pages.exists():
            raise CommandError(f"Aucune page de publication n'a l'identifiant {publication}.")
        pages = list(pages)  # read up front: each cover written updates the table being read
        total = len(pages)
        counts = Counter()
        for number, page in enumerate(pages, start=1):
            outcome = make_cover(page, force=force)
            counts[outcome] += 1
            if verbosity >= 2 or (verbosity >= 1 and outcome in {Outcome.CREATED, Outcome.REDRAWN, Outcome.FAILED}):
                self.stdout.write(f"  [{number}/{total}] {page.title} : {outcome.value}")
        if verbosity >= 1:
            skipped = ", ".join(
                f"{outcome.value} : {counts[outcome]}"
                for outcome in (Outcome.EDITOR_COVER, Outcome.EDITOR_REMOVED, Outcome.ALREADY_GENERATED, Outcome.NO_PDF)
            )
            self.stdout.write(
                f"make_publication_covers : {counts[Outcome.CREATED]} couverture(s) créée(s), "
                f"{counts[Outcome.REDRAWN]} refaite(s), {counts[Outcome.FAILED]} échec(s) ; ignorées ({skipped})."
            )
