from django.apps import AppConfig
from django.conf import settings


class GuardConfig(AppConfig):
    name = "guard"
    verbose_name = "Protection des formulaires"

    def ready(self):
        from pages.privacy import Processing, register

        minutes = max(1, settings.SPAM_RATE_WINDOW_SECONDS // 60)
        register(
            Processing(
                key="form-protection",
                title="Protection des formulaires contre les envois automatiques",
                data="Votre adresse IP (en IPv6, son réseau) et le nombre d'envois de formulaire faits depuis "
                "celle-ci ; l'heure à laquelle le formulaire a été affiché, dans le formulaire lui-même.",
                purpose="Refuser les envois automatiques (spam) sans service extérieur ni captcha.",
                legal_basis="Notre intérêt légitime à protéger nos formulaires et les personnes qui les lisent.",
                recipients="Personne : le compte reste sur notre serveur.",
                retention=f"{minutes} minutes pour le compte ; un envoi refusé est noté dans les journaux du serveur",
                order=85,
            )
        )
        register(
            Processing(
                key="login-protection",
                title="Protection de la connexion à l'administration",
                data="Lors d'un essai de connexion à l'administration du site (réservée à l'équipe) : le nombre "
                "d'échecs pour le nom d'utilisateur essayé et pour votre adresse IP (en IPv6, son réseau).",
                purpose="Bloquer les essais de mots de passe en série.",
                legal_basis="Notre intérêt légitime à protéger les comptes de l'équipe et les données du site.",
                recipients="Personne : le compte reste sur notre serveur.",
                retention=f"{settings.AXES_COOLOFF_MINUTES} minutes après le dernier échec",
                order=86,
            )
        )
