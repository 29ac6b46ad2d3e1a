"""Registering for a training on its page: the form, its French errors, guard's spam checks, seats and the waiting
list, the confirmation, the mails (stored in the registration's transaction) and the cancellation link."""

import datetime
from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from icalendar import Calendar

from guard.spam import NEUTRAL_MESSAGE
from outbox.models import OutgoingMail
from pages.privacy import registered_processings
from tests.helpers import count_queries
from trainings.factories import RegistrationFactory
from trainings.models import (
    CONFIRMATION_SALT,
    Registration,
    RegistrationStatus,
    TrainingPage,
    purge_registrations,
)

from .helpers import VALID, confirmation_url, form_of, in_days, post_registration, session_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("spam_checks_off")]


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def text_of(response, selector="main"):
    return soup(response).select_one(selector).get_text(" ", strip=True)


def mails_to(address):
    return [mail for mail in OutgoingMail.objects.order_by("pk") if address in mail.to]


def register(client, training, **changes):
    """Post a valid registration (changed by ``changes``) and follow it to its confirmation page."""
    response = post_registration(client, training, **changes)
    return client.get(confirmation_url(response))


# The form and a valid registration


def test_an_on_request_training_shows_the_form_with_a_gdpr_notice_and_is_never_cached(client, make_training):
    training = make_training()
    response = client.get(training.url)
    form = form_of(response)
    assert form["action"] == training.url + "inscription/"
    names = {field["name"] for field in form.select("input, textarea, select") if field.get("name")}
    assert {"name", "email", "organisation", "phone", "accessibility_needs", "consent"} <= names
    assert "session" not in names  # the registration covers the whole training
    assert [label.get_text(strip=True) for label in form.select("label[for=id_phone]")] == ["Téléphone (facultatif)"]
    notice = soup(response).select_one(".registration__privacy")
    assert notice.select_one("a")["href"] == "/politique-de-confidentialite/"
    assert "12 mois (après la fin de la formation)" in notice.get_text()
    assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert form.select_one("input[name=csrfmiddlewaretoken]")["value"]
    assert "csrftoken" in response.cookies


def test_a_post_without_the_csrf_token_is_refused(make_training):
    training = make_training()
    response = Client(enforce_csrf_checks=True).post(training.url + "inscription/", VALID)
    assert response.status_code == 403 and not Registration.objects.exists()


def test_a_valid_registration_is_stored_as_typed_and_confirmed_on_a_page_of_its_own(client, make_training):
    training = make_training(capacity=10)
    response = post_registration(
        client,
        training,
        name="  Awa <b>Diallo</b> & Cie  ",
        accessibility_needs="Fauteuil roulant <script>alert(1)</script>",
    )
    registration = Registration.objects.get(training=training)
    assert registration.name == "Awa <b>Diallo</b> & Cie"  # as typed (Django trims the edges), never stripped
    assert registration.accessibility_needs == "Fauteuil roulant <script>alert(1)</script>"
    assert registration.status == RegistrationStatus.REGISTERED
    assert registration.session is None and len(registration.token) >= 40

    page = soup(client.get(confirmation_url(response)))
    assert page.find("h1").get_text() == "Inscription confirmée"
    assert "une place vous est réservée" in page.select_one(".registration-result").get_text()
    assert "awa@example.org" in page.select_one(".registration-result").get_text()
    assert len(page.select(".registration-result .sessions li")) == 2
    assert page.select_one("meta[name=robots]")["content"] == "noindex"


def test_the_visitor_and_the_staff_get_their_mails_in_the_registration_transaction(client, make_training):
    training = make_training(title="Communication interculturelle")
    post_registration(client, training, accessibility_needs="Boucle magnétique")
    registration = Registration.objects.get(training=training)
    visitor, staff = OutgoingMail.objects.order_by("pk")
    assert visitor.to == ["awa@example.org"] and visitor.reply_to == ["formations@cai.example"]
    assert visitor.subject == "Inscription confirmée : Communication interculturelle"
    cancel_url = f"http://localhost{training.url}inscription/annulation/{registration.token}/"
    assert cancel_url in visitor.body
    assert "Boucle magnétique" in visitor.body
    for session in training.sorted_sessions():
        assert f"{session.date:%-d}" in visitor.body and "de 09h30 à 16h30 · Salle A" in visitor.body
    attachment = visitor.attachments.get()
    assert attachment.filename == "communication-interculturelle.ics" and attachment.mimetype == "text/calendar"
    events = Calendar.from_ical(bytes(attachment.content)).walk("VEVENT")
    assert [event.decoded("dtstart").date() for event in events] == [in_days(20), in_days(21)]

    assert staff.to == ["formations@cai.example"] and staff.reply_to == ["awa@example.org"]
    assert staff.subject == "Nouvelle inscription : Communication interculturelle"
    assert "ASBL Exemple" in staff.body and "081 12 34 56" in staff.body


def test_without_a_registration_email_the_staff_notice_goes_to_the_centre(client, make_training, site):
    from contact.models import ContactDetails

    ContactDetails.for_site(site).email  # noqa: B018 (the setting exists, seeded)
    training = make_training(registration_email="")
    post_registration(client, training)
    staff = OutgoingMail.objects.get(kind="registration-staff")
    assert staff.to == [ContactDetails.for_site(site).email]


def test_a_subject_built_from_a_title_cannot_add_a_header(client, make_training):
    training = make_training(title="Formation\r\nBcc: victime@example.org")
    post_registration(client, training)
    for mail in OutgoingMail.objects.all():
        assert "\n" not in mail.subject and "\r" not in mail.subject


def test_the_confirmation_really_arrives_by_smtp_with_its_calendar(
    client, make_training, smtp_server, django_capture_on_commit_callbacks
):
    training = make_training(title="Accueillir les primo-arrivants")
    with django_capture_on_commit_callbacks(execute=True):  # the mails leave when the registration commits
        post_registration(client, training)
    messages = smtp_server.wait_for(2)
    visitor = next(message for message in messages if message["To"] == "awa@example.org")
    assert visitor["Subject"].strip() == "Inscription confirmée : Accueillir les primo-arrivants"
    assert "Bonjour Awa Diallo" in visitor.get_body(("plain",)).get_content()
    (attachment,) = list(visitor.iter_attachments())
    assert attachment.get_filename() == "accueillir-les-primo-arrivants.ics"
    assert attachment.get_content_type() == "text/calendar"
    assert len(Calendar.from_ical(attachment.get_payload(decode=True)).walk("VEVENT")) == 2
    assert OutgoingMail.objects.filter(status=OutgoingMail.Status.SENT).count() == 2


def test_with_the_mail_server_down_the_registration_is_kept_confirmed_and_mailed_later(
    client, make_training, smtp_server
):
    training = make_training(title="Accueillir les primo-arrivants", capacity=5)
    smtp_server.stop()
    confirmation = register(client, training)
    assert soup(confirmation).find("h1").get_text() == "Inscription confirmée"
    assert Registration.objects.get(training=training).status == RegistrationStatus.REGISTERED
    unsent = OutgoingMail.objects.exclude(status=OutgoingMail.Status.SENT)
    assert unsent.count() == 2 and smtp_server.messages == []  # the visitor's confirmation and the staff notice

    smtp_server.start()
    call_command("send_pending_mail", stdout=StringIO())
    messages = smtp_server.wait_for(2)
    visitor = next(message for message in messages if message["To"] == "awa@example.org")
    assert visitor["Subject"].strip() == "Inscription confirmée : Accueillir les primo-arrivants"
    assert [part.get_filename() for part in visitor.iter_attachments()] == ["accueillir-les-primo-arrivants.ics"]
    assert OutgoingMail.objects.exclude(status=OutgoingMail.Status.SENT).count() == 0
    call_command("send_pending_mail", stdout=StringIO())  # sent once only
    assert len(smtp_server.messages) == 2


# Errors, in French, tied to their fields


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("name", "", "Indiquez votre nom et votre prénom."),
        ("name", "x" * 151, "Assurez-vous que cette valeur comporte au plus 150 caractères"),
        ("email", "", "Indiquez votre adresse e-mail."),
        ("email", "awa@", "Indiquez une adresse e-mail valide, par exemple nom@example.org."),
        ("organisation", "   ", "Indiquez votre organisation, ou « À titre personnel »."),
        ("phone", "appelez-moi", "Indiquez un numéro de téléphone valide"),
        ("phone", "12", "Indiquez un numéro de téléphone valide"),
        ("accessibility_needs", "x" * 1001, "Assurez-vous que cette valeur comporte au plus 1000 caractères"),
        ("consent", None, "Cochez cette case pour que nous puissions enregistrer votre inscription."),
        ("name", "Awa\x00", "Le caractère nul n’est pas autorisé."),
    ],
)
def test_each_invalid_field_gets_a_french_message_tied_to_it(client, make_training, field, value, message):
    training = make_training()
    response = post_registration(client, training, **{field: value})
    page = soup(response)
    assert not Registration.objects.exists() and not OutgoingMail.objects.exists()

    summary = page.select_one("[data-error-summary]")
    assert summary["tabindex"] == "-1"
    assert summary.find("h3").get_text() == "Le formulaire contient une erreur"
    link = summary.select_one("a")
    assert link["href"] == f"#id_{field}" and message in link.get_text()

    widget = page.select_one(f"#id_{field}")
    assert widget["aria-invalid"] == "true"
    assert f"id_{field}_error" in widget["aria-describedby"].split()
    assert message in page.select_one(f"#id_{field}_error").get_text()
    assert page.select_one("script[src$='trainings/js/error-summary.js']") is not None
    if field != "name":  # the other values are kept
        assert page.select_one("#id_name")["value"] == VALID["name"]
        assert page.select_one("#id_consent").has_attr("checked") == (field != "consent")


def test_several_errors_are_all_listed_in_the_summary_in_the_form_order(client, make_training):
    training = make_training()
    page = soup(post_registration(client, training, name="", email="faux", consent=None))
    links = [a["href"] for a in page.select("[data-error-summary] a")]
    assert links == ["#id_name", "#id_email", "#id_consent"]
    assert page.select_one("[data-error-summary] h3").get_text() == "Le formulaire contient 3 erreurs"


# Spam: guard's checks, one neutral message, nothing stored nor mailed


def assert_rejected_as_spam(response):
    page = soup(response)
    assert NEUTRAL_MESSAGE in page.select_one("[data-error-summary]").get_text()
    assert not Registration.objects.exists()
    assert not OutgoingMail.objects.exists()


def test_a_filled_honeypot_is_rejected_with_the_neutral_message(client, make_training):
    assert_rejected_as_spam(post_registration(client, make_training(), **{"site-internet": "https://spam.example"}))


def test_a_form_sent_too_fast_is_rejected(client, make_training, settings):
    settings.SPAM_MIN_FILL_SECONDS = 60
    assert_rejected_as_spam(post_registration(client, make_training()))


def test_a_form_without_its_start_time_is_rejected(client, make_training):
    assert_rejected_as_spam(post_registration(client, make_training(), **{"form-started": None}))


def test_the_rate_limit_counts_registrations_per_address(client, make_training, settings):
    settings.SPAM_RATE_LIMIT = 2
    training = make_training()
    for number in range(2):
        assert post_registration(client, training, email=f"p{number}@example.org").status_code == 302
    response = post_registration(client, training, email="p3@example.org")
    page = soup(response)
    assert NEUTRAL_MESSAGE in page.select_one("[data-error-summary]").get_text()
    assert Registration.objects.count() == 2 and OutgoingMail.objects.count() == 4


# Seats and the waiting list


def test_whole_training_seats_fill_then_the_waiting_list_is_told_before_and_after(client, make_training):
    training = make_training(capacity=2, title="Cycle complet")
    assert text_of(client.get(training.url), ".registration__seats") == "Plus que 2 places"
    register(client, training, email="a@example.org")
    assert text_of(client.get(training.url), ".registration__seats") == "Plus qu'une place"
    register(client, training, email="b@example.org")

    page = soup(client.get(training.url))
    assert page.select_one(".registration__seats").get_text() == "Complet : inscription sur liste d'attente"
    assert "votre inscription sera placée sur la liste d'attente" in page.select_one(".registration .notice").get_text()
    assert page.select_one(".registration-form button").get_text() == "M'inscrire sur la liste d'attente"

    confirmation = register(client, training, email="c@example.org")
    assert soup(confirmation).find("h1").get_text() == "Inscription sur liste d'attente"
    assert "en position 1" in text_of(confirmation, ".registration-result")
    assert "en position 2" in text_of(register(client, training, email="d@example.org"), ".registration-result")
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses == {
        "a@example.org": "registered",
        "b@example.org": "registered",
        "c@example.org": "waiting",
        "d@example.org": "waiting",
    }
    (waiting_mail,) = mails_to("c@example.org")
    assert waiting_mail.subject == "Liste d'attente : Cycle complet"
    assert "en position 1" in waiting_mail.body and not waiting_mail.attachments.exists()
    staff = OutgoingMail.objects.get(to=["formations@cai.example"], body__contains="c@example")
    assert staff.subject == "Nouvelle inscription (liste d'attente) : Cycle complet"


def test_without_a_number_of_places_everyone_gets_a_seat(client, make_training):
    training = make_training(capacity=None)
    assert soup(client.get(training.url)).select_one(".registration__seats") is None
    for number in range(3):
        register(client, training, email=f"p{number}@example.org")
    assert set(Registration.objects.values_list("status", flat=True)) == {"registered"}


def test_sessions_to_choose_each_have_their_seats_and_a_session_is_required(client, make_training):
    training = make_training(
        session_choice=True, sessions=[session_in(10, capacity=1), session_in(17, capacity=3), session_in(24)]
    )
    first, second, third = training.sorted_sessions()
    page = soup(client.get(training.url))
    radios = page.select("input[name=session]")
    assert [int(radio["value"]) for radio in radios] == [first.pk, second.pk, third.pk]
    labels = [label.get_text() for label in page.select("fieldset label")]
    assert labels[0].endswith("— Plus qu'une place") and labels[1].endswith("— Plus que 3 places")
    assert "—" not in labels[2]  # no limit

    response = post_registration(client, training)
    assert "Choisissez une séance." in soup(response).select_one("#id_session_error").get_text()
    assert soup(response).select_one("[data-error-summary] a")["href"] == "#id_session_0"

    assert "une place vous est réservée" in text_of(register(client, training, session=first.pk))
    assert "liste d'attente" in text_of(register(client, training, session=first.pk, email="b@example.org"))
    assert "une place vous est réservée" in text_of(
        register(client, training, session=second.pk, email="c@example.org")
    )
    labels = [label.get_text() for label in soup(client.get(training.url)).select("fieldset label")]
    assert labels[0].endswith("— Complet : inscription sur liste d'attente")
    assert labels[1].endswith("— Plus que 2 places")

    registration = Registration.objects.get(email="c@example.org")
    assert registration.session == second
    (mail,) = mails_to("c@example.org")
    assert len(Calendar.from_ical(bytes(mail.attachments.get().content)).walk("VEVENT")) == 1


def test_a_session_of_another_training_or_a_started_one_cannot_be_chosen(client, make_training):
    other = make_training(session_choice=True, sessions=[session_in(5)])
    training = make_training(session_choice=True, sessions=[session_in(-1), session_in(9)])
    started, upcoming = training.sorted_sessions()
    page = soup(client.get(training.url))
    assert [int(radio["value"]) for radio in page.select("input[name=session]")] == [upcoming.pk]
    for wrong in (other.sorted_sessions()[0].pk, started.pk, "abc"):
        response = post_registration(client, training, session=wrong)
        assert "Choisissez une des séances proposées." in soup(response).select_one("#id_session_error").get_text()
    assert not Registration.objects.exists()


def test_with_sessions_to_choose_the_places_are_set_per_session_not_for_the_training():
    training = TrainingPage(title="X", session_choice=True, capacity=10)
    with pytest.raises(ValidationError) as error:
        training.clean()
    assert error.value.message_dict["capacity"] == [
        "Avec des séances au choix, indiquez le nombre de places sur chaque séance."
    ]


# Closed registration


@pytest.mark.parametrize(
    "fields",
    [
        {"registration_deadline": datetime.date(2020, 1, 1)},
        {"sessions": [session_in(-3)]},
        {"registration_mode": "email", "registration_email": "x@example.org"},
    ],
)
def test_closed_or_other_registration_shows_no_form_and_refuses_a_post(client, make_training, fields):
    training = make_training(**fields)
    assert form_of(client.get(training.url)) is None
    response = client.post(training.url + "inscription/", {**VALID})
    assert response.status_code == 302 and response["Location"] == training.url + "#inscription"
    assert not Registration.objects.exists()


def test_a_get_on_the_form_address_goes_back_to_the_form(client, make_training):
    training = make_training()
    response = client.get(training.url + "inscription/")
    assert response.status_code == 302 and response["Location"] == training.url + "#inscription"


# The confirmation page's signed reference


def test_a_forged_confirmation_reference_is_a_404_and_an_expired_one_neutral(client, make_training, time_machine):
    training = make_training()
    response = client.get(training.url + "inscription/merci/?ref=1:abc:def")
    assert response.status_code == 404 and "Page introuvable" in response.content.decode()
    url = confirmation_url(post_registration(client, training))
    time_machine.move_to(datetime.datetime.now(datetime.UTC) + datetime.timedelta(hours=2))
    page = soup(client.get(url))
    assert page.find("h1").get_text() == "Inscription enregistrée"
    assert "awa@example.org" not in page.get_text()


def test_a_confirmation_reference_of_another_training_is_a_404(client, make_training):
    training, other = make_training(), make_training()
    registration = RegistrationFactory(training=other)
    signed = signing.dumps(registration.pk, salt=CONFIRMATION_SALT)
    assert client.get(training.url + f"inscription/merci/?ref={signed}").status_code == 404


# Cancellation by the link of the mail


def test_the_cancellation_link_shows_a_confirmation_page_and_a_get_changes_nothing(client, make_training):
    training = make_training(capacity=1)
    registration = RegistrationFactory(training=training, name="<em>Awa</em>")
    url = registration.cancel_url().removeprefix("http://localhost")
    page = soup(client.get(url))
    assert page.find("h1").get_text() == "Annuler votre inscription"
    assert "<em>Awa</em>" in page.select_one(".facts").get_text()  # escaped, shown as typed
    assert page.select_one(".facts em") is None
    form = page.select_one(".registration-result form")
    assert form["method"] == "post" and form["action"] == url
    assert form.select_one("button").get_text() == "Confirmer l'annulation"
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.REGISTERED


def test_cancelling_frees_the_seat_for_the_first_person_waiting_who_gets_a_mail(client, make_training):
    training = make_training(capacity=1, title="Places comptées")
    holder = RegistrationFactory(training=training, email="holder@example.org")
    first = RegistrationFactory(training=training, status="waiting", email="first@example.org")
    second = RegistrationFactory(training=training, status="waiting", email="second@example.org")
    first.created_at, second.created_at = first.created_at.replace(year=2025), second.created_at.replace(year=2026)
    first.save(), second.save()

    url = holder.cancel_url().removeprefix("http://localhost")
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == url
    assert soup(client.get(url)).find("h1").get_text() == "Inscription annulée"

    holder.refresh_from_db(), first.refresh_from_db(), second.refresh_from_db()
    assert holder.status == "cancelled" and holder.cancelled_at is not None
    assert first.status == "registered" and first.promoted_at is not None
    assert second.status == "waiting" and second.waiting_position() == 1
    (promotion,) = mails_to("first@example.org")
    assert promotion.subject == "Une place s'est libérée : Places comptées"
    assert first.cancel_url() in promotion.body and promotion.attachments.count() == 1
    (cancelled,) = mails_to("holder@example.org")
    assert cancelled.subject == "Inscription annulée : Places comptées"
    assert OutgoingMail.objects.filter(to=["formations@cai.example"], subject="Annulation : Places comptées").exists()
    assert not mails_to("second@example.org")

    assert client.post(url).status_code == 302  # a second POST changes nothing
    assert Registration.objects.filter(status="registered").count() == 1


def test_cancelling_a_place_on_the_waiting_list_moves_nobody_up(client, make_training):
    training = make_training(capacity=1)
    RegistrationFactory(training=training)
    waiting = RegistrationFactory(training=training, status="waiting")
    client.post(waiting.cancel_url().removeprefix("http://localhost"))
    assert list(Registration.objects.values_list("status", flat=True).order_by("pk")) == ["registered", "cancelled"]


def test_cancelling_a_session_frees_a_seat_of_that_session_only(client, make_training):
    training = make_training(session_choice=True, sessions=[session_in(10, capacity=1), session_in(17, capacity=1)])
    first, second = training.sorted_sessions()
    holder = RegistrationFactory(training=training, session=first)
    RegistrationFactory(training=training, session=second)
    other_session = RegistrationFactory(training=training, session=second, status="waiting")
    same_session = RegistrationFactory(training=training, session=first, status="waiting")
    client.post(holder.cancel_url().removeprefix("http://localhost"))
    same_session.refresh_from_db(), other_session.refresh_from_db()
    assert same_session.status == "registered" and other_session.status == "waiting"


@pytest.mark.parametrize("token", ["inconnu", "x" * 300, "%C3%A9"])
def test_an_unknown_cancellation_token_is_a_french_404(client, make_training, token):
    training = make_training()
    RegistrationFactory(training=training)
    response = client.get(training.url + f"inscription/annulation/{token}/")
    assert response.status_code == 404 and "Page introuvable" in response.content.decode()
    assert client.post(training.url + f"inscription/annulation/{token}/").status_code == 404


def test_a_token_only_works_on_its_own_training(client, make_training):
    training, other = make_training(), make_training()
    registration = RegistrationFactory(training=other)
    assert client.get(training.url + f"inscription/annulation/{registration.token}/").status_code == 404


def test_a_past_training_cannot_be_cancelled_any_more(client, make_training):
    training = make_training(sessions=[session_in(-2)])
    registration = RegistrationFactory(training=training)
    url = registration.cancel_url().removeprefix("http://localhost")
    page = soup(client.get(url))
    assert page.select_one(".registration-result form") is None
    client.post(url)
    registration.refresh_from_db()
    assert registration.status == "registered"


# Seats added by the staff, retention, privacy, queries


def test_seats_added_when_the_training_is_published_go_to_the_people_waiting(make_training):
    training = make_training(capacity=1)
    RegistrationFactory(training=training)
    waiting = RegistrationFactory(training=training, status="waiting", email="w@example.org")
    training.capacity = 2
    training.save_revision().publish()
    waiting.refresh_from_db()
    assert waiting.status == "registered" and waiting.promoted_at is not None
    assert mails_to("w@example.org")[0].subject.startswith("Une place s'est libérée")


def test_purge_deletes_the_registrations_of_trainings_ended_before_the_cutoff(make_training):
    old = make_training(sessions=[session_in(-400), session_in(-399)])
    recent = make_training(sessions=[session_in(-400), session_in(-30)])
    coming = make_training()
    for training in (old, old, recent, coming):
        RegistrationFactory(training=training)
    cutoff = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=365)
    assert purge_registrations(cutoff) == 2
    assert sorted(Registration.objects.values_list("training", flat=True)) == sorted([recent.pk, coming.pk])


def test_registrations_are_listed_in_the_privacy_registry():
    (processing,) = [item for item in registered_processings() if item.key == "registration"]
    assert processing.title == "Inscriptions aux formations"
    assert processing.purge is purge_registrations
    assert processing.retention_label == "12 mois (après la fin de la formation)"


def test_the_training_page_query_count_does_not_grow_with_registrations(client, make_training):
    training = make_training(capacity=50)
    choice = make_training(session_choice=True, sessions=[session_in(10, capacity=5), session_in(11, capacity=5)])
    client.get("/")
    before = [count_queries(client, training.url), count_queries(client, choice.url)]
    for number in range(6):
        RegistrationFactory(training=training)
        RegistrationFactory(training=choice, session=choice.sorted_sessions()[number % 2])
    RegistrationFactory(training=training, status="waiting")
    after = [count_queries(client, training.url), count_queries(client, choice.url)]
    assert after == before
