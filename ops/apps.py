from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Running the site: health endpoint, database outages answered with a 503, backups and restores."""

    name = "ops"
    verbose_name = "Exploitation"

    def ready(self):
        from pages.privacy import Processing, register

        register(
            Processing(
                key="backups",
                title="Sauvegardes",
                data="Une copie de toutes les données ci-dessus, telles qu'elles sont le jour de la sauvegarde, et "
                "des fichiers publiés sur le site.",
                purpose="Pouvoir rétablir le site et ses données après une panne, une attaque ou une erreur.",
                legal_basis="Notre intérêt légitime à ne pas perdre les demandes et inscriptions reçues.",
                recipients="Personne : les copies restent chez le CAI et son hébergeur, lisibles par la seule "
                "équipe technique.",
                retention="14 jours pour les sauvegardes quotidiennes ; 12 mois au plus pour une copie mensuelle "
                "gardée hors du serveur",
                order=95,
            )
        )
