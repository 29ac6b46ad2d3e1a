"""The kinds of results, as the search labels them and as the ``?type=`` filter names them."""

from django.db import models


class Kind(models.TextChoices):
    PAGE = "page", "Page"
    NEWS = "actualite", "Actualité"
    TRAINING = "formation", "Formation"
    PUBLICATION = "publication", "Publication"
    OFFICE = "bureau", "Bureau d'accueil"
    SERVICE = "service", "Service"
    MEMBER = "membre", "Membre de l'équipe"


PAGE_KIND_VALUES = {Kind.PAGE, Kind.NEWS, Kind.TRAINING, Kind.PUBLICATION, Kind.OFFICE}
