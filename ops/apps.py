from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Running the site: health endpoint, database outages answered with a 503, backups and restores."""

    name = "ops"
    verbose_name = "Exploitation"
