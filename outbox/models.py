"""Every mail the site sends, stored before it is sent: a failed send is not lost, ``send_pending_mail`` retries it."""

from django.db import models
from django.utils import timezone


class OutgoingMailQuerySet(models.QuerySet):
    def unsent(self):
        return self.exclude(status=OutgoingMail.Status.SENT)

    def unsent_first(self):
        """Unsent mails (pending or failed) first, then the newest first: what staff must look at comes first."""
        sent_last = models.Case(models.When(status=OutgoingMail.Status.SENT, then=1), default=0)
        return self.order_by(sent_last, "-created_at", "-pk")


class OutgoingMail(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Non envoyé (en attente)"
        FAILED = "failed", "Non envoyé (échec, sera réessayé)"
        SENT = "sent", "Envoyé"

    created_at = models.DateTimeField("créé le", default=timezone.now, editable=False)
    kind = models.CharField(
        "type", max_length=40, help_text="Ce qui a déclenché l'envoi : « contact », « registration »…"
    )
    from_email = models.CharField("expéditeur", max_length=254)
    to = models.JSONField("destinataires", default=list, help_text="Liste des adresses des destinataires.")
    reply_to = models.JSONField(
        "répondre à", default=list, blank=True, help_text="Les adresses auxquelles une réponse est envoyée."
    )
    subject = models.CharField("objet", max_length=250)
    body = models.TextField("texte")
    status = models.CharField("état", max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField("tentatives", default=0)
    last_error = models.CharField(
        "dernière erreur", max_length=500, blank=True, help_text="Pourquoi la dernière tentative d'envoi a échoué."
    )
    sent_at = models.DateTimeField("envoyé le", null=True, blank=True)

    objects = OutgoingMailQuerySet.as_manager()

    class Meta:
        verbose_name = "message envoyé par le site"
        verbose_name_plural = "messages envoyés par le site"
        ordering = ["-created_at", "-pk"]
        indexes = [
            # send_pending_mail: the unsent ones, oldest first; the admin filters by status.
            models.Index(fields=["status", "created_at"], name="outbox_mail_status_created"),
            # purge_mail: everything older than the retention.
            models.Index(fields=["created_at"], name="outbox_mail_created"),
        ]

    def __str__(self):
        return self.subject or "(sans objet)"

    @property
    def is_sent(self):
        return self.status == self.Status.SENT

    def recipients(self):
        return ", ".join(self.to)


class OutgoingAttachment(models.Model):
    mail = models.ForeignKey(OutgoingMail, on_delete=models.CASCADE, related_name="attachments", verbose_name="message")
    filename = models.CharField("nom du fichier", max_length=200)
    mimetype = models.CharField("type de fichier", max_length=100)
    content = models.BinaryField("contenu")

    class Meta:
        verbose_name = "pièce jointe"
        verbose_name_plural = "pièces jointes"
        ordering = ["pk"]

    def __str__(self):
        return self.filename
