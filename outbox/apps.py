from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "outbox"
    verbose_name = "Messages envoyés"

    def ready(self):
        from pages.privacy import Processing, register

        from .mail import purge_mail

        register(
            Processing(
                key="mail",
                title="Copies des e-mails envoyés par le site",
                data="Les adresses de l'expéditeur, des destinataires et de réponse, l'objet, le texte et les pièces "
                "jointes de chaque e-mail que le site envoie (confirmations, messages des formulaires), avec la date "
                "et le résultat de l'envoi.",
                purpose="Envoyer les confirmations et les messages, et les renvoyer si l'envoi a échoué.",
                legal_basis="Celle du formulaire qui envoie l'e-mail (votre demande), et notre intérêt légitime à "
                "nous assurer qu'aucun message ne se perd.",
                recipients="L'équipe du CAI ; le serveur d'e-mail qui les transmet.",
                retention="",
                purge=purge_mail,
                order=30,
            )
        )
