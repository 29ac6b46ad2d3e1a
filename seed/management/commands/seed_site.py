from django.core.management import call_command
from django.core.management.base import BaseCommand

from seed.builder import SeedBuilder


class Command(BaseCommand):
    help = (
        "Crée le site de départ (arborescence, textes, réglages, logos partenaires). "
        "Ne crée que ce qui manque : une page existante n'est jamais modifiée."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--demo",
            action="store_true",
            help="Ajoute des contenus de démonstration fictifs (actualités, formations, publications).",
        )

    def handle(self, *args, **options):
        report = SeedBuilder(demo=options["demo"]).build()
        for item in report.created:
            self.stdout.write(f"  créé : {item}")
        for item in report.skipped:
            self.stdout.write(f"  ignoré : {item}")
        self.stdout.write(
            self.style.SUCCESS(
                f"seed_site : {len(report.created)} élément(s) créé(s), {len(report.skipped)} ignoré(s)."
            )
        )
        # Covers for the publications that have a PDF and no cover yet (the demo's among them); never an editor's.
        call_command("make_publication_covers", stdout=self.stdout, stderr=self.stderr, verbosity=options["verbosity"])
