from django.apps import AppConfig


class ContactConfig(AppConfig):
    name = "contact"
    verbose_name = "Contact"

    def ready(self):
        from pages.privacy import Processing, register

        from .models import purge_contact_submissions

        register(
            Processing(
                key="contact",
                title="Formulaire de contact",
                data="Les champs du formulaire (nom, e-mail, sujet, message…).",
                purpose="Répondre à votre demande.",
                legal_basis="Notre intérêt légitime à répondre à qui nous écrit.",
                recipients="L'équipe du CAI concernée par votre demande.",
                retention="",
                purge=purge_contact_submissions,
                order=10,
            )
        )
