"""The seed site: the page tree, its texts, the settings and the footer sponsors.

Facts come from the centre's current site and its fact sheet (copied here; nothing reads them at run time).
Where the centre must still supply information, the page says so honestly and carries a note for editors.

In body texts, ``{page:/chemin/}`` stands for the id of the seeded page at that URL; the builder resolves it
once every page exists, so a text may link to a page created after it.
"""

from dataclasses import dataclass, field

from contact.factories import form_fields as contact_form_fields
from contact.factories import routes as contact_subject_routes
from pages.phone import tel_href


@dataclass
class PageSpec:
    title: str
    slug: str
    model: str
    intro: str = ""
    body: list = field(default_factory=list)
    editor_note: str = ""
    show_in_menus: bool = True
    children: list = field(default_factory=list)
    fields: dict = field(default_factory=dict)  # other fields of the page type, set with the body


@dataclass(frozen=True)
class ListRef:
    """An entry of a list the seed creates (a publication type…), resolved to its object when pages are filled."""

    kind: str
    model: str
    name: str


@dataclass(frozen=True)
class PageRef:
    """A page the seed creates, named by its URL, resolved to the page once every page exists."""

    path: str


PHONE = "081 73 71 76"
EMAIL = "info@cainamur.be"
MAIN_OFFICE_PATH = "/contact/bureau-daccueil/saint-servais/"


def phone_link(number=PHONE):
    return f'<a href="{tel_href(number)}">{number}</a>'


def email_link(address=EMAIL):
    return f'<a href="mailto:{address}">{address}</a>'


def find_us():
    """The "Où nous trouver" block that ends the pages for newcomers: the main office."""
    return ("find_us", {"heading": "Où nous trouver", "office": PageRef(MAIN_OFFICE_PATH)})


def heading(text, level="h2"):
    return ("heading", {"text": text, "level": level})


def paragraph(html):
    return ("paragraph", html)


def pending(message):
    """What the centre is still preparing for a page; the block adds how to reach the centre meanwhile."""
    return ("pending", {"message": message})


def note(what):
    """A note for editors on a page whose content the centre must still provide."""
    return (
        f"À compléter par le CAI : {what} Le texte actuel est une introduction provisoire, sans information inventée."
    )


HISTORY_HEADING = "Du C.S.C.I.N. au CAI, plus de 30 ans d'histoire"

HISTORY_PARAGRAPHS = [
    "Notre association a été créée en 1982 à la suite d'une étude réalisée par la commission namuroise "
    "« Pauvreté » de la Fondation Roi Baudouin, qui a mis en évidence les réalités démographiques et culturelles "
    "de l'immigration, mais surtout l'absence de structure spécialisée œuvrant pour cette cause. La constitution "
    "de l'association en A.S.B.L. remonte à 1984, sous le nom de Centre socioculturel des immigrés de la province "
    "de Namur (C.S.C.I.N.).",
    "Dans ses débuts, le C.S.C.I.N. se préoccupait essentiellement de la population immigrée d'origine européenne. "
    "Pas à pas, avec l'explosion du chômage et les phénomènes d'exclusion, avec l'évolution des migrations, un "
    "intérêt pour d'autres populations est apparu. Devant ces changements et avec l'{agrement} de l'association en "
    "1997 comme Centre régional pour l'intégration des personnes étrangères et d'origine étrangère (CRI), le "
    "C.S.C.I.N. s'adapte jusqu'à modifier son nom. Il devient le CAI : Centre d'action interculturelle de la "
    "province de Namur. La volonté reste néanmoins de maintenir une identité spécifique, forgée autour d'un projet "
    "politique, guidant l'action et la stratégie dans un engagement pour une société plus égalitaire.",
    "Depuis toutes ces années le CAI travaille d'abord en deuxième ligne, avec des associations et des services "
    "publics ou tout intervenant social en lien avec les personnes étrangères par la formation, la sensibilisation, "
    "la création de lieux d'échanges et de synergies. Cependant, la notion de première ligne est présente, en "
    "articulation avec les services existants, et consiste à accompagner individuellement ou collectivement des "
    "personnes issues de l'immigration dans leurs diverses démarches d'intégration. Celle-ci s'est même renforcée "
    "au cours du temps, avec l'arrivée en 2014 au parcours d'accueil puis du {parcours} en 2016 (et modifié en "
    "2018).",
    "Ces dernières années ont été particulièrement marquées par l'impact des pouvoirs publics et en particulier de "
    "la Wallonie. En effet, de décret en décret, l'intégration des personnes étrangères s'est précisé "
    "politiquement, institutionnellement et administrativement : d'un parcours d'accueil, nous sommes passés à un "
    "parcours d'intégration rendu obligatoire pour toute une catégorie de primo-arrivants.",
]

HISTORY_LINKS = {
    "agrement": '<a linktype="page" id="{page:/presentation/missions-decretales/}">agrément</a>',
    "parcours": ('<a linktype="page" id="{page:/actions-services/parcours-dintegration/}">parcours d\'intégration</a>'),
}


def history_body():
    paragraphs = "".join(f"<p>{text.format(**HISTORY_LINKS)}</p>" for text in HISTORY_PARAGRAPHS)
    return [heading(HISTORY_HEADING), paragraph(paragraphs)]


THEMES = [
    ("Asile", "asile"),
    ("Citoyenneté", "citoyennete"),
    ("Diversité", "diversite"),
    ("FLE/Alpha/RàN", "fle-alpha-ran"),
    ("Interculturalité", "interculturalite"),
    ("Logement", "logement"),
    ("Lutte contre le racisme", "lutte-contre-le-racisme"),
    ("MENA", "mena"),
    ("Migrants en transit", "migrants-en-transit"),
    ("Migrations", "migrations"),
    ("Mobilité", "mobilite"),
    ("Sans-papiers", "sans-papiers"),
    ("Santé", "sante"),
    ("Sociojuridique", "sociojuridique"),
    ("Volontariat", "volontariat"),
]


def theme_page(title, slug):
    return PageSpec(
        title,
        slug,
        "thematiques.ThematiquePage",
        intro=f"Les actualités, formations, publications et pages du CAI sur le thème « {title} ».",
        editor_note=note(f"une présentation du thème « {title} »."),
    )


STANDARD = "pages.StandardPage"
SECTION = "pages.SectionPage"

TREE = [
    PageSpec(
        "Présentation",
        "presentation",
        SECTION,
        intro="Qui est le Centre d'action interculturelle de la province de Namur, ses missions et son équipe.",
        children=[
            PageSpec(
                "Qui sommes-nous ?",
                "qui-sommes-nous",
                STANDARD,
                intro=(
                    "Le Centre d'action interculturelle de la province de Namur (CAI) est une ASBL agréée par la "
                    "Wallonie comme centre régional d'intégration (CRI), l'un des huit centres régionaux "
                    "d'intégration de Wallonie."
                ),
                body=[
                    paragraph(
                        "<p>Le CAI agit pour une société interculturelle. Il travaille surtout en deuxième ligne : "
                        "formation, sensibilisation et mise en réseau des associations et des services publics qui "
                        "accompagnent les personnes étrangères ou d'origine étrangère.</p>"
                        "<p>Il travaille aussi en première ligne, en accompagnant individuellement ou en groupe les "
                        "personnes nouvellement arrivées dans leurs démarches d'intégration.</p>"
                    ),
                ],
                children=[
                    PageSpec(
                        "Histoire du Centre",
                        "histoire-du-centre",
                        STANDARD,
                        intro="Du Centre socioculturel des immigrés de la province de Namur au CAI.",
                        body=history_body(),
                        show_in_menus=False,
                    ),
                ],
            ),
            PageSpec(
                "Missions décrétales",
                "missions-decretales",
                STANDARD,
                intro=(
                    "Le Code wallon de l'action sociale (2018) confie sept missions aux centres régionaux "
                    "d'intégration, dont le CAI pour la province de Namur."
                ),
                body=[
                    heading("Parmi ces missions"),
                    paragraph(
                        "<ul>"
                        "<li>le parcours d'intégration des primo-arrivants ;</li>"
                        "<li>le soutien aux initiatives locales d'intégration ;</li>"
                        "<li>la formation des professionnels ;</li>"
                        "<li>la sensibilisation et le dialogue interculturel ;</li>"
                        "<li>la récolte et la centralisation de données sur l'intégration dans la province ;</li>"
                        "<li>la coordination des activités d'intégration au niveau local (plan local et plan "
                        "provincial d'intégration).</li>"
                        "</ul>"
                        "<p>Depuis 2025, le décret y ajoute l'insertion socioprofessionnelle.</p>"
                    ),
                ],
                editor_note=note("la formulation exacte de chacune des sept missions, à confirmer."),
            ),
            PageSpec(
                "Équipe",
                "equipe",
                "about.TeamPage",
                intro="Les personnes qui font le CAI, par équipe et par service.",
                editor_note=note(
                    "les membres de l'équipe, dans « Équipe › Membres » (nom, fonction, service), avec leur accord "
                    "pour la photo."
                ),
            ),
            PageSpec(
                "Mandats",
                "mandats",
                "about.MandatesPage",
                intro="Les organes et réseaux où siège le CAI.",
                editor_note=note("les mandats du centre : organe, rôle du CAI, depuis quand, lien."),
            ),
        ],
    ),
    PageSpec(
        "Actions/Services",
        "actions-services",
        SECTION,
        intro=(
            "Ce que fait le CAI : accompagner les personnes nouvellement arrivées, former et mettre en réseau les "
            "professionnels, sensibiliser et interpeller."
        ),
        children=[
            PageSpec(
                "Parcours d'intégration",
                "parcours-dintegration",
                STANDARD,
                intro=("Le parcours d'intégration accompagne les primo-arrivants dans leurs premiers pas en Wallonie."),
                body=[
                    heading("Le module d'accueil"),
                    paragraph(
                        "<p>Le parcours commence par un module d'accueil gratuit et personnalisé, avec un "
                        "interprète si nécessaire. Il comprend un bilan social et une information sur les droits "
                        "et devoirs.</p>"
                    ),
                    heading("La suite du parcours"),
                    paragraph(
                        "<ul><li>des cours de français langue étrangère (FLE) ;</li>"
                        "<li>une formation à la citoyenneté ;</li>"
                        "<li>une orientation socioprofessionnelle.</li></ul>"
                    ),
                    find_us(),
                ],
                editor_note=note("les conditions, les démarches et les lieux du parcours d'intégration."),
            ),
            PageSpec(
                "Accompagnement",
                "accompagnement",
                STANDARD,
                intro=(
                    "En première ligne, le CAI accompagne individuellement ou en groupe des personnes "
                    "nouvellement arrivées dans leurs démarches d'intégration."
                ),
                body=[pending("Le CAI prépare la présentation de ses services d'accompagnement."), find_us()],
                editor_note=note("les services d'accompagnement proposés, pour qui, où et comment."),
            ),
            PageSpec(
                "Formations",
                "formations",
                "trainings.TrainingIndexPage",
                intro=(
                    "Le CAI organise, seul ou avec des partenaires, des formations pour les professionnels et les "
                    "associations, par exemple sur l'interculturalité, la diversité ou la citoyenneté."
                ),
                editor_note=note("le calendrier des formations : ajoutez chaque formation comme sous-page."),
            ),
            PageSpec(
                "Réseau actions locales",
                "reseau-actions-locales",
                STANDARD,
                intro=(
                    "Le Plan provincial et local d'intégration (PPLI), lancé en 2016, est mené avec la Province et "
                    "des partenaires locaux."
                ),
                body=[
                    paragraph(
                        "<p>Le CAI soutient les initiatives locales d'intégration et anime des coordinations "
                        "locales.</p>"
                    ),
                    pending("Le CAI prépare la présentation des coordinations locales et des partenaires du PPLI."),
                ],
                editor_note=note("les coordinations locales et les partenaires du PPLI."),
            ),
            PageSpec(
                "Sensibilisation",
                "sensibilisation",
                STANDARD,
                intro="Expositions, campagnes et vidéos pour sensibiliser le public aux réalités des migrations.",
                body=[pending("Le CAI prépare la présentation de ses expositions, campagnes et vidéos.")],
                editor_note=note("les outils et actions de sensibilisation disponibles."),
            ),
            PageSpec(
                "Interpellation",
                "interpellation",
                STANDARD,
                intro=(
                    "Le CAI interpelle les pouvoirs publics par des lettres ouvertes et des prises de position, "
                    "par exemple sur la situation des migrants en transit."
                ),
                body=[pending("Le CAI prépare la publication de ses lettres ouvertes et prises de position.")],
                editor_note=note("les lettres ouvertes et prises de position à publier."),
            ),
        ],
    ),
    PageSpec(
        "Thématiques",
        "thematiques",
        "thematiques.ThematiqueIndexPage",
        intro="Les contenus du CAI classés par thème.",
        children=[theme_page(title, slug) for title, slug in THEMES],
    ),
    PageSpec(
        "Ressources",
        "ressources",
        SECTION,
        intro="Publications, chiffres, actualités du secteur et répertoires utiles.",
        children=[
            PageSpec(
                "Outils et publications",
                "outils-et-publications",
                "publications.PublicationIndexPage",
                intro=(
                    "Les publications du CAI : les cahiers « Coaxions » (2004–2019), un guide pour les citoyens qui "
                    "hébergent des migrants en transit, le rapport statistique annuel « CAIstiques » et d'autres "
                    "outils."
                ),
                editor_note=note("les publications et leurs fichiers PDF, chacune comme sous-page."),
            ),
            PageSpec(
                "Chiffres",
                "chiffres",
                "figures.FiguresPage",
                intro=(
                    "Depuis 2018, le rapport annuel « CAIstiques » rassemble des chiffres sur les personnes "
                    "étrangères et les acteurs de l'intégration dans la province de Namur."
                ),
                body=[
                    (
                        "key_figure",
                        {
                            "number": "1 046",
                            "label": "personnes accompagnées par le CAI",
                            "year": 2021,
                            "source": "CAIstiques, rapport statistique du CAI",
                        },
                    ),
                    (
                        "key_figure",
                        {
                            "number": "5,29 %",
                            "label": "de personnes de nationalité étrangère dans la population de la province au "
                            "1er janvier 2021",
                            "year": 2021,
                            "source": "CAIstiques, rapport statistique du CAI",
                        },
                    ),
                ],
                editor_note=note(
                    "les séries de chiffres (tableaux et graphiques) et les rapports CAIstiques en PDF, à publier "
                    "comme publications de type « CAIstiques »."
                ),
                fields={"report_type": ListRef("publication-type", "publications.PublicationType", "CAIstiques")},
            ),
            PageSpec(
                "Actus du secteur",
                "actus-du-secteur",
                "news.NewsIndexPage",
                intro="Les actualités du secteur de l'intégration et de l'interculturalité.",
                editor_note=note("les actualités du secteur, chacune comme sous-page."),
            ),
            PageSpec(
                "Répertoires et cartographies",
                "repertoires-et-cartographies",
                "directory.DirectoryPage",
                intro=(
                    "Les services utiles aux personnes nouvellement arrivées dans la province de Namur : adresses, "
                    "contacts, horaires et langues parlées. Filtrez par thématique ou par commune."
                ),
                editor_note=note(
                    "les services du répertoire (menu « Répertoire des services », ou import CSV avec "
                    "manage.py import_directory, voir directory/data/README.md), le Guide du migrant et les "
                    "cartographies."
                ),
            ),
        ],
    ),
    PageSpec(
        "Campagne Discrimination",
        "campagne-discrimination",
        "pages.CampaignPage",
        intro="Comprendre ce qu'est une discrimination et savoir quoi faire si vous en êtes victime ou témoin.",
        fields={
            "definition": (
                "<p>Une discrimination, c'est traiter une personne moins bien qu'une autre dans une situation "
                "comparable, à cause d'une caractéristique protégée par la loi : son origine, son âge, son handicap, "
                "ses convictions… Une règle qui paraît neutre peut aussi être discriminatoire quand elle désavantage "
                "surtout les personnes qui ont une de ces caractéristiques, sans justification.</p>"
                "<p>En Belgique, la législation contre les discriminations (lois du 10 mai 2007) protège ces "
                "caractéristiques dans de nombreux domaines de la vie, comme le logement, l'école ou le travail.</p>"
            ),
            "examples": [
                (
                    "example",
                    {
                        "domain": "logement",
                        "text": "Un propriétaire refuse de louer un appartement à une personne à cause de son nom "
                        "d'origine étrangère.",
                    },
                ),
                (
                    "example",
                    {
                        "domain": "ecole",
                        "text": "Une école refuse d'inscrire un élève à cause de son handicap, sans examiner les "
                        "aménagements possibles.",
                    },
                ),
                (
                    "example",
                    {
                        "domain": "travail",
                        "text": "Un employeur écarte les candidatures des personnes de plus de 50 ans, sans raison "
                        "liée au poste.",
                    },
                ),
            ],
            "criteria_intro": "<p>La loi protège 19 critères. Une différence de traitement fondée sur l'un d'eux "
            "est interdite, sauf justification prévue par la loi.</p>",
            "protected_criteria": "\n".join(
                [
                    "la nationalité",
                    "une prétendue race",
                    "la couleur de peau",
                    "l'ascendance",
                    "l'origine nationale ou ethnique",
                    "l'âge",
                    "l'orientation sexuelle",
                    "l'état civil",
                    "la naissance",
                    "la fortune",
                    "la conviction religieuse ou philosophique",
                    "la conviction politique",
                    "la conviction syndicale",
                    "la langue",
                    "l'état de santé actuel ou futur",
                    "un handicap",
                    "une caractéristique physique ou génétique",
                    "l'origine sociale",
                    "le sexe",
                ]
            ),
            "victim_text": (
                "<p>Notez ce qui s'est passé (date, lieu, personnes présentes, propos tenus) et gardez les preuves : "
                "messages, courriers, annonces. Vous pouvez signaler la situation à Unia, l'organisme fédéral chargé "
                "de l'égalité et de la lutte contre les discriminations. Vous pouvez aussi contacter le CAI pour en "
                "parler.</p>"
            ),
            "witness_text": (
                "<p>Soutenez la personne, notez ce que vous avez vu ou entendu et, avec son accord, proposez-lui de "
                "témoigner. Un témoin peut aussi signaler une discrimination à Unia.</p>"
            ),
            "help_links": [
                (
                    "link",
                    {"page": None, "url": "https://www.unia.be/fr", "label": "Unia : signaler une discrimination"},
                ),
            ],
        },
        editor_note=(
            "À vérifier par le CAI : la liste des 19 critères protégés et le lien vers Unia (rédigés à partir de la "
            "loi du 10 mai 2007). Complétez avec les outils de la campagne."
        ),
    ),
    PageSpec(
        "Contact",
        "contact",
        "contact.ContactPage",
        intro="Appeler, écrire ou venir : comment joindre le CAI, et quand ses bureaux d'accueil sont ouverts.",
        fields={"main_office": PageRef(MAIN_OFFICE_PATH)},
        children=[
            PageSpec(
                "Bureaux d'accueil",
                "bureau-daccueil",
                "offices.OfficeIndexPage",
                intro=(
                    "Le CAI accueille les personnes nouvellement arrivées dans la province de Namur. Voici où le "
                    "trouver, et quand."
                ),
                editor_note=(
                    "À vérifier par le CAI : vers 2015, des bureaux d'accueil existaient notamment à Namur, "
                    "Sambreville, Gembloux, Andenne, Dinant, Philippeville, Beauraing et Ciney. Ajoutez chaque bureau "
                    "encore ouvert comme sous-page (adresse, coordonnées, horaires, langues, accès). Cette liste "
                    "ancienne n'est pas publiée : aucune adresse ni aucun horaire n'a été inventé."
                ),
                children=[
                    PageSpec(
                        "Saint-Servais (Namur) – siège du CAI",
                        "saint-servais",
                        "offices.OfficePage",
                        show_in_menus=False,
                        intro="Le siège du Centre d'action interculturelle de la province de Namur.",
                        fields={
                            "commune": "Saint-Servais (Namur)",
                            "street_address": "Rue Docteur Haibe 2",
                            "postal_code": "5002",
                            "phone": PHONE,
                            "email": EMAIL,
                        },
                        editor_note=(
                            "À compléter par le CAI : les heures d'ouverture (section « Heures d'ouverture » de "
                            "l'onglet « Contenu »), les coordonnées géographiques (pour la carte), l'accès en "
                            "transports en commun et de plain-pied, les langues parlées à l'accueil et le rendez-vous "
                            "éventuel. Ils ne sont "
                            "pas connus ici ; tant que les horaires manquent, la page invite à téléphoner."
                        ),
                    ),
                ],
            ),
            PageSpec(
                "Écrire au centre",
                "ecrire",
                "contact.ContactFormPage",
                intro="Posez votre question : le CAI vous répond par e-mail, ou par téléphone si vous le demandez.",
                editor_note=(
                    "À vérifier par le CAI : chaque sujet (Parcours d'intégration, Formations, Autre question) est "
                    "envoyé à l'adresse générale info@cainamur.be, faute d'autre adresse connue. Un administrateur "
                    "(permission « Modifier les destinataires des formulaires ») peut donner à chaque sujet l'adresse "
                    "de l'équipe concernée."
                ),
                fields={
                    "to_address": EMAIL,
                    "form_fields": contact_form_fields,  # fresh unsaved rows each build (a function)
                    "subject_routes": lambda: contact_subject_routes(recipients=EMAIL),
                },
            ),
        ],
    ),
    PageSpec(
        "Ukraine",
        "ukraine",
        "pages.MultilingualPage",
        # The intro is plain text in the page's language (French); the Ukrainian text lives in its own section,
        # marked lang="uk", so that screen readers read each in its language.
        intro="Informations pour les personnes venues d'Ukraine, en français et en ukrainien.",
        body=[
            (
                "section",
                {
                    "language": "fr",
                    "heading": "Informations pour les personnes venues d'Ukraine",
                    "text": (
                        "<p>Le CAI accompagne les personnes nouvellement arrivées dans la province de Namur, "
                        "y compris les personnes venues d'Ukraine. Pour toute question, contactez le CAI au "
                        f"{phone_link()} ou par e-mail à {email_link()}.</p>"
                    ),
                    "links": [
                        {
                            "page": None,
                            "url": "https://www.fedasil.be/",
                            "label": "Fedasil, l'agence fédérale pour l'accueil des demandeurs d'asile",
                        },
                        {"page": None, "url": "https://dofi.ibz.be/", "label": "Office des étrangers"},
                    ],
                },
            ),
            (
                "section",
                {
                    "language": "uk",
                    "heading": "Інформація для людей, які прибули з України",
                    "text": (
                        "<p>CAI супроводжує людей, які нещодавно прибули до провінції Намюр, зокрема людей з "
                        "України. З усіх питань зв'яжіться з CAI за телефоном "
                        f"{phone_link()} або електронною поштою {email_link()}.</p>"
                    ),
                    "links": [
                        {
                            "page": None,
                            "url": "https://www.fedasil.be/",
                            "label": "Fedasil — федеральне агентство з прийому шукачів притулку",
                        },
                        {
                            "page": None,
                            "url": "https://dofi.ibz.be/",
                            "label": "Управління у справах іноземців (Office des étrangers)",
                        },
                    ],
                },
            ),
            find_us(),
        ],
        editor_note=(
            "À vérifier par le CAI : les deux liens officiels (Fedasil, Office des étrangers) et la traduction "
            "ukrainienne. À compléter : les informations utiles, en français et en ukrainien."
        ),
    ),
    PageSpec(
        "Politique de confidentialité",
        "politique-de-confidentialite",
        STANDARD,
        show_in_menus=False,
        intro="Comment le CAI traite les données personnelles recueillies par ce site, et quels sont vos droits.",
        body=[
            heading("Responsable du traitement"),
            paragraph(
                "<p>Le Centre d'action interculturelle de la province de Namur (CAI), ASBL, Rue Docteur Haibe 2, "
                f"5002 Saint-Servais (Namur), Belgique. Pour toute question sur vos données : {email_link()} ou "
                f"{phone_link()}.</p>"
            ),
            heading("Quelles données, pourquoi et combien de temps"),
            paragraph(
                "<p>Le tableau ci-dessous est tenu à jour par le site lui-même : chaque fonction du site qui traite "
                "des données personnelles y est décrite, avec sa durée de conservation réelle. Passé ce délai, les "
                "données sont effacées automatiquement.</p>"
            ),
            ("personal_data", None),
            heading("Qui reçoit vos données"),
            paragraph(
                "<p>Seule l'équipe du CAI concernée par votre demande. L'hébergeur du site (à compléter) les traite "
                "pour notre compte, comme sous-traitant. Le CAI ne vend ni ne cède vos données.</p>"
            ),
            heading("Vos droits"),
            paragraph(
                "<p>Vous pouvez demander l'accès à vos données, leur rectification, leur effacement, la limitation "
                "de leur traitement, leur portabilité, et vous opposer à leur traitement. Écrivez à "
                f"{email_link()} ou à l'adresse du CAI. Nous répondons dans un délai d'un mois.</p>"
                "<p>Si vous estimez que vos droits ne sont pas respectés, vous pouvez introduire une plainte auprès "
                "de l'Autorité de protection des données (APD) : "
                '<a href="https://www.autoriteprotectiondonnees.be/">www.autoriteprotectiondonnees.be</a>.</p>'
            ),
            heading("Cookies"),
            paragraph(
                "<p>Le site n'utilise aucun cookie de mesure d'audience ni de publicité. Seuls des cookies "
                "strictement nécessaires sont déposés : un cookie de sécurité quand vous envoyez un formulaire, et un "
                "cookie de session pour l'équipe du CAI connectée à l'administration. Aucun contenu d'un autre site "
                "(carte, vidéo) n'est chargé sans votre accord.</p>"
                "<p>Les cartes des bureaux d'accueil et des services viennent d'OpenStreetMap. Elles ne s'affichent "
                "que si vous cliquez sur « Afficher la carte OpenStreetMap » : votre navigateur télécharge alors les "
                "images de la carte depuis les serveurs de la fondation OpenStreetMap, qui reçoivent votre adresse IP "
                "et la zone affichée. Votre choix est retenu dans la mémoire de session de votre navigateur "
                "(« sessionStorage », pas un cookie) jusqu'à la fermeture de l'onglet. Sans ce clic, la liste des "
                "adresses reste disponible, avec un lien vers chacune sur openstreetmap.org.</p>"
                "<p>Les vidéos YouTube ou Vimeo d'une page ne se chargent que si vous cliquez sur « Afficher la "
                "vidéo » : l'hébergeur reçoit alors votre adresse IP et peut déposer ses propres cookies. Si vous "
                "cochez « Toujours afficher », ce choix est retenu dans votre navigateur (« localStorage », pas un "
                "cookie) ; vous pouvez le retirer à tout moment dans la section « Vos choix pour les vidéos et les "
                "cartes » de cette page.</p>"
            ),
        ],
        editor_note=(
            "À confirmer par le CAI : les durées de conservation, l'hébergeur et l'adresse de l'APD. Texte rédigé "
            "d'après le RGPD et la loi du 30 juillet 2018."
        ),
    ),
    PageSpec(
        "Déclaration d'accessibilité",
        "declaration-daccessibilite",
        STANDARD,
        show_in_menus=False,
        intro="Le CAI veut que son site soit utilisable par tout le monde, y compris les personnes handicapées.",
        body=[
            heading("Cadre"),
            paragraph(
                "<p>Le CAI s'engage à rendre son site accessible conformément au décret wallon du 2 mai 2019 "
                "relatif à l'accessibilité des sites internet et des applications mobiles des organismes du secteur "
                "public, qui transpose la directive (UE) 2016/2102. Le niveau visé est le niveau AA des règles WCAG "
                "2.1.</p>"
            ),
            heading("État de conformité"),
            paragraph(
                "<p>Le site n'a pas encore fait l'objet d'un audit complet. Son état de conformité sera publié ici "
                "après cet audit.</p>"
            ),
            heading("Comment le site est testé"),
            paragraph(
                "<p>À chaque modification du site, des tests automatiques vérifient :</p>"
                "<ul>"
                "<li>chaque type de page avec l'outil axe-core (règles WCAG A et AA et bonnes pratiques), dans le "
                "navigateur Chromium, sur grand écran et sur téléphone ;</li>"
                "<li>l'usage du menu au clavier seul, avec et sans JavaScript ;</li>"
                "<li>l'absence de défilement horizontal sur un écran de 320 pixels de large.</li>"
                "</ul>"
            ),
            heading("Limites connues"),
            paragraph(
                "<p>Certains documents PDF, en particulier les plus anciens ou ceux de nos partenaires, peuvent ne "
                "pas être accessibles. Demandez-nous une version accessible : nous vous répondrons.</p>"
            ),
            heading("Nous signaler un problème"),
            paragraph(
                f"<p>Si vous ne parvenez pas à accéder à un contenu ou à un service, écrivez à {email_link()} ou "
                f"appelez le {phone_link()}. Nous vous aiderons à obtenir l'information par un autre moyen.</p>"
            ),
            heading("Voie de recours"),
            paragraph(
                "<p>Si notre réponse ne vous satisfait pas, vous pouvez introduire une réclamation auprès du "
                "Médiateur de la Wallonie et de la Fédération Wallonie-Bruxelles : "
                '<a href="https://www.le-mediateur.be/">www.le-mediateur.be</a>.</p>'
            ),
        ],
        editor_note=(
            "À compléter par le CAI : la date de la déclaration et l'état de conformité après audit. À vérifier : "
            "l'adresse du Médiateur."
        ),
    ),
    PageSpec(
        "Mentions légales",
        "mentions-legales",
        STANDARD,
        show_in_menus=False,
        intro="Qui publie ce site.",
        body=[
            heading("Éditeur du site"),
            paragraph(
                "<ul>"
                "<li>Centre d'action interculturelle de la province de Namur (CAI)</li>"
                "<li>Forme juridique : association sans but lucratif (ASBL)</li>"
                "<li>Siège : Rue Docteur Haibe 2, 5002 Saint-Servais (Namur), Belgique</li>"
                "<li>Numéro d'entreprise (BCE) : à compléter</li>"
                f"<li>Téléphone : {phone_link()} – E-mail : {email_link()}</li>"
                "<li>Responsable de la publication : à compléter</li>"
                "</ul>"
            ),
            heading("Hébergement"),
            paragraph("<p>Hébergeur du site : à compléter.</p>"),
        ],
        editor_note=(
            "À compléter par le CAI : le numéro d'entreprise (BCE), le registre des personnes morales, la personne "
            "responsable de la publication et l'hébergeur. Remplacez chaque « à compléter »."
        ),
    ),
    PageSpec(
        "Projets cofinancés par l'Union européenne",
        "projets-cofinances",
        STANDARD,
        show_in_menus=False,
        intro="Le CAI mène des actions cofinancées par l'Union européenne.",
        body=[
            heading("Nos projets cofinancés"),
            pending(
                "Le CAI prépare la description de ses projets cofinancés : objectifs, résultats attendus et soutien "
                "de l'Union européenne."
            ),
        ],
        editor_note=note(
            "pour chaque projet cofinancé : son nom, ses objectifs, ses résultats, le programme européen et le "
            "montant du soutien, avec l'emblème de l'Union européenne."
        ),
    ),
]

HOME = {
    "title": "Accueil",
    "slug": "accueil",
    # The first screen's sentence: what the centre does for a newcomer (the welcome module of the parcours
    # d'intégration: welcome, information on rights and duties, orientation); the intro adds the "deuxième ligne".
    "lead": "Vous arrivez dans la province de Namur ? Le CAI vous accueille, vous informe et vous oriente.",
    "intro": (
        "Le Centre d'action interculturelle forme et accompagne aussi les associations et les services publics qui "
        "travaillent avec les personnes étrangères."
    ),
}

SITE_IDENTITY = {
    "site_name": "Centre d'action interculturelle de la province de Namur",
    "short_name": "CAI Namur",
    "tagline": "Le CAI est un centre régional d'intégration qui agit pour une société interculturelle.",
    "credits": "Site du Centre d'action interculturelle de la province de Namur",
}
LEGAL_PAGES = {
    "privacy_page": "/politique-de-confidentialite/",
    "accessibility_page": "/declaration-daccessibilite/",
    "legal_notice_page": "/mentions-legales/",
}
SITE_PAGES = {"contact_page": "/contact/", "offices_page": "/contact/bureau-daccueil/"}  # header and menu links
EU_SPONSOR = "Cofinancé par l'Union européenne"
EU_PAGE_PATH = "/projets-cofinances/"

CONTACT_DETAILS = {
    "organisation_name": "Le Centre d'action interculturelle de la province de Namur",
    "street_address": "Rue Docteur Haibe 2",
    "postal_code": "5002",
    "locality": "Saint-Servais (Namur)",
    "country": "Belgique",
    "phone": "081 73 71 76",
    "email": "info@cainamur.be",
}


def official_logo_note(organisation):
    return (
        f"Logo officiel à demander à {organisation} (fichier SVG ou PNG sur fond transparent, avec ses règles "
        "d'utilisation), puis à choisir dans « Logo ». En attendant, le nom s'affiche en texte dans le pied de page : "
        "ne le remplacez jamais par un dessin qui imite le logo."
    )


# The partners of the footer, without logos: no drawing imitates another organisation's mark. Each shows its name
# as text until editors choose the official file; the EU emblem is drawn from its published description.
SPONSORS = [
    {"name": "Wallonie", "editor_note": official_logo_note("la Wallonie (SPW Intérieur et Action sociale)")},
    {
        "name": EU_SPONSOR,
        "eu_emblem": True,
        "editor_note": (
            "L'emblème européen est dessiné par le site d'après sa description officielle, et la mention "
            "« Cofinancé par l'Union européenne » est écrite en texte à côté, comme le demandent les règles de "
            "visibilité des fonds européens. Vérifiez auprès du programme qui cofinance le centre si un autre "
            "visuel est imposé ; le cas échéant, choisissez son fichier officiel dans « Logo »."
        ),
    },
    {"name": "Namur Capitale", "editor_note": official_logo_note("Namur Capitale")},
    {"name": "Forem", "editor_note": official_logo_note("le Forem")},
]


# Addresses of the centre's previous sites that must keep working, with the page that replaces each.
REDIRECTS = {
    "/contact/general/": "/contact/",
    "/histoire-du-centre/": "/presentation/qui-sommes-nous/histoire-du-centre/",
    "/notre-histoire": "/presentation/qui-sommes-nous/histoire-du-centre/",
    "/discrimination/": "/campagne-discrimination/",
    "/plan-provincial-et-local-dintegration": "/actions-services/reseau-actions-locales/",
    "/category/thematiques/migrations/": "/thematiques/migrations/",
    "/category/ressources/ressources-outils-et-publications/": "/ressources/outils-et-publications/",
    "/category/actions-services/accompagnement/": "/actions-services/accompagnement/",
    "/tag/interculturalite/": "/thematiques/interculturalite/",
    "/information/centre-de-ressources/chiffres.html": "/ressources/chiffres/",
}

# Lists editors extend in the admin. Audiences name who a training is for (from the centre's own description:
# professionals, associations and public services, and newcomers); the CAI organises its own trainings.
AUDIENCES = ["Professionnels du social", "Associations", "Services publics", "Tout public"]
ORGANISERS = [{"name": "CAI Namur", "website": ""}]
# Newcomers' words and the site's words for the same thing: vocabulary only, no fact about the centre.
SEARCH_SYNONYMS = {
    "papiers": ["titre de séjour"],
    "cours de français": ["FLE", "français langue étrangère"],
}
PUBLICATION_TYPES = ["Brochure", "Guide", "Rapport", "Coaxions", "CAIstiques", "Vidéo", "Outil pédagogique"]
PUBLICATIONS_COLLECTION = "Publications"
