"""Administrateurs manage users but never reach superuser powers: no "Administrateur" box in their forms (a forged
POST of it is ignored), no editing, password change, deletion or deactivation of a superuser. Superusers still can."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from wagtail.admin.views.bulk_action.registry import bulk_action_registry

from editorial.names import ADMINISTRATORS, WRITERS
from editorial.users import SuperuserSafeSetActiveStateBulkAction

pytestmark = pytest.mark.django_db

NEW_USER = {
    "username": "nouvelle",
    "email": "nouvelle@cai.example",
    "first_name": "Nadia",
    "last_name": "Nouvelle",
    "password1": "Un-mot-de-passe-solide-42",
    "password2": "Un-mot-de-passe-solide-42",
}


@pytest.fixture
def administrator(django_user_model):
    user = django_user_model.objects.create_user(
        "admin-centre", "admin@cai.example", "x", first_name="A", last_name="C"
    )
    user.groups.add(Group.objects.get(name=ADMINISTRATORS))
    return user


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("technique", "tech@cai.example", "x")


@pytest.fixture
def writer(django_user_model):
    user = django_user_model.objects.create_user("redactrice", "red@cai.example", "x", first_name="R", last_name="D")
    user.groups.add(Group.objects.get(name=WRITERS))
    return user


def edit_data(user, **changes):
    data = {
        "username": user.username,
        "email": user.email,
        "first_name": user.first_name or "Prénom",
        "last_name": user.last_name or "Nom",
        "is_active": "on",
        "groups": [group.pk for group in user.groups.all()],
    }
    return {**data, **changes}


def refused(response):
    return response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/")


def test_an_administrator_sees_no_superuser_box_and_a_superuser_does(client, administrator, superuser, writer):
    client.force_login(administrator)
    for url in ("/admin/users/new/", f"/admin/users/edit/{writer.pk}/"):
        response = client.get(url)
        assert response.status_code == 200
        assert 'name="is_superuser"' not in response.content.decode()
        assert 'name="groups"' in response.content.decode()
        roles = BeautifulSoup(response.content, "html.parser").select_one("#tab-roles")
        assert all(label.get_text(strip=True) for label in roles.select("label.w-field__label"))  # no empty field

    client.force_login(superuser)
    for url in ("/admin/users/new/", f"/admin/users/edit/{writer.pk}/"):
        assert 'name="is_superuser"' in client.get(url).content.decode()


def test_a_forged_superuser_box_is_ignored_when_an_administrator_creates_or_edits(
    client, administrator, writer, django_user_model
):
    client.force_login(administrator)
    response = client.post("/admin/users/new/", {**NEW_USER, "is_superuser": "on"})
    assert response.status_code == 302
    created = django_user_model.objects.get(username="nouvelle")
    assert not created.is_superuser

    response = client.post(f"/admin/users/edit/{writer.pk}/", edit_data(writer, is_superuser="on", first_name="Rita"))
    assert response.status_code == 302
    writer.refresh_from_db()
    assert writer.first_name == "Rita" and not writer.is_superuser


def test_a_superuser_can_still_make_a_superuser(client, superuser, writer):
    client.force_login(superuser)
    response = client.post(f"/admin/users/edit/{writer.pk}/", edit_data(writer, is_superuser="on"))
    assert response.status_code == 302
    writer.refresh_from_db()
    assert writer.is_superuser


def test_an_administrator_can_neither_edit_nor_change_the_password_of_nor_delete_a_superuser(
    client, administrator, superuser
):
    client.force_login(administrator)
    assert refused(client.get(f"/admin/users/edit/{superuser.pk}/"))
    password_before = superuser.password
    response = client.post(
        f"/admin/users/edit/{superuser.pk}/",
        edit_data(
            superuser, email="pirate@example.org", password1="Pirate-mot-2-passe", password2="Pirate-mot-2-passe"
        ),
    )
    assert refused(response)
    assert refused(client.get(f"/admin/users/delete/{superuser.pk}/"))
    assert refused(client.post(f"/admin/users/delete/{superuser.pk}/"))
    superuser.refresh_from_db()
    assert superuser.email == "tech@cai.example" and superuser.password == password_before
    # the refusal is explained in French on the dashboard it sends the user to
    follow = client.get(f"/admin/users/edit/{superuser.pk}/", follow=True)
    assert "les autorisations pour accéder à cette zone" in follow.content.decode()


def test_a_superuser_can_edit_and_delete_another_superuser(client, superuser, django_user_model):
    other = django_user_model.objects.create_superuser("technique-2", "tech2@cai.example", "x")
    client.force_login(superuser)
    assert client.get(f"/admin/users/edit/{other.pk}/").status_code == 200
    assert client.post(f"/admin/users/delete/{other.pk}/").status_code == 302
    assert not django_user_model.objects.filter(pk=other.pk).exists()


def test_bulk_actions_on_users_are_the_superuser_safe_ones():
    assert bulk_action_registry.get_bulk_action_class("auth", "user", "set_active_state") is (
        SuperuserSafeSetActiveStateBulkAction
    )


def test_an_administrator_cannot_deactivate_a_superuser_in_bulk_but_can_deactivate_a_writer(
    client, administrator, superuser, writer
):
    client.force_login(administrator)
    url = f"/admin/bulk/auth/user/set_active_state/?id={superuser.pk}&id={writer.pk}"
    response = client.post(url, {"mark_as_active": "False"})
    assert response.status_code in (200, 302)
    superuser.refresh_from_db()
    writer.refresh_from_db()
    assert superuser.is_active and not writer.is_active


def test_a_writer_cannot_open_the_users(client, writer):
    client.force_login(writer)
    assert refused(client.get("/admin/users/"))
    assert refused(client.get(f"/admin/users/edit/{writer.pk}/"))
