"""The processings of personal data the site does, in one registry: the privacy policy lists them from here.

Each app that collects personal data registers what it collects, why, on which legal basis, who receives it and
how long it is kept (read from ``settings.RETENTION_MONTHS`` when it has a setting), from its ``AppConfig.ready()``,
and gives the function that deletes what is older (``purge_personal_data`` calls them). Later features add their
entry here, never text to the page.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.utils import timezone


@dataclass(frozen=True)
class Processing:
    key: str  # also the key of settings.RETENTION_MONTHS when the retention is a setting
    title: str  # "Formulaire de contact"
    data: str  # what is collected
    purpose: str
    legal_basis: str
    recipients: str
    retention: str = ""  # written out when there is no setting (e.g. "le temps de la session")
    retention_url: str = ""  # where the retention is described when another party decides it (its privacy policy)
    purge: object = None  # callable(cutoff datetime) -> number of items deleted
    order: int = 100

    @property
    def retention_months(self):
        return getattr(settings, "RETENTION_MONTHS", {}).get(self.key)

    @property
    def retention_label(self):
        months = self.retention_months
        if months is None:
            return self.retention
        return f"{months} mois" + (f" ({self.retention})" if self.retention else "")

    def cutoff(self, now=None):
        """The moment before which this processing's data is deleted (None without a retention setting)."""
        months = self.retention_months
        if months is None:
            return None
        return (now or timezone.now()) - timedelta(days=round(months * 30.44))


_REGISTRY = {}


def register(processing):
    _REGISTRY[processing.key] = processing


def registered_processings():
    return sorted(_REGISTRY.values(), key=lambda processing: (processing.order, processing.title))


# The other sites a visitor's browser may call, each only after the visitor clicks the button that names it: what
# they receive and keep is decided by their own privacy policy. (The OpenStreetMap maps are registered in apps.py.)
THIRD_PARTY_VIDEOS = (
    Processing(
        key="youtube-videos",
        title="Vidéos YouTube",
        data="Une fois la vidéo affichée : votre adresse IP, l'adresse de la page et votre usage du lecteur "
        "vidéo, reçus par YouTube, qui peut déposer des cookies. Si vous cochez « Toujours afficher les vidéos "
        "YouTube », ce choix est gardé dans la mémoire de votre navigateur (pas un cookie) jusqu'à ce que vous le "
        "retiriez, ci-dessous.",
        purpose="Afficher une vidéo hébergée par YouTube, seulement si vous le demandez.",
        legal_basis="Votre consentement (le bouton « Afficher la vidéo YouTube »).",
        recipients="YouTube, un service de Google, qui diffuse la vidéo.",
        retention="selon la politique de confidentialité de Google",
        retention_url="https://policies.google.com/privacy?hl=fr",
        order=81,
    ),
    Processing(
        key="vimeo-videos",
        title="Vidéos Vimeo",
        data="Une fois la vidéo affichée : votre adresse IP, l'adresse de la page et votre usage du lecteur "
        "vidéo, reçus par Vimeo, qui peut déposer des cookies. Si vous cochez « Toujours afficher les vidéos "
        "Vimeo », ce choix est gardé dans la mémoire de votre navigateur (pas un cookie) jusqu'à ce que vous le "
        "retiriez, ci-dessous.",
        purpose="Afficher une vidéo hébergée par Vimeo, seulement si vous le demandez.",
        legal_basis="Votre consentement (le bouton « Afficher la vidéo Vimeo »).",
        recipients="Vimeo, qui diffuse la vidéo.",
        retention="selon la politique de confidentialité de Vimeo",
        retention_url="https://vimeo.com/privacy",
        order=82,
    ),
)

for _processing in THIRD_PARTY_VIDEOS:
    register(_processing)
