"""/.well-known/security.txt (RFC 9116): where to report a security problem, the centre's e-mail from the settings."""

from django.http import Http404
from django.views.decorators.http import require_GET

from pages.seo import security_txt

from .models import ContactDetails


@require_GET
def security_txt_view(request):
    """The centre's e-mail ("Coordonnées du centre") as the contact; without one, no file (Contact is required)."""
    email = ContactDetails.for_request(request).email
    if not email:
        raise Http404("Aucune adresse e-mail dans les coordonnées du centre.")
    return security_txt(request, email)
