"""Registrations in the Wagtail admin: the listing (filters, search, seat counts, escaping), the CSV export, the
cancel action, the view permission, and the refusal to delete a training or a session people registered for."""

import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.http import StreamingHttpResponse
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from outbox.models import OutgoingMail
from trainings.factories import RegistrationFactory
from trainings.models import Registration, TrainingIndexPage, TrainingPage, TrainingSession

from .helpers import session_in

pytestmark = pytest.mark.django_db

LISTING = "/admin/inscriptions/"


@pytest.fixture
def staff_client(client, django_user_model):
    """A member of staff who may enter the admin and only view registrations."""
    user = django_user_model.objects.create_user("equipe", "equipe@cai.example", "mot-de-passe")
    group = Group.objects.create(name="Formations (lecture)")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="view_registration")
    )
    user.groups.add(group)
    client.force_login(user)
    return client


def html(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_the_listing_escapes_what_visitors_typed(admin_client, make_training):
    RegistrationFactory(training=make_training(), name="<script>alert('x')</script>", organisation="<b>ASBL</b>")
    content = html(admin_client.get(LISTING))
    assert "<script>alert(" not in content and "&lt;script&gt;alert(" in content
    assert "<b>ASBL</b>" not in content and "&lt;b&gt;ASBL&lt;/b&gt;" in content


def test_the_listing_filters_by_training_session_and_status_and_searches(admin_client, make_training):
    first = make_training(title="Première")
    second = make_training(title="Seconde", session_choice=True, sessions=[session_in(8), session_in(9)])
    RegistrationFactory(training=first, name="Awa", organisation="Maison médicale")
    RegistrationFactory(training=first, name="Bruno", status="waiting")
    RegistrationFactory(training=second, session=second.sorted_sessions()[1], name="Chloé", email="chloe@ex.be")

    def names(query):
        rows = BeautifulSoup(html(admin_client.get(LISTING + query)), "html.parser").select("tbody tr")
        return {row.select_one("td.title a").get_text(strip=True) for row in rows}

    assert names("") == {"Awa", "Bruno", "Chloé"}
    assert names(f"?training={first.pk}") == {"Awa", "Bruno"}
    assert names(f"?session={second.sorted_sessions()[1].pk}") == {"Chloé"}
    assert names("?status=waiting") == {"Bruno"}
    assert names("?q=m%C3%A9dicale") == {"Awa"}
    assert names("?q=chloe@ex") == {"Chloé"}
    assert "Seconde – " in html(admin_client.get(LISTING))  # sessions named with their training in the filter


def test_the_listing_counts_registered_and_waiting_people_per_training_or_session(admin_client, make_training):
    whole = make_training(capacity=2)
    choice = make_training(session_choice=True, sessions=[session_in(8, capacity=1), session_in(9)])
    RegistrationFactory.create_batch(2, training=whole)
    RegistrationFactory(training=whole, status="waiting")
    RegistrationFactory(training=whole, status="cancelled")
    RegistrationFactory(training=choice, session=choice.sorted_sessions()[0])
    content = html(admin_client.get(LISTING))
    assert content.count("2 inscrits / 2 places · 1 en attente") == 4  # each row of the training shows it
    assert content.count("1 inscrit / 1 place · 0 en attente") == 1


def test_staff_with_the_view_permission_see_and_export_but_cannot_add_or_cancel(staff_client, make_training):
    registration = RegistrationFactory(training=make_training())
    assert html(staff_client.get(LISTING))
    assert staff_client.get(LISTING + "?export=csv").status_code == 200
    assert staff_client.get(LISTING + f"cancel/{registration.pk}/").status_code in (302, 403)
    staff_client.post(LISTING + f"cancel/{registration.pk}/")
    registration.refresh_from_db()
    assert registration.status == "registered"


def test_the_listing_is_refused_without_the_view_permission(client, django_user_model):
    user = django_user_model.objects.create_user("autre", "autre@cai.example", "mot-de-passe")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get(LISTING)
    assert response.status_code in (302, 403)
    assert client.get(LISTING + "?export=csv").status_code in (302, 403)


def test_nobody_adds_a_registration_from_the_admin(admin_client):
    assert admin_client.get(LISTING + "new/").status_code in (302, 403)
    assert "inscriptions/new/" not in html(admin_client.get(LISTING))


def test_the_csv_export_streams_the_filtered_rows_with_a_bom_semicolons_and_neutralised_formulas(
    admin_client, make_training
):
    training = make_training(title="Formation exportée")
    RegistrationFactory(
        training=training,
        name='=HYPERLINK("http://evil.example")',
        organisation="+32 ASBL",
        phone="-1",
        accessibility_needs="@SUM(A1)\nligne 2",
    )
    RegistrationFactory(training=training, name="\tTab", organisation="Dans la liste", status="waiting")
    RegistrationFactory(training=make_training(), name="Autre formation")
    response = admin_client.get(LISTING + f"?training={training.pk}&status=registered&export=csv")
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="inscriptions-formations-')
    content = b"".join(response.streaming_content)
    assert content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["Formation", "Séance", "Statut", "Nom et prénom"]
    assert len(rows) == 2  # the filters apply: one registered person of this training
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Formation"] == "Formation exportée" and row["Statut"] == "Inscrit"
    assert row["Nom et prénom"] == '\'=HYPERLINK("http://evil.example")'
    assert row["Organisation"] == "'+32 ASBL" and row["Téléphone"] == "'-1"
    assert row["Besoins d'accessibilité"] == "'@SUM(A1)\nligne 2"
    waiting = admin_client.get(LISTING + f"?training={training.pk}&status=waiting&export=csv")
    assert "'\tTab" in b"".join(waiting.streaming_content).decode("utf-8-sig")


def test_staff_cancel_after_a_confirmation_and_the_seat_goes_to_the_first_person_waiting(admin_client, make_training):
    training = make_training(capacity=1)
    holder = RegistrationFactory(training=training, name="Titulaire", email="titulaire@ex.be")
    waiting = RegistrationFactory(training=training, status="waiting", email="attente@ex.be")
    url = LISTING + f"cancel/{holder.pk}/"
    assert url in html(admin_client.get(LISTING))  # the action is offered on the row
    page = html(admin_client.get(url))
    assert "Oui, annuler l'inscription" in page
    holder.refresh_from_db()
    assert holder.status == "registered"  # the GET changed nothing

    response = admin_client.post(url, follow=True)
    assert "L&#x27;inscription de Titulaire est annulée." in response.content.decode()
    holder.refresh_from_db(), waiting.refresh_from_db()
    assert holder.status == "cancelled" and waiting.status == "registered"
    subjects = {tuple(mail.to): mail.subject for mail in OutgoingMail.objects.all()}
    assert subjects[("titulaire@ex.be",)].startswith("Inscription annulée")
    assert subjects[("attente@ex.be",)].startswith("Une place s'est libérée")
    assert "a été annulée par notre équipe" in OutgoingMail.objects.get(to=["titulaire@ex.be"]).body


def test_staff_edit_contact_details_but_not_the_status(admin_client, make_training):
    registration = RegistrationFactory(training=make_training())
    url = LISTING + f"edit/{registration.pk}/"
    content = html(admin_client.get(url))
    assert 'name="status"' not in content and 'name="training"' not in content
    corrected = {"name": "Nom corrigé", "email": "ok@ex.be", "organisation": "CPAS", "phone": ""}
    response = admin_client.post(url, {**corrected, "accessibility_needs": ""})
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.name == "Nom corrigé" and registration.status == "registered"


def test_deleting_a_registration_that_held_a_seat_moves_the_first_person_waiting_up(admin_client, make_training):
    training = make_training(capacity=1)
    holder = RegistrationFactory(training=training)
    waiting = RegistrationFactory(training=training, status="waiting")
    assert admin_client.post(LISTING + f"delete/{holder.pk}/").status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == "registered" and not Registration.objects.filter(pk=holder.pk).exists()


# Registrations protect their training and sessions: French refusals, never a ProtectedError


def edit_data(training, sessions, **changes):
    data = nested_form_data(
        {
            "title": training.title,
            "slug": training.slug,
            "intro": training.intro,
            "editor_note": "",
            "sessions": inline_formset(sessions, initial=len(training.sorted_sessions()), min=1),
            "body": streamfield([]),
            "is_free": True,
            "price": "",
            "registration_mode": "on_request",
            "registration_deadline": "",
            "registration_url": "",
            "registration_email": training.registration_email,
            "capacity": training.capacity or "",
            "session_choice": training.session_choice,
            "action-publish": "action-publish",  # a draft keeps the sessions; publishing deletes removed ones
            **changes,
        }
    )
    data["thematiques"] = []
    return data


def session_data(session, delete=False):
    return {
        "id": session.pk,
        "date": session.date.isoformat(),
        "starts_at": "09:30",
        "ends_at": "16:30",
        "place_name": session.place_name,
        "place_address": session.place_address,
        "capacity": session.capacity or "",
        "DELETE": "1" if delete else "",
    }


def test_removing_a_session_people_registered_for_is_refused_in_french(admin_client, make_training):
    training = make_training(session_choice=True, sessions=[session_in(8, capacity=5), session_in(9, capacity=5)])
    kept, taken = training.sorted_sessions()
    RegistrationFactory(training=training, session=taken)
    url = f"/admin/pages/{training.pk}/edit/"
    response = admin_client.post(url, edit_data(training, [session_data(kept), session_data(taken, delete=True)]))
    assert response.status_code == 200
    assert "Une séance supprimée a des inscriptions" in response.content.decode()
    assert TrainingSession.objects.filter(pk=taken.pk).exists()

    # Without registrations, the same removal goes through.
    Registration.objects.all().delete()
    response = admin_client.post(url, edit_data(training, [session_data(kept), session_data(taken, delete=True)]))
    assert response.status_code == 302
    assert not TrainingSession.objects.filter(pk=taken.pk).exists()


def test_switching_to_sessions_to_choose_is_refused_once_people_registered(admin_client, make_training):
    training = make_training()
    RegistrationFactory(training=training)
    sessions = [session_data(session) for session in training.sorted_sessions()]
    data = edit_data(training, sessions, session_choice=True)
    response = admin_client.post(f"/admin/pages/{training.pk}/edit/", data)
    assert response.status_code == 200
    assert "le choix des séances ne peut plus changer" in response.content.decode()
    assert not TrainingPage.objects.get(pk=training.pk).session_choice


@pytest.mark.parametrize("method", ["get", "post"])
def test_deleting_a_training_people_registered_for_is_refused_in_french(admin_client, make_training, method):
    training = make_training(title="Formation protégée")
    RegistrationFactory(training=training)
    response = getattr(admin_client, method)(f"/admin/pages/{training.pk}/delete/", follow=True)
    assert response.status_code == 200
    assert "« Formation protégée » ne peut pas être supprimée" in response.content.decode()
    assert Page.objects.filter(pk=training.pk).exists()


def test_deleting_the_index_above_a_training_with_registrations_is_refused(admin_client, make_training):
    RegistrationFactory(training=make_training(title="Formation protégée"))
    index = TrainingIndexPage.objects.get()
    response = admin_client.post(f"/admin/pages/{index.pk}/delete/", follow=True)
    assert "« Formation protégée » ne peut pas être supprimée" in response.content.decode()
    assert Page.objects.filter(pk=index.pk).exists()


def test_bulk_deleting_a_training_with_registrations_is_refused(admin_client, make_training):
    training = make_training(title="Formation protégée")
    RegistrationFactory(training=training)
    index = TrainingIndexPage.objects.get()
    url = f"/admin/bulk/wagtailcore/page/delete/?id={training.pk}&childOf={index.pk}"
    assert "empêche d" in html(admin_client.get(url))  # Wagtail's reference index
    admin_client.post(url)
    assert Page.objects.filter(pk=training.pk).exists()


def test_bulk_deleting_the_index_above_a_training_with_registrations_is_refused(admin_client, make_training):
    RegistrationFactory(training=make_training(title="Formation protégée"))
    index = TrainingIndexPage.objects.get()
    url = f"/admin/bulk/wagtailcore/page/delete/?id={index.pk}&childOf={index.get_parent().pk}"
    response = admin_client.post(url, follow=True)
    assert "« Formation protégée » ne peut pas être supprimée" in response.content.decode()
    assert Page.objects.filter(pk=index.pk).exists()


def test_a_training_without_registrations_can_still_be_deleted(admin_client, make_training):
    training = make_training()
    assert admin_client.post(f"/admin/pages/{training.pk}/delete/").status_code == 302
    assert not Page.objects.filter(pk=training.pk).exists()
