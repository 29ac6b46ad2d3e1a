"""The contact form as visitors use it: fields, errors, submission, confirmation, and its place in the site."""

import pytest
from django.core import mail
from wagtail.contrib.forms.models import FormSubmission
from wagtail.test.utils import WagtailPageTestCase

from contact.factories import ContactFormPageFactory
from contact.models import ContactFormPage, ContactPage, purge_contact_submissions
from offices.models import OfficeIndexPage
from outbox.models import OutgoingMail
from pages.models import SectionPage
from pages.privacy import registered_processings
from tests.helpers import count_queries

from .conftest import SENT_URL, URL, soup, typed

pytestmark = pytest.mark.django_db


class PageTreeTests(WagtailPageTestCase):
    def test_the_form_is_a_childless_singleton_under_the_contact_page(self):
        self.assertAllowedParentPageTypes(ContactFormPage, {ContactPage})
        self.assertAllowedSubpageTypes(ContactFormPage, set())
        self.assertEqual(ContactFormPage.max_count, 1)
        self.assertCanCreateAt(ContactPage, ContactFormPage)
        self.assertCanNotCreateAt(SectionPage, ContactFormPage)

    def test_the_contact_page_holds_the_offices_and_the_form(self):
        self.assertAllowedSubpageTypes(ContactPage, {OfficeIndexPage, ContactFormPage})


def test_the_form_shows_the_staff_fields_the_subject_and_the_consent_in_order(client, form_page):
    page_soup = soup(client.get(URL))
    assert page_soup.select_one("h1").get_text() == "Écrire au centre"
    assert "Posez votre question" in page_soup.select_one(".page-header__intro").get_text()
    labels = [
        " ".join(element.get_text(" ", strip=True).split())
        for element in page_soup.select("main form .form-field__label")
    ]
    assert labels == [
        "Nom (obligatoire)",
        "E-mail (obligatoire)",
        "Téléphone",
        "Sujet (obligatoire)",
        "Message (obligatoire)",
        "J'accepte que le CAI Namur utilise ces informations pour répondre à ma demande. (obligatoire)",
    ]
    # The subject: a group of options in a fieldset, named by its legend.
    fieldset = page_soup.select_one("fieldset.form-field__group")
    assert fieldset.legend.get_text(" ", strip=True) == "Sujet (obligatoire)"
    assert [radio["value"] for radio in fieldset.select("input[type=radio]")] == [
        "Parcours d'intégration",
        "Formations",
        "Autre question",
    ]
    # Help texts are tied to their input.
    phone = page_soup.select_one("#id_telephone")
    assert phone["aria-describedby"] == "id_telephone_helptext"
    assert page_soup.select_one("#id_telephone_helptext").get_text().startswith("Facultatif")
    # The guard's fields are there, out of sight; the form validates on the server only (one error summary).
    assert page_soup.select_one("main form")["novalidate"] == ""
    assert page_soup.select_one("[aria-hidden=true] input[name=site-internet]")["tabindex"] == "-1"
    assert page_soup.select_one("input[type=hidden][name=form-started]")["value"]
    assert page_soup.select_one("script[src='/static/contact/js/contact-form.js']")
    assert not page_soup.select("main script:not([src])")


def test_the_gdpr_notice_under_the_form_links_to_the_privacy_policy_and_gives_the_retention(client, form_page):
    notice = soup(client.get(URL)).select_one(".contact-form__privacy")
    assert notice.find_previous("form") is not None
    assert notice.select_one("a[href='/politique-de-confidentialite/']")
    assert "effacées après 12 mois" in notice.get_text()


def test_the_form_page_is_never_cached(client, form_page):
    response = client.get(URL)
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_a_valid_submission_is_stored_and_its_notification_queued_then_the_visitor_is_redirected(
    client, form_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, typed())
    assert response.status_code == 302 and response["Location"] == SENT_URL
    submission = FormSubmission.objects.get(page=form_page)
    assert submission.form_data == {
        "nom": "Marie Dupont",
        "e_mail": "marie@example.org",
        "telephone": "",
        "sujet": "Formations",
        "message": "Bonjour,\r\nje voudrais m'inscrire.",
        "consentement": True,
    }
    stored = OutgoingMail.objects.get(kind="contact")
    assert stored.to == ["info@cainamur.be"] and stored.reply_to == ["marie@example.org"]
    assert stored.is_sent
    assert [message.subject for message in mail.outbox] == ["Écrire au centre – Formations"]


def test_the_confirmation_shows_the_thank_you_text_and_reloading_it_sends_nothing(client, form_page):
    form_page.thank_you_text = "<p>Merci ! Nous vous répondons sous trois jours ouvrables.</p>"
    form_page.save_revision().publish()
    response = client.post(URL, typed(), follow=True)
    assert response.redirect_chain == [(SENT_URL, 302)]
    page_soup = soup(response)
    assert page_soup.select_one("h1").get_text() == "Message envoyé"
    assert "Nous vous répondons sous trois jours" in page_soup.select_one("main").get_text()
    assert page_soup.select_one("main a[href='/contact/']")
    assert "no-store" in response["Cache-Control"]
    client.get(SENT_URL)  # reloading the confirmation is a GET: nothing is sent again
    assert FormSubmission.objects.count() == 1 and OutgoingMail.objects.count() == 1


def test_the_confirmation_without_a_thank_you_text_says_the_message_is_sent(client, form_page):
    text = soup(client.get(SENT_URL)).select_one("main").get_text()
    assert "Merci, votre message a bien été envoyé." in text


def errors_of(response):
    assert response.status_code == 200
    page_soup = soup(response)
    summary = page_soup.select_one("[data-form-summary]")
    return page_soup, summary


@pytest.mark.parametrize(
    "changes, field, anchor, message",
    [
        ({"nom": ""}, "nom", "id_nom", "Champ requis."),
        ({"nom": "x" * 256}, "nom", "id_nom", "au plus 255 caractères"),
        ({"e_mail": ""}, "e_mail", "id_e_mail", "Champ requis."),
        ({"e_mail": "marie@"}, "e_mail", "id_e_mail", "Saisissez une adresse de courriel valide."),
        ({"sujet": None}, "sujet", "id_sujet_0", "Choisissez le sujet de votre message."),
        ({"sujet": "Un sujet inventé"}, "sujet", "id_sujet_0", "Sélectionnez un choix valide"),
        ({"message": "   "}, "message", "id_message", "Champ requis."),
        ({"message": "x" * 10_001}, "message", "id_message", "au plus 10000 caractères"),
        ({"consentement": None}, "consentement", "id_consentement", "Cochez cette case"),
    ],
)
def test_each_invalid_field_is_reported_in_french_tied_to_its_field_and_summarised(
    client, form_page, changes, field, anchor, message
):
    data = typed(**changes)
    page_soup, summary = errors_of(client.post(URL, data))
    assert FormSubmission.objects.count() == 0 and OutgoingMail.objects.count() == 0
    assert summary["tabindex"] == "-1"
    assert summary.h2.get_text(strip=True) == "Le formulaire contient 1 erreur"
    [link] = summary.select("a")
    assert link["href"] == f"#{anchor}" and message in link.get_text()
    assert page_soup.select_one(f"#{anchor}") is not None
    error = page_soup.select_one(f"#id_{field}_error")
    assert message in error.get_text()
    if field == "sujet":  # a group of options: the fieldset is described by the error, each option is invalid
        assert "id_sujet_error" in page_soup.select_one("fieldset").get("aria-describedby", "").split()
        assert all(radio["aria-invalid"] == "true" for radio in page_soup.select("input[name=sujet]"))
    else:
        element = page_soup.select_one(f"#id_{field}")
        assert element["aria-invalid"] == "true"
        assert f"id_{field}_error" in element["aria-describedby"].split()
    # Every other value is kept.
    if field != "nom":
        assert page_soup.select_one("#id_nom")["value"] == "Marie Dupont"
    if field != "message":
        assert page_soup.select_one("#id_message").get_text().removeprefix("\n") == data["message"]
    if field != "sujet":
        assert page_soup.select_one("input[name=sujet][checked]")["value"] == "Formations"
    assert page_soup.title.get_text().startswith("Erreur : ")


def test_several_errors_are_counted_and_linked_in_form_order(client, form_page):
    page_soup, summary = errors_of(client.post(URL, typed(nom="", e_mail="pas-une-adresse", consentement=None)))
    assert summary.h2.get_text(strip=True) == "Le formulaire contient 3 erreurs"
    assert [link["href"] for link in summary.select("a")] == ["#id_nom", "#id_e_mail", "#id_consentement"]
    assert page_soup.select_one("#id_e_mail")["value"] == "pas-une-adresse"
    assert page_soup.select_one("#id_telephone").get("aria-invalid") is None


def test_missing_consent_stores_and_sends_nothing(client, form_page):
    page_soup, summary = errors_of(client.post(URL, typed(consentement=None)))
    assert "Cochez cette case" in summary.get_text()
    assert FormSubmission.objects.count() == 0 and OutgoingMail.objects.count() == 0


def test_the_contact_page_links_its_live_form_and_keeps_the_email(client, form_page):
    card = soup(client.get("/contact/")).select_one("section[aria-labelledby=ecrire-titre]")
    assert card.select_one("a.button[href='/contact/ecrire/']").get_text(strip=True) == "Écrire au centre"
    assert card.select_one("a[href='mailto:info@cainamur.be']")
    form_page.unpublish()
    card = soup(client.get("/contact/")).select_one("section[aria-labelledby=ecrire-titre]")
    assert card.select_one("a.button") is None and card.select_one("a[href='mailto:info@cainamur.be']")


def test_the_contact_page_costs_no_more_queries_with_its_form(client, no_form_page):
    client.get("/contact/")
    before = count_queries(client, "/contact/")
    ContactFormPageFactory()
    assert count_queries(client, "/contact/") == before


def test_the_form_page_query_count_does_not_grow_with_its_fields_and_subjects(client, form_page):
    client.get(URL)
    before = count_queries(client, URL)
    form_page.form_fields.add(
        *[form_page.form_fields.model(label=f"Champ {n}", field_type="singleline", required=False) for n in range(3)]
    )
    form_page.subject_routes.add(*[form_page.subject_routes.model(subject=f"Sujet {n}") for n in range(3)])
    form_page.save_revision().publish()
    html = client.get(URL).content.decode()
    assert "Champ 2" in html and "Sujet 2" in html
    assert count_queries(client, URL) == before


def test_the_contact_processing_is_registered_and_purges_old_submissions(form_page):
    processing = {item.key: item for item in registered_processings()}["contact"]
    assert processing.title == "Formulaire de contact" and processing.purge is purge_contact_submissions
    assert processing.retention_label == "12 mois"
    old = FormSubmission.objects.create(page=form_page, form_data={"nom": "Ancien"})
    recent = FormSubmission.objects.create(page=form_page, form_data={"nom": "Récent"})
    FormSubmission.objects.filter(pk=old.pk).update(submit_time="2020-01-01T00:00:00Z")
    other_page = ContactPage.objects.get()
    elsewhere = FormSubmission.objects.create(page=other_page, form_data={})
    FormSubmission.objects.filter(pk=elsewhere.pk).update(submit_time="2020-01-01T00:00:00Z")
    assert purge_contact_submissions(processing.cutoff()) == 1
    assert set(FormSubmission.objects.values_list("pk", flat=True)) == {recent.pk, elsewhere.pk}


def test_the_submission_and_its_mail_are_stored_together_or_not_at_all(client, form_page, monkeypatch):
    def refused(**kwargs):
        raise RuntimeError("the outbox could not store the mail")

    monkeypatch.setattr("contact.models.queue_mail", refused)
    with pytest.raises(RuntimeError):
        client.post(URL, typed())
    assert FormSubmission.objects.count() == 0


@pytest.mark.parametrize("mode, heading", [("form", "Écrire au centre"), ("landing", "Message envoyé")])
def test_staff_preview_the_form_and_its_confirmation(form_page, mode, heading):
    response = form_page.make_preview_request(preview_mode=mode)
    assert response.status_code == 200
    assert soup(response.render()).select_one("h1").get_text() == heading
