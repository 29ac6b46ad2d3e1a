"""The contact form in the admin: who may change where messages go, the fields staff edit, and the submissions
they read (stock Wagtail listing, escaped)."""

import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import GroupPagePermission
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from contact.models import ContactPage

from .conftest import URL, typed

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)> <b>gras</b> & "guillemets"'


@pytest.fixture
def editor(django_user_model):
    """A member of the editorial team: may edit and publish the contact pages, not change recipients."""
    group = Group.objects.create(name="Rédaction (test)")
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group,
            page=ContactPage.objects.get(),
            permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename),
        )
    user = django_user_model.objects.create_user("redaction", "redaction@example.org", "motdepasse")
    user.groups.add(group)
    return user


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("admin", "admin@example.org", "motdepasse")


def edit_url(page):
    return f"/admin/pages/{page.pk}/edit/"


def edit_form(client, page):
    response = client.get(edit_url(page))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").select_one("form#page-edit-form")


def posted(page, **changes):
    """The edit form's data for ``page`` as it stands, with ``changes``; every recipient field set to a stranger."""
    fields = list(page.form_fields.all())
    routes = list(page.subject_routes.all())
    data = {
        "title": page.title,
        "slug": page.slug,
        "intro": page.intro,
        "editor_note": "",
        "thank_you_text": rich_text("<p>Merci.</p>"),
        "form_fields": inline_formset(
            [
                {
                    "id": field.pk,
                    "label": field.label,
                    "help_text": field.help_text,
                    "required": field.required,
                    "field_type": field.field_type,
                    "choices": "",
                    "default_value": "",
                    "ORDER": index + 1,
                }
                for index, field in enumerate(fields)
            ],
            initial=len(fields),
        ),
        "subject_routes": inline_formset(
            [
                {"id": route.pk, "subject": route.subject, "recipients": "etranger@example.org", "ORDER": index + 1}
                for index, route in enumerate(routes)
            ],
            initial=len(routes),
            min=1,
        ),
        "to_address": "etranger@example.org",
        "from_address": "etranger@example.org",
        "subject": "Message du site",
        "action-publish": "publish",
    }
    data.update(changes)
    return nested_form_data(data)


def test_the_recipients_permission_is_declared_in_french():
    permission = Permission.objects.get(content_type__app_label="contact", codename="change_form_recipients")
    assert permission.name == "Modifier les destinataires des formulaires"


def test_an_editor_without_the_permission_neither_sees_nor_changes_the_recipients(client, editor, form_page):
    assert not editor.has_perm("contact.change_form_recipients")
    client.force_login(editor)
    form = edit_form(client, form_page)
    names = {element.get("name") for element in form.select("input, textarea, select")}
    assert "subject_routes-0-subject" in names and "subject" in names  # subjects and the mail's object: editable
    assert not {"to_address", "from_address"} & names
    assert not [name for name in names if name and name.endswith("-recipients")]

    response = client.post(edit_url(form_page), posted(form_page, subject="Message du site"))
    assert response.status_code == 302, response.content.decode()[:3000]
    form_page.refresh_from_db()
    assert form_page.subject == "Message du site"  # what they may change is saved…
    assert form_page.to_address == "info@cainamur.be" and form_page.from_address == ""  # …the rest ignored
    assert {route.recipients for route in form_page.subject_routes.all()} == {"info@cainamur.be"}


def test_an_editor_may_add_a_subject_which_goes_to_the_page_address(client, editor, form_page):
    client.force_login(editor)
    data = posted(form_page)
    data.update(
        {
            "subject_routes-TOTAL_FORMS": "4",
            "subject_routes-3-subject": "Interprétariat",
            "subject_routes-3-recipients": "etranger@example.org",
            "subject_routes-3-ORDER": "4",
            "subject_routes-3-id": "",
            "subject_routes-3-DELETE": "",
        }
    )
    assert client.post(edit_url(form_page), data).status_code == 302
    route = form_page.subject_routes.get(subject="Interprétariat")
    assert route.recipients == "" and form_page.specific.recipients_for("Interprétariat") == ["info@cainamur.be"]


def test_a_superuser_sees_and_changes_the_recipients(client, superuser, form_page):
    client.force_login(superuser)
    form = edit_form(client, form_page)
    names = {element.get("name") for element in form.select("input, textarea, select")}
    assert {"to_address", "from_address", "subject_routes-0-recipients"} <= names
    assert "Adresse de réception" in form.get_text() and "Destinataires" in form.get_text()
    assert client.post(edit_url(form_page), posted(form_page)).status_code == 302
    form_page.refresh_from_db()
    assert form_page.to_address == "etranger@example.org" and form_page.from_address == "etranger@example.org"
    assert {route.recipients for route in form_page.subject_routes.all()} == {"etranger@example.org"}


def test_a_field_labelled_like_the_subject_or_the_consent_is_refused_in_french(client, superuser, form_page):
    client.force_login(superuser)
    data = posted(form_page)
    data.update(
        {
            "form_fields-TOTAL_FORMS": "5",
            "form_fields-4-label": "Sujet",
            "form_fields-4-field_type": "singleline",
            "form_fields-4-required": "on",
            "form_fields-4-ORDER": "5",
            "form_fields-4-id": "",
            "form_fields-4-DELETE": "",
        }
    )
    response = client.post(edit_url(form_page), data)
    assert response.status_code == 200
    assert "Le libellé « Sujet » est réservé" in response.content.decode()


def test_a_subject_given_twice_is_refused(client, superuser, form_page):
    client.force_login(superuser)
    data = posted(form_page)
    data["subject_routes-1-subject"] = data["subject_routes-0-subject"]
    response = client.post(edit_url(form_page), data)
    assert response.status_code == 200 and "Ce sujet figure déjà dans la liste." in response.content.decode()


def test_html_typed_in_the_form_is_stored_as_typed_and_escaped_in_the_admin_listing(client, superuser, form_page):
    assert client.post(URL, typed(nom=HOSTILE, message=HOSTILE)).status_code == 302
    submission = FormSubmission.objects.get(page=form_page)
    assert submission.form_data["nom"] == HOSTILE and submission.form_data["message"] == HOSTILE

    client.force_login(superuser)
    response = client.get(f"/admin/forms/submissions/{form_page.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<script>alert("x")</script>' not in html and "<img src=x" not in html
    page_soup = BeautifulSoup(html, "html.parser")
    assert HOSTILE in page_soup.select_one("table").get_text()  # shown as text
    headings = [th.get_text(" ", strip=True) for th in page_soup.select("table thead th")]
    assert [heading for heading in headings if heading in {"Nom", "E-mail", "Téléphone", "Sujet", "Message"}] == [
        "Nom",
        "E-mail",
        "Téléphone",
        "Sujet",
        "Message",
    ]


def test_staff_find_the_form_in_the_admin_forms_menu(client, superuser, form_page):
    client.force_login(superuser)
    response = client.get("/admin/forms/")
    assert response.status_code == 200 and "Écrire au centre" in response.content.decode()


def test_the_csv_export_of_submissions_neutralises_formulas_and_keeps_the_text(client, superuser, form_page):
    formula = '=HYPERLINK("http://example.org","clic")'
    assert client.post(URL, typed(nom=formula, message="-2+3 et <b>gras</b>")).status_code == 302
    client.force_login(superuser)
    response = client.get(f"/admin/forms/submissions/{form_page.pk}/?export=csv")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[-1]["Nom"] == "'" + formula
    assert rows[-1]["Message"] == "'-2+3 et <b>gras</b>"
