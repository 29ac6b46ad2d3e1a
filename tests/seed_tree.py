"""The seed menu, as the centre's current site shows it (labels, order) with the issue's URLs.

Kept as literal data, independent from the seed command's own definition, so that a test compares the two.
"""

MENU = [
    ("Accueil", "/", []),
    (
        "Présentation",
        "/presentation/",
        [
            ("Qui sommes-nous ?", "/presentation/qui-sommes-nous/"),
            ("Missions décrétales", "/presentation/missions-decretales/"),
            ("Équipe", "/presentation/equipe/"),
            ("Mandats", "/presentation/mandats/"),
        ],
    ),
    (
        "Actions/Services",
        "/actions-services/",
        [
            ("Parcours d'intégration", "/actions-services/parcours-dintegration/"),
            ("Accompagnement", "/actions-services/accompagnement/"),
            ("Formations", "/actions-services/formations/"),
            ("Réseau actions locales", "/actions-services/reseau-actions-locales/"),
            ("Sensibilisation", "/actions-services/sensibilisation/"),
            ("Interpellation", "/actions-services/interpellation/"),
        ],
    ),
    (
        "Thématiques",
        "/thematiques/",
        [
            ("Asile", "/thematiques/asile/"),
            ("Citoyenneté", "/thematiques/citoyennete/"),
            ("Diversité", "/thematiques/diversite/"),
            ("FLE/Alpha/RàN", "/thematiques/fle-alpha-ran/"),
            ("Interculturalité", "/thematiques/interculturalite/"),
            ("Logement", "/thematiques/logement/"),
            ("Lutte contre le racisme", "/thematiques/lutte-contre-le-racisme/"),
            ("MENA", "/thematiques/mena/"),
            ("Migrants en transit", "/thematiques/migrants-en-transit/"),
            ("Migrations", "/thematiques/migrations/"),
            ("Mobilité", "/thematiques/mobilite/"),
            ("Sans-papiers", "/thematiques/sans-papiers/"),
            ("Santé", "/thematiques/sante/"),
            ("Sociojuridique", "/thematiques/sociojuridique/"),
            ("Volontariat", "/thematiques/volontariat/"),
        ],
    ),
    (
        "Ressources",
        "/ressources/",
        [
            ("Outils et publications", "/ressources/outils-et-publications/"),
            ("Chiffres", "/ressources/chiffres/"),
            ("Actus du secteur", "/ressources/actus-du-secteur/"),
            ("Répertoires et cartographies", "/ressources/repertoires-et-cartographies/"),
        ],
    ),
    ("Campagne Discrimination", "/campagne-discrimination/", []),
    (
        "Contact",
        "/contact/",
        [
            ("Bureaux d'accueil", "/contact/bureau-daccueil/"),
            ("Écrire au centre", "/contact/ecrire/"),
        ],
    ),
    ("Ukraine", "/ukraine/", []),
]

# Seeded pages that are not in the menu.
OFF_MENU = {
    "/presentation/qui-sommes-nous/histoire-du-centre/": "Histoire du Centre",
    "/politique-de-confidentialite/": "Politique de confidentialité",
    "/declaration-daccessibilite/": "Déclaration d'accessibilité",
    "/mentions-legales/": "Mentions légales",
    "/projets-cofinances/": "Projets cofinancés par l'Union européenne",
    "/contact/bureau-daccueil/saint-servais/": "Saint-Servais (Namur) – siège du CAI",
}


def all_urls():
    urls = []
    for _title, url, children in MENU:
        urls.append(url)
        urls.extend(child_url for _child, child_url in children)
    return urls + list(OFF_MENU)
