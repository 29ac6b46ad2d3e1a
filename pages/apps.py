from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = "Pages et socle du site"

    def ready(self):
        from . import admin_dates
        from .privacy import Processing, register

        admin_dates.register()

        register(
            Processing(
                key="server-logs",
                title="Journaux du serveur",
                data="Adresse IP, page demandée, date et heure, navigateur.",
                purpose="La sécurité et le bon fonctionnement du site.",
                legal_basis="Notre intérêt légitime à protéger le site.",
                recipients="L'hébergeur du site, pour le compte du CAI.",
                retention="30 jours au maximum",
                order=90,
            )
        )
        register(
            Processing(
                key="map-consent",
                title="Cartes OpenStreetMap",
                data="Votre choix d'afficher les cartes, dans la mémoire de session de votre navigateur (pas un "
                "cookie) ; une fois la carte affichée, OpenStreetMap reçoit votre adresse IP et la zone affichée.",
                purpose="Afficher la carte des bureaux et des services, seulement si vous le demandez.",
                legal_basis="Votre consentement (le bouton « Afficher la carte OpenStreetMap »).",
                recipients="La fondation OpenStreetMap, qui sert les images de la carte.",
                retention="votre choix est oublié à la fermeture de l'onglet",
                retention_url="https://wiki.osmfoundation.org/wiki/Privacy_Policy",
                order=80,
            )
        )
        register(
            Processing(
                key="staff-accounts",
                title="Comptes de l'équipe",
                data="Nom, adresse e-mail et actions dans l'administration du site.",
                purpose="Gérer les contenus du site.",
                legal_basis="Notre intérêt légitime à sécuriser le site.",
                recipients="L'équipe du CAI qui administre le site.",
                retention="tant que la personne travaille pour le CAI",
                order=95,
            )
        )
