"""The mails of registrations, queued with ``outbox.mail.queue_mail`` inside the transaction that changes the
registration: they leave only if it commits. Plain text from templates in ``trainings/emails/``.

``request`` may be None (a seat freed by a page publish): the default site's addresses and identity are used then.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.text import slugify
from wagtail.admin.utils import get_admin_base_url
from wagtail.models import Site

from contact.models import ContactDetails
from outbox.mail import queue_mail

from .ical import build_calendar, site_identity


def staff_address(registration, request=None):
    """Who hears of registrations: the training's registration e-mail, else the centre's, else the site's sender."""
    if registration.training.registration_email:
        return registration.training.registration_email
    site = Site.find_for_request(request) if request is not None else None
    contact = ContactDetails.for_site(site or Site.objects.get(is_default_site=True))
    return contact.email or settings.DEFAULT_FROM_EMAIL


def context_for(registration, request):
    training = registration.training
    identity = site_identity(request)
    return {
        "registration": registration,
        "training": training,
        "sessions": registration.sessions(),
        "training_url": training.get_full_url(request),
        "cancel_url": registration.cancel_url(request),
        "centre": identity.site_name or identity.short_name,
        "admin_url": get_admin_base_url() + reverse("inscriptions:index") + f"?training={training.pk}",
    }


def calendar_attachment(registration, request):
    """The registration's session(s) as an .ics file, to add them to a calendar in one click."""
    training = registration.training
    sessions = registration.sessions()
    for session in sessions:
        session.page = training  # build_calendar reads the training of each session
    content = build_calendar(request, sessions, training.title).to_ical()
    return (f"{slugify(training.title) or 'formation'}.ics", content, "text/calendar")


def to_visitor(kind, registration, request, subject, template, with_calendar=False):
    context = context_for(registration, request)
    queue_mail(
        kind=kind,
        to=[registration.email],
        subject=subject,
        body=render_to_string(f"trainings/emails/{template}.txt", context),
        reply_to=[staff_address(registration, request)],
        attachments=[calendar_attachment(registration, request)] if with_calendar else (),
    )


def to_staff(kind, registration, request, subject, template):
    queue_mail(
        kind=kind,
        to=[staff_address(registration, request)],
        subject=subject,
        body=render_to_string(f"trainings/emails/{template}.txt", context_for(registration, request)),
        reply_to=[registration.email],
    )


def send_registration_mails(registration, request=None):
    """The visitor's confirmation (with the .ics when they have a seat) and the staff's notification."""
    title = registration.training.title
    if registration.is_registered:
        to_visitor(
            "registration",
            registration,
            request,
            f"Inscription confirmée : {title}",
            "registered",
            with_calendar=True,
        )
        to_staff("registration-staff", registration, request, f"Nouvelle inscription : {title}", "staff_new")
    else:
        to_visitor("registration", registration, request, f"Liste d'attente : {title}", "waiting")
        to_staff(
            "registration-staff",
            registration,
            request,
            f"Nouvelle inscription (liste d'attente) : {title}",
            "staff_new",
        )


def send_promotion_mail(registration, request=None):
    """To someone moved up from the waiting list: they now have a seat."""
    title = registration.training.title
    to_visitor(
        "registration", registration, request, f"Une place s'est libérée : {title}", "promoted", with_calendar=True
    )


def send_cancellation_mails(registration, request=None, by_staff=False):
    """The visitor hears that the registration is cancelled; the staff hear of a cancellation they did not do."""
    title = registration.training.title
    to_visitor(
        "registration",
        registration,
        request,
        f"Inscription annulée : {title}",
        "cancelled_by_staff" if by_staff else "cancelled",
    )
    if not by_staff:
        to_staff("registration-staff", registration, request, f"Annulation : {title}", "staff_cancelled")
