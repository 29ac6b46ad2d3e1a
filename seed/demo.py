"""Demo content for ``seed_site --demo``: plausible, plainly fictitious news, trainings and publications.

Every item's title starts with "Exemple :" and its note for editors says it is demo content. No real person,
contact detail or fact about a real body appears. Dates are relative to the day the command runs, so that
trainings have sessions both before and after it. Like the rest of the seed, it only creates what is missing.
Pages, team members, images and documents are made by the apps' factories, the same ones the tests use.
"""

import datetime
from itertools import cycle

from django.utils import timezone
from wagtail.models import Collection

from about.factories import TeamFactory, TeamMemberFactory
from about.models import Mandate, MandatesPage
from directory.importer import import_sample
from figures.models import FiguresPage
from news.factories import NewsPageFactory
from news.models import NewsIndexPage
from offices.factories import OfficePageFactory, closure, week
from offices.models import Appointment, OfficeIndexPage, StepFreeAccess
from pages.collections import TEAM, collection_named
from pages.factories import DocumentFactory, ImageFactory
from publications.factories import PublicationPageFactory
from publications.models import PublicationFile, PublicationIndexPage, PublicationType
from thematiques.models import ThematiquePage
from trainings.factories import RegistrationFactory, TrainingPageFactory, TrainingSessionFactory
from trainings.models import Audience, Organiser, RegistrationMode, TrainingIndexPage

from . import content
from .demo_images import DemoIllustrations

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
            # A measure that no real figure of the page gives (the real key figures are the people accompanied
            # and the share of foreign nationals in 2021): fictitious numbers never stand beside real ones.
            "caption": "Exemple : questions reçues lors d'une permanence, par thème (données fictives)",
            "category_header": "Thème",
            "series": ["Questions"],
            "rows": [
                {"label": theme, "values": value}
                for theme, value in [
                    ("Démarches administratives", "62"),
                    ("Logement", "48"),
                    ("Apprentissage du français", "35"),
                    ("Emploi et formation", "40"),
                    ("Santé", "21"),
                ]
            ],
            "source": "Données fictives de démonstration",
            "chart_type": "bar",
            "description": "Exemple fictif : les démarches administratives sont le thème le plus fréquent.",
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


# Fictitious offices: invented places in real communes of the province, no phone number (nothing to dial), the
# commune's centre as a rough map position. They show the cases the office pages handle: a lunch break, a closure,
# an appointment-only desk, several languages, an office open on Saturday morning.
DEMO_OFFICES = [
    {
        "slug": "exemple-dinant",
        "title": "Exemple : bureau d'accueil de Dinant (fictif)",
        "commune": "Dinant",
        "street_address": "Rue de l'Exemple 1 (adresse fictive)",
        "postal_code": "5500",
        "latitude": "50.2610",
        "longitude": "4.9120",
        "email": "dinant@example.org",
        "languages": "français, anglais, arabe",
        "appointment": Appointment.WALK_IN,
        "step_free_access": StepFreeAccess.YES,
        "public_transport": "Exemple : à dix minutes à pied de la gare (indication fictive).",
        "week": {"monday": "9:00-12:00 13:30-16:00", "tuesday": "9:00-12:00 13:30-16:00", "thursday": "9:00-12:00"},
        "closure_in_days": (5, 7, "formation de l'équipe"),
    },
    {
        "slug": "exemple-ciney",
        "title": "Exemple : permanence de Ciney, sur rendez-vous (fictive)",
        "commune": "Ciney",
        "street_address": "Place de l'Exemple 2 (adresse fictive)",
        "postal_code": "5590",
        "latitude": "50.2960",
        "longitude": "5.1000",
        "email": "ciney@example.org",
        "languages": "français, néerlandais",
        "appointment": Appointment.REQUIRED,
        "step_free_access": StepFreeAccess.PARTIAL,
        "access_notes": "Exemple : bureau au premier étage, ascenseur à l'arrière du bâtiment (indication fictive).",
        "week": {"wednesday": "13:00-17:00", "friday": "9:00-12:30"},
    },
    {
        "slug": "exemple-gembloux",
        "title": "Exemple : bureau d'accueil de Gembloux (fictif)",
        "commune": "Gembloux",
        "street_address": "Avenue de l'Exemple 3 (adresse fictive)",
        "postal_code": "5030",
        "latitude": "50.5610",
        "longitude": "4.6990",
        "email": "gembloux@example.org",
        "languages": "français, ukrainien, russe",
        "appointment": Appointment.EITHER,
        "week": {
            "monday": "8:30-12:00 13:00-16:30",
            "wednesday": "8:30-12:00 13:00-16:30",
            "friday": "8:30-12:00",
            "saturday": "9:00-12:00",
        },
    },
]


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
        self.build_offices()
        self.build_directory()
        DemoIllustrations(self.report, self.memory, DEMO_NOTE).build()

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
                teams[team_name] = TeamFactory(name=team_name)  # found by name if it exists
            member = TeamMemberFactory(
                name=f"Exemple : {name}",
                role=role,
                team=teams[team_name],
                email=f"exemple.{number + 1}@example.org",
                photo=self.avatar(number) if number < 2 else None,
                photo_consent=number == 0,  # the second photo has no consent: it is never shown
                sort_order=number,
            )
            self.memory.remember(key, member)
            self.report.add_created(f"démo : membre de l'équipe « {member.name} »")

    def avatar(self, number):
        return ImageFactory(
            title=f"Exemple : portrait fictif {number + 1}",
            file__width=320,
            file__height=320,
            file__color=[(10, 90, 112), (168, 66, 13)][number % 2],
            file__filename="portrait.png",
            collection=collection_named(TEAM) or Collection.get_first_root_node(),  # photos of people: "Équipe"
        )

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

    def page_to_create(self, index, label, slug):
        """The memory key of the demo page ``slug`` if it is to be created now; None (reported) if it is skipped.

        A page is created once: never again once remembered (editors may have deleted it), and a page editors
        made with the same slug under ``index`` is adopted as it is.
        """
        key = f"demo:{label}:{slug}"
        if not self.once(key, f"{label} « {slug} »"):
            return None
        existing = index.get_children().filter(slug=slug).first()
        if existing is not None:
            self.memory.remember(key, existing)
            self.report.add_skipped(f"démo : {label} « {slug} » (existait déjà)")
            return None
        return key

    def created(self, key, label, page):
        self.memory.remember(key, page)
        self.report.add_created(f"démo : {label} « {page.title} »")

    def build_news(self, count):
        index = NewsIndexPage.objects.first()
        if index is None:
            return
        subjects = cycle(NEWS_SUBJECTS)
        for number in range(count):
            subject, intro = next(subjects)
            slug = f"exemple-actualite-{number + 1:02d}"
            key = self.page_to_create(index, "actualité", slug)
            if key is None:
                continue
            themes = self.themes_for(number)
            page = NewsPageFactory(
                parent=index,
                title=f"Exemple : {subject} ({themes[0].title})",
                slug=slug,
                editor_note=DEMO_NOTE,
                intro=intro,
                published_on=self.today - datetime.timedelta(days=17 * number + 2),
                body=[("paragraph", f"<p>{intro} Aucune information de cette page n'est réelle.</p>")],
                thematiques=themes,
            )
            self.created(key, "actualité", page)

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
            slug = f"exemple-formation-{number + 1:02d}"
            key = self.page_to_create(index, "formation", slug)
            if key is None:
                continue
            online = number % 4 == 3
            page = TrainingPageFactory(
                parent=index,
                title=title,
                slug=slug,
                editor_note=DEMO_NOTE,
                intro="Une formation fictive, pour montrer l'agenda des formations.",
                is_free=number % 3 != 0,
                price="" if number % 3 != 0 else "20 € par journée (exemple)",
                registration_mode=RegistrationMode.ON_REQUEST,
                registration_deadline=self.today + datetime.timedelta(days=max(offsets) - 3),
                session_choice=len(offsets) == 3,  # (90, 97, 104): three dates to choose from
                capacity=None if len(offsets) == 3 else (12, 2, None)[number % 3],
                body=[("paragraph", "<p>Contenu, objectifs et méthode de cette formation fictive.</p>")],
                sessions=[
                    TrainingSessionFactory.build(
                        sort_order=order,
                        date=self.today + datetime.timedelta(days=offset),
                        starts_at=datetime.time(9, 30),
                        ends_at=datetime.time(16, 30),
                        online=online,
                        place_name="" if online else "Salle de formation (exemple)",
                        place_address="",
                        capacity=8 if len(offsets) == 3 else None,
                    )
                    for order, offset in enumerate(offsets)
                ],
                audiences=[audiences[number % len(audiences)]] if audiences else [],
                organisers=[organiser for organiser in ([cai] if number % 2 == 0 and cai else [partner]) if organiser],
                thematiques=self.themes_for(number),
            )
            self.created(key, "formation", page)
            if page.capacity == 2 and not page.is_past():  # a full training, to show the waiting list
                for seat, status in enumerate(["registered", "registered", "waiting"], start=1):
                    RegistrationFactory(
                        training=page,
                        status=status,
                        name=f"Exemple : personne fictive {seat}",
                        email=f"inscription-{number + 1}-{seat}@example.org",
                        organisation="Exemple : association fictive",
                    )

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
        subjects = cycle(PUBLICATION_SUBJECTS)
        for number in range(count):
            title = f"Exemple : {next(subjects)} ({number + 1})"
            slug = f"exemple-publication-{number + 1:02d}"
            key = self.page_to_create(index, "publication", slug)
            if key is None:
                continue
            document = DocumentFactory(title=title, collection=collection)
            page = PublicationPageFactory(
                parent=index,
                title=title,
                slug=slug,
                editor_note=DEMO_NOTE,
                intro="Une publication fictive, pour montrer le catalogue.",
                year=self.today.year - number % 8,
                publication_type=types[number % len(types)],
                authors="Équipe fictive",
                summary="<p>Résumé d'une publication qui n'existe pas.</p>",
                files=[PublicationFile(document=document, label="Version PDF (exemple)")],
                thematiques=self.themes_for(number),
            )
            self.created(key, "publication", page)

    def build_offices(self):
        index = OfficeIndexPage.objects.first()
        if index is None:
            return
        for spec in DEMO_OFFICES:
            key = self.page_to_create(index, "bureau", spec["slug"])
            if key is None:
                continue
            fields = {name: value for name, value in spec.items() if name not in {"week", "closure_in_days"}}
            exceptions = []
            if "closure_in_days" in spec:
                start, end, reason = spec["closure_in_days"]
                exceptions.append(
                    closure(
                        self.today + datetime.timedelta(days=start),
                        self.today + datetime.timedelta(days=end),
                        reason,
                    )
                )
            page = OfficePageFactory(
                parent=index,
                editor_note=DEMO_NOTE,
                intro="Un bureau imaginaire, pour montrer les horaires, les fermetures et la carte.",
                opening_slots=week(**spec["week"]),
                exceptions=exceptions,
                **fields,
            )
            self.created(key, "bureau", page)

    def build_directory(self):
        """The sample CSV of fictitious services, imported once (a second import would undo editors' changes)."""
        if not self.once("demo:directory", "répertoire des services fictif"):
            return
        report = import_sample()
        self.memory.remember("demo:directory")
        self.report.add_created(f"démo : {report.created} services fictifs dans le répertoire")
