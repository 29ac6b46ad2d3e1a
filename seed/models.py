"""The seed's memory: what ``seed_site`` created (or found) once, so that it never creates it again."""

from django.contrib.contenttypes.models import ContentType
from django.db import models


class SeedRecord(models.Model):
    """One item of the seed, by the seed's own identifier ("page:/presentation/", "redirect:/notre-histoire"…).

    The record stays when editors delete, rename, move or empty what the seed made: its presence alone tells the
    seed to leave that item alone for ever.
    """

    key = models.CharField("Identifiant dans le contenu de départ", max_length=255, unique=True)
    content_type = models.ForeignKey(
        ContentType, verbose_name="Type de contenu", null=True, blank=True, on_delete=models.SET_NULL
    )
    object_id = models.CharField("Identifiant de l'objet", max_length=64, blank=True)
    created_at = models.DateTimeField("Date", auto_now_add=True)

    class Meta:
        verbose_name = "Élément du contenu de départ"
        verbose_name_plural = "Éléments du contenu de départ"

    def __str__(self):
        return self.key

    def target(self, model):
        """The object recorded, if it still exists and is a ``model`` (else None)."""
        if not self.object_id:
            return None
        return model._default_manager.filter(pk=self.object_id).first()


class SeedMemory:
    """The records of one seed run, loaded once."""

    def __init__(self):
        self.records = {record.key: record for record in SeedRecord.objects.all()}

    def knows(self, key):
        return key in self.records

    def target(self, key, model):
        record = self.records.get(key)
        return record.target(model) if record is not None else None

    def remember(self, key, obj=None):
        record = SeedRecord(key=key)
        if obj is not None:
            record.content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
            record.object_id = str(obj.pk)
        record.save()
        self.records[key] = record
        return obj
