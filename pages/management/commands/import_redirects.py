"""Load the previous sites' addresses as permanent redirects (wagtail.contrib.redirects) from a CSV file.

    python manage.py import_redirects anciennes-adresses.csv [--dry-run] [--skip-invalid]

The file has two named columns, ``ancienne_adresse`` and ``nouvelle_adresse``, separated by ";" or "," (UTF-8, with
or without a BOM, as spreadsheets save it). The old address is a path ("/contact/general/"); the new one is either a
path of this site that must be a published page (the redirect then follows the page when it moves) or a complete
address ("https://…"). Every row is checked first, and nothing is imported while one is wrong, unless
``--skip-invalid`` asks to import the good rows only. Running the same file twice changes nothing.

This command replaces Wagtail's own ``import_redirects`` (the ``pages`` app comes first in INSTALLED_APPS): that
one neither checks that the target exists nor refuses chains and loops, and reports in English.
"""

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import URLValidator
from django.db import transaction
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Site

OLD_COLUMN = "ancienne_adresse"
NEW_COLUMN = "nouvelle_adresse"
MAX_LENGTH = 255  # Redirect.old_path and Redirect.redirect_link


@dataclass
class Row:
    line: int
    old: str
    new: str
    old_path: str = ""  # normalised like Wagtail's redirect middleware looks it up
    page: Page | None = None
    link: str = ""
    errors: list = field(default_factory=list)

    def refuse(self, message):
        self.errors.append(f"ligne {self.line} : {message}")


def read_rows(text):
    """The rows of the CSV text, with their line numbers; raises CommandError when the columns are missing."""
    lines = text.splitlines()
    header = next((line for line in lines if line.strip()), "")
    delimiter = ";" if header.count(";") >= header.count(",") and ";" in header else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    columns = None
    rows = []
    for values in reader:
        if not any(value.strip() for value in values):
            continue
        if columns is None:
            columns = [value.strip().lower() for value in values]
            missing = [name for name in (OLD_COLUMN, NEW_COLUMN) if name not in columns]
            if missing:
                raise CommandError(
                    f"La première ligne doit nommer les colonnes « {OLD_COLUMN} » et « {NEW_COLUMN} » "
                    f"(séparées par « ; » ou « , ») ; trouvé : « {header.strip()[:200]} »."
                )
            continue
        cells = dict(zip(columns, (value.strip() for value in values), strict=False))
        rows.append(Row(reader.line_num, cells.get(OLD_COLUMN, ""), cells.get(NEW_COLUMN, "")))
    if columns is None:
        raise CommandError("Le fichier est vide.")
    return rows


def is_path(text):
    return text.startswith("/") and not text.startswith("//") and not any(c.isspace() for c in text)


def page_path(path):
    """A site path as a page's address: decoded, with its final slash."""
    path = unquote(path)
    return path if path.endswith("/") else path + "/"


class Checker:
    """Checks rows against the site and against each other, and finds each row's target page or link."""

    def __init__(self, site):
        self.root = site.root_page
        self.existing = {redirect.old_path: redirect for redirect in Redirect.objects.filter(site=None)}

    def live_page_at(self, path):
        url_path = self.root.url_path + page_path(path).lstrip("/")
        return Page.objects.live().filter(url_path=url_path).first()

    def check(self, rows):
        first_line = {}
        for row in rows:
            self.check_old(row)
            if row.old_path and not row.errors:
                if row.old_path in first_line:
                    row.refuse(f"l'ancienne adresse « {row.old} » figure déjà à la ligne {first_line[row.old_path]}.")
                else:
                    first_line[row.old_path] = row.line
        sources = {}  # each old address with the first row that gives it
        for row in rows:
            if row.old_path:
                sources.setdefault(row.old_path, row)
        for row in rows:
            self.check_new(row, sources)
        return rows

    def check_old(self, row):
        if not row.old:
            row.refuse("l'ancienne adresse est vide.")
            return
        if not is_path(row.old):
            row.refuse(f"« {row.old} » n'est pas un chemin : l'ancienne adresse doit commencer par « / ».")
            return
        row.old_path = Redirect.normalise_path(row.old)
        if len(row.old_path) > MAX_LENGTH:
            row.refuse(f"l'ancienne adresse dépasse {MAX_LENGTH} caractères.")
        elif "?" not in row.old_path and self.live_page_at(row.old_path) is not None:
            row.refuse(
                f"« {row.old} » est l'adresse d'une page publiée : la redirection ne servirait jamais "
                "(la page s'affiche à la place)."
            )

    def check_new(self, row, sources):
        if not row.new:
            row.refuse("la nouvelle adresse est vide.")
            return
        if row.new.lower().startswith(("http://", "https://")):
            try:
                URLValidator(schemes=["http", "https"])(row.new)
            except ValidationError:
                row.refuse(f"« {row.new} » n'est pas une adresse complète valide.")
                return
            if len(row.new) > MAX_LENGTH:
                row.refuse(f"la nouvelle adresse dépasse {MAX_LENGTH} caractères.")
                return
            row.link = row.new
            return
        if not is_path(row.new) or urlsplit(row.new).query or urlsplit(row.new).fragment:
            row.refuse(
                f"« {row.new} » n'est ni le chemin d'une page du site (commençant par « / », sans « ? » ni « # ») "
                "ni une adresse complète (https://…)."
            )
            return
        target = Redirect.normalise_path(row.new)
        if row.old_path and target == row.old_path:
            row.refuse("l'ancienne et la nouvelle adresse sont identiques.")
            return
        row.page = self.live_page_at(row.new)
        if row.page is not None:
            return
        # Not a page: perhaps the old address of another redirect, which would make a chain or a loop.
        chained = sources.get(target)
        if chained is not None:
            if is_path(chained.new) and Redirect.normalise_path(chained.new) == row.old_path:
                row.refuse(
                    f"boucle : « {row.new} » redirige vers « {row.old} » (ligne {chained.line}). "
                    "Indiquez l'adresse de la page de destination."
                )
            else:
                row.refuse(
                    f"« {row.new} » est elle-même redirigée (ligne {chained.line}) : indiquez directement la "
                    "destination finale, sans enchaîner les redirections."
                )
        elif target in self.existing:
            row.refuse(
                f"« {row.new} » est elle-même une ancienne adresse redirigée : indiquez directement la destination "
                f"finale ({self.existing[target].link or 'inconnue'})."
            )
        else:
            row.refuse(f"aucune page publiée ne se trouve à l'adresse « {row.new} ».")


def plural(count, singular, plural_form):
    return f"{count} {singular if count in (0, 1) else plural_form}"


class Command(BaseCommand):
    help = (
        "Importe des redirections permanentes (301) depuis un fichier CSV à deux colonnes, « ancienne_adresse » "
        "et « nouvelle_adresse » (séparées par « ; » ou « , », en UTF-8). Vérifie chaque ligne et n'importe rien "
        "si l'une est fautive, sauf avec --skip-invalid. Relancer le même fichier ne change rien."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FICHIER.csv", help="Le fichier CSV des anciennes adresses.")
        parser.add_argument("--dry-run", action="store_true", help="Vérifie et compte sans rien enregistrer.")
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help="Importe les lignes correctes et ignore les lignes fautives (qui restent signalées).",
        )

    def handle(self, *args, file, dry_run=False, skip_invalid=False, **options):
        rows = read_rows(self.read_text(file))
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is None:
            raise CommandError("Aucun site par défaut : créez d'abord le site (seed_site).")
        Checker(site).check(rows)
        refused = [row for row in rows if row.errors]
        for row in refused:
            for message in row.errors:
                self.stderr.write(message)
        if refused and not skip_invalid:
            raise CommandError(
                f"{plural(len(refused), 'ligne refusée', 'lignes refusées')} sur {len(rows)} : rien n'a été "
                "importé. Corrigez le fichier, ou relancez avec --skip-invalid pour importer les autres lignes."
            )
        counts = {"created": 0, "updated": 0, "unchanged": 0}
        with transaction.atomic():
            for row in rows:
                if not row.errors:
                    outcome = self.save(row)
                    counts[outcome] += 1
                    if options["verbosity"] >= 2:
                        label = {"created": "créée", "updated": "mise à jour", "unchanged": "inchangée"}[outcome]
                        self.stdout.write(f"ligne {row.line} : {row.old_path} → {row.new} ({label})")
            if dry_run:
                transaction.set_rollback(True)
        summary = (
            f"{plural(counts['created'], 'créée', 'créées')}, "
            f"{plural(counts['updated'], 'mise à jour', 'mises à jour')}, "
            f"{plural(counts['unchanged'], 'inchangée', 'inchangées')}, "
            f"{plural(len(refused), 'refusée', 'refusées')}."
        )
        prefix = "Simulation (--dry-run), rien n'a été enregistré. Redirections" if dry_run else "Redirections"
        self.stdout.write(self.style.SUCCESS(f"{prefix} : {summary}"))

    def read_text(self, file):
        try:
            data = Path(file).read_bytes()
        except OSError as error:
            raise CommandError(f"Impossible de lire « {file} » : {error.strerror}.") from error
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise CommandError(
                f"« {file} » n'est pas en UTF-8 (octet illisible à la position {error.start}) : enregistrez-le "
                "en « CSV UTF-8 » depuis le tableur."
            ) from error

    def save(self, row):
        """Create or update the redirect of one checked row; says which it did."""
        wanted = {
            "redirect_page": row.page,
            "redirect_link": row.link,
            "redirect_page_route_path": "",
            "is_permanent": True,
        }
        redirect = Redirect.objects.filter(site=None, old_path=row.old_path).first()
        if redirect is None:
            Redirect.objects.create(site=None, old_path=row.old_path, **wanted)
            return "created"
        current = {
            "redirect_page": redirect.redirect_page_id,
            "redirect_link": redirect.redirect_link,
            "redirect_page_route_path": redirect.redirect_page_route_path,
            "is_permanent": redirect.is_permanent,
        }
        if current == {**wanted, "redirect_page": row.page.pk if row.page else None}:
            return "unchanged"
        for name, value in wanted.items():
            setattr(redirect, name, value)
        redirect.save()
        return "updated"
