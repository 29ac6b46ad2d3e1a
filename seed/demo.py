"""Demo content for ``seed_site --demo``: plausible, plainly fictitious news, trainings and publications.

Every item's title starts with "Exemple :" and its note for editors says it is demo content. No real person,
contact detail or fact about a real body appears. Dates are relative to the day the command runs, so that
trainings have sessions both before and after it. Like the rest of the seed, it only creates what is missing.
"""

import datetime
import io
from itertools import cycle

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from about.models import Mandate, MandatesPage, Team, TeamMember
from figures.models import FiguresPage
from news.models import NewsIndexPage, NewsPage
from publications.models import PublicationFile, PublicationIndexPage, PublicationPage, PublicationType
from thematiques.models import ThematiquePage
from trainings.models import Audience, Organiser, RegistrationMode, TrainingIndexPage, TrainingPage, TrainingSession

from . import content

DEMO_NOTE = "Contenu de démonstration fictif (seed_site --demo). À supprimer avant la mise en ligne."
DEMO_ORGANISER = "Exemple : centre partenaire"

NEWS_SUBJECTS = [
    ("une journée d'échanges entre associations", "Une rencontre fictive pour illustrer la rubrique des actualités."),
    ("un nouvel outil d'animation disponible", "Un outil imaginaire, présenté ici pour montrer une actualité."),
    ("appel à projets pour des initiatives locales", "Un appel fictif, sans date limite réelle."),
    ("retour sur une table ronde", "Le compte rendu d'une rencontre qui n'a pas eu lieu."),
    ("une exposition itinérante dans la province", "Une exposition imaginaire, pour la démonstration."),
    ("un guide pratique mis à jour", "Une mise à jour fictive d'un guide d'exemple."),
    ("une séance d'information pour les bénévoles", "Une séance inventée pour illustrer l'agenda."),
    ("des permanences d'accueil élargies", "Des horaires fictifs, à ne pas communiquer au public."),
]
TRAINING_SUBJECTS = [
    "Communication interculturelle au quotidien",
    "Accueillir les personnes primo-arrivantes",
    "Animer un groupe multilingue",
    "Comprendre le parcours d'intégration",
    "Prévenir les discriminations au travail",
    "Outils pédagogiques pour le français langue étrangère",
]
DEMO_TEAMS = ["Exemple : accueil et accompagnement", "Exemple : formation et sensibilisation"]
DEMO_MEMBERS = [
    ("Camille (personne fictive)", "Coordination (exemple)"),
    ("Alex (personne fictive)", "Accompagnement social (exemple)"),
    ("Sam (personne fictive)", "Formation (exemple)"),
    ("Noa (personne fictive)", "Accueil (exemple)"),
]
DEMO_MANDATES = [
    ("Exemple : plateforme locale d'intégration (fictive)", "Membre", "2019"),
    ("Exemple : réseau provincial d'associations (fictif)", "Coordination", "2021"),
]
DEMO_CHARTS = [
    (
        "chart",
        {
            "caption": "Exemple : personnes accompagnées par année (données fictives)",
            "category_header": "Année",
            "series": ["Personnes accompagnées"],
            "rows": [
                {"label": str(year), "values": value}
                for year, value in [(2019, "640"), (2020, "580"), (2021, "720"), (2022, "810"), (2023, "905")]
            ],
            "source": "Données fictives de démonstration",
            "chart_type": "bar",
            "description": "Exemple fictif : le nombre de personnes accompagnées augmente depuis 2020.",
        },
    ),
    (
        "chart",
        {
            "caption": "Exemple : participants aux formations (données fictives)",
            "category_header": "Année",
            "series": ["Professionnels", "Bénévoles"],
            "rows": [
                {"label": "2021", "values": "120 ; 45"},
                {"label": "2022", "values": "150 ; 60"},
                {"label": "2023", "values": "140 ; 85"},
            ],
            "source": "Données fictives de démonstration",
            "chart_type": "line",
            "description": "Exemple fictif : la participation des bénévoles progresse chaque année.",
        },
    ),
]
PUBLICATION_SUBJECTS = [
    "Repères pour l'accueil",
    "Carnet d'animation",
    "Regards croisés",
    "Fiches pratiques",
    "Lexique de l'intégration",
    "Chiffres commentés",
]


def tiny_pdf(title):
    """A small, valid one-page PDF saying it is a fictitious example."""
    text = f"{title} - document fictif de demonstration".encode("latin-1", "replace")
    text = text.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    stream = b"BT /F1 14 Tf 56 760 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    output = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(output))
        output += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(output)
    output += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        output += f"{offset:010d} 00000 n \n".encode()
    output += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(output)


class DemoBuilder:
    """Creates each demo item once (remembered in the seed's memory), like the rest of the seed."""

    def __init__(self, report, memory, today=None):
        self.report = report
        self.memory = memory
        self.today = today or timezone.localdate()
        self.themes = list(ThematiquePage.objects.order_by("path"))

    def build(self):
        self.build_news(count=24)
        self.build_trainings(count=12)
        self.build_publications(count=12)
        self.build_team()
        self.build_mandates()
        self.build_charts()

    def once(self, key, label):
        if self.memory.knows(key):
            self.report.add_skipped(f"démo : {label} (déjà créé une fois)")
            return False
        return True

    def build_team(self):
        teams = {}
        for number, (name, role) in enumerate(DEMO_MEMBERS):
            key = f"demo:member:{number + 1}"
            if not self.once(key, f"membre de l'équipe {number + 1}"):
                continue
            team_name = DEMO_TEAMS[number % len(DEMO_TEAMS)]
            if team_name not in teams:
                teams[team_name] = Team.objects.get_or_create(name=team_name)[0]
            member = TeamMember(
                name=f"Exemple : {name}",
                role=role,
                team=teams[team_name],
                email=f"exemple.{number + 1}@example.org",
                photo=self.avatar(number) if number < 2 else None,
                photo_consent=number == 0,  # the second photo has no consent: it is never shown
                sort_order=number,
            )
            member.save()
            member.save_revision().publish()
            self.memory.remember(key, member)
            self.report.add_created(f"démo : membre de l'équipe « {member.name} »")

    def avatar(self, number):
        buffer = io.BytesIO()
        PILImage.new("RGB", (320, 320), [(10, 90, 112), (168, 66, 13)][number % 2]).save(buffer, "PNG")
        image = get_image_model()(
            title=f"Exemple : portrait fictif {number + 1}", file=ImageFile(buffer, name="portrait.png")
        )
        image.save()
        return image

    def build_mandates(self):
        page = MandatesPage.objects.first()
        if page is None or not self.once("demo:mandates", "mandats fictifs"):
            return
        for order, (body, role, since) in enumerate(DEMO_MANDATES):
            page.mandates.add(Mandate(sort_order=order, body=body, role=role, since=since))
        page.save_revision().publish()
        self.memory.remember("demo:mandates", page)
        self.report.add_created(f"démo : {len(DEMO_MANDATES)} mandats fictifs")

    def build_charts(self):
        page = FiguresPage.objects.first()
        if page is None or not self.once("demo:charts", "graphiques aux données fictives"):
            return
        for block in DEMO_CHARTS:
            page.body.append(block)
        page.save_revision().publish()
        self.memory.remember("demo:charts", page)
        self.report.add_created(f"démo : {len(DEMO_CHARTS)} graphiques aux données fictives")

    def themes_for(self, number, how_many=2):
        return [self.themes[(number * 3 + shift) % len(self.themes)] for shift in range(how_many)]

    def add(self, index, page, themes, label):
        """Create ``page`` under ``index`` the first time; publish it; return it (or None if skipped)."""
        key = f"demo:{label}:{page.slug}"
        if not self.once(key, f"{label} « {page.slug} »"):
            return None
        existing = index.get_children().filter(slug=page.slug).first()
        if existing is not None:
            self.memory.remember(key, existing)
            self.report.add_skipped(f"démo : {label} « {page.slug} » (existait déjà)")
            return None
        page.editor_note = DEMO_NOTE
        index.add_child(instance=page)
        page.thematiques.set(themes)
        page.save_revision().publish()
        self.memory.remember(key, page)
        self.report.add_created(f"démo : {label} « {page.title} »")
        return page

    def build_news(self, count):
        index = NewsIndexPage.objects.first()
        if index is None:
            return
        subjects = cycle(NEWS_SUBJECTS)
        for number in range(count):
            subject, intro = next(subjects)
            themes = self.themes_for(number)
            title = f"Exemple : {subject} ({themes[0].title})"
            page = NewsPage(
                title=title,
                slug=f"exemple-actualite-{number + 1:02d}",
                intro=intro,
                published_on=self.today - datetime.timedelta(days=17 * number + 2),
                body=[("paragraph", f"<p>{intro} Aucune information de cette page n'est réelle.</p>")],
            )
            self.add(index, page, themes, "actualité")

    def build_trainings(self, count):
        index = TrainingIndexPage.objects.first()
        if index is None:
            return
        audiences = list(Audience.objects.all())
        cai = self.memory.target(f"organiser:{content.ORGANISERS[0]['name']}", Organiser)
        partner = self.demo_organiser()
        subjects = cycle(TRAINING_SUBJECTS)
        # Day offsets of each training's sessions: past, future and trainings spanning both.
        plans = cycle([(-45,), (12,), (30, 31), (-20, 5), (60,), (-90, -89), (90, 97, 104), (7,)])
        for number in range(count):
            offsets = next(plans)
            title = f"Exemple : {next(subjects)} ({number + 1})"
            page = TrainingPage(
                title=title,
                slug=f"exemple-formation-{number + 1:02d}",
                intro="Une formation fictive, pour montrer l'agenda des formations.",
                is_free=number % 3 != 0,
                price="" if number % 3 != 0 else "20 € par journée (exemple)",
                registration_mode=RegistrationMode.ON_REQUEST,
                registration_deadline=self.today + datetime.timedelta(days=max(offsets) - 3),
                body=[("paragraph", "<p>Contenu, objectifs et méthode de cette formation fictive.</p>")],
            )
            for order, offset in enumerate(offsets):
                page.sessions.add(
                    TrainingSession(
                        sort_order=order,
                        date=self.today + datetime.timedelta(days=offset),
                        starts_at=datetime.time(9, 30),
                        ends_at=datetime.time(16, 30),
                        online=number % 4 == 3,
                        place_name="" if number % 4 == 3 else "Salle de formation (exemple)",
                    )
                )
            page.audiences.set([audiences[number % len(audiences)]] if audiences else [])
            page.organisers.set(
                [organiser for organiser in ([cai] if number % 2 == 0 and cai else [partner]) if organiser]
            )
            self.add(index, page, self.themes_for(number), "formation")

    def demo_organiser(self):
        """The fictitious partner organiser, created once (editors may rename or delete it)."""
        key = "demo:organiser"
        if self.memory.knows(key):
            return self.memory.target(key, Organiser)
        organiser, _ = Organiser.objects.get_or_create(name=DEMO_ORGANISER)
        return self.memory.remember(key, organiser)

    def build_publications(self, count):
        index = PublicationIndexPage.objects.first()
        types = list(PublicationType.objects.all())
        if index is None or not types:
            return
        collection = (
            self.memory.target(f"collection:{content.PUBLICATIONS_COLLECTION}", Collection)
            or Collection.get_first_root_node()
        )
        Document = get_document_model()
        subjects = cycle(PUBLICATION_SUBJECTS)
        for number in range(count):
            title = f"Exemple : {next(subjects)} ({number + 1})"
            slug = f"exemple-publication-{number + 1:02d}"
            page = PublicationPage(
                title=title,
                slug=slug,
                intro="Une publication fictive, pour montrer le catalogue.",
                year=self.today.year - number % 8,
                publication_type=types[number % len(types)],
                authors="Équipe fictive",
                summary="<p>Résumé d'une publication qui n'existe pas.</p>",
            )
            if self.memory.knows(f"demo:publication:{slug}") or index.get_children().filter(slug=slug).exists():
                self.add(index, page, [], "publication")  # reports it as skipped (and adopts an existing one)
                continue
            document = Document(title=title, collection=collection)
            document.file.save(f"{slugify(title)}.pdf", ContentFile(tiny_pdf(title)), save=False)
            document.save()
            page.files.add(PublicationFile(document=document, label="Version PDF (exemple)"))
            self.add(index, page, self.themes_for(number), "publication")
