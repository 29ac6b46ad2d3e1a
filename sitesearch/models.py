"""What editors tune the site search with: the visitors' words (synonyms) and the searches that found nothing."""

from django.db import models
from wagtail.admin.panels import FieldPanel

from .text import fold, normalise_query

MAX_RECORDED_LENGTH = 100


class Synonym(models.Model):
    """A word visitors use and the words the site uses for it: the search looks for both."""

    term = models.CharField(
        "Terme des visiteurs",
        max_length=100,
        unique=True,
        help_text="Le mot ou l'expression que les visiteurs tapent, ex. « papiers ».",
    )
    site_terms = models.TextField(
        "Termes du site",
        help_text=(
            "Les mots que le site emploie pour la même chose, un par ligne (ou séparés par des virgules), "
            "ex. « titre de séjour ». La recherche trouve les pages qui contiennent l'un ou l'autre."
        ),
    )

    panels = [FieldPanel("term"), FieldPanel("site_terms")]

    class Meta:
        ordering = ["term"]
        verbose_name = "Synonyme de recherche"
        verbose_name_plural = "Synonymes de recherche"

    def __str__(self):
        return self.term

    def save(self, *args, **kwargs):
        self.term = normalise_query(self.term)
        super().save(*args, **kwargs)

    def site_term_list(self):
        parts = self.site_terms.replace(",", "\n").splitlines()
        return [part.strip() for part in parts if part.strip()]

    @property
    def folded_term(self):
        return fold(self.term)


class UnansweredQuery(models.Model):
    """A search that found nothing: how often and when last, so editors see which words or pages are missing."""

    query_string = models.CharField("Recherche", max_length=MAX_RECORDED_LENGTH, unique=True)
    hits = models.PositiveIntegerField("Nombre de recherches", default=0)
    last_searched_at = models.DateTimeField("Dernière recherche")

    class Meta:
        ordering = ["-hits", "query_string"]
        verbose_name = "Recherche sans résultat"
        verbose_name_plural = "Recherches sans résultat"

    def __str__(self):
        return self.query_string
