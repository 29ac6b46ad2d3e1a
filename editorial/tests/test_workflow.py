"""The "Relecture" review: on every page and on team members, approved by Modérateurs (and Administrateurs), a
mail to reviewers through a real SMTP server when a Rédacteur submits, the submission on the reviewer's dashboard,
and the forms submissions kept to Administrateurs."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from wagtail.models import Page, Workflow

from about.models import TeamMember
from editorial.names import ADMINISTRATORS, MODERATORS, REVIEW_WORKFLOW, WRITERS
from editorial.roles import REVIEW_TASK

pytestmark = pytest.mark.django_db

HISTORY = "/presentation/qui-sommes-nous/histoire-du-centre/"


@pytest.fixture
def member_of(django_user_model):
    def make(group_name, username, email=""):
        user = django_user_model.objects.create_user(username, email, "x", first_name=username.title(), last_name="T")
        user.groups.add(Group.objects.get(name=group_name))
        return user

    return make


def test_every_page_and_the_team_members_go_through_the_review(page_at):
    workflow = Workflow.objects.get(name=REVIEW_WORKFLOW)
    assert page_at(HISTORY).get_workflow() == workflow
    assert Page.get_first_root_node().get_workflow() == workflow
    assert TeamMember.get_default_workflow() == workflow
    task = workflow.tasks.get().specific
    assert task.name == REVIEW_TASK
    assert set(task.groups.values_list("name", flat=True)) == {MODERATORS, ADMINISTRATORS}


def test_the_submit_button_reads_french_and_names_the_review(client, member_of, page_at):
    client.force_login(member_of(WRITERS, "rita"))
    html = client.get(f"/admin/pages/{page_at(HISTORY).pk}/edit/").content.decode()
    assert f"Soumettre à {REVIEW_WORKFLOW}" in html
    assert "Moderators approval" not in html


def submit_for_review(page, user, intro):
    """What the editor's "Soumettre à Relecture" does: save a revision, start the page's workflow."""
    page.intro = intro
    page.save_revision(user=user)
    return page.get_workflow().start(page, user)


def test_a_moderator_is_mailed_and_sees_the_submission_on_the_dashboard(client, member_of, page_at, smtp_server):
    writer = member_of(WRITERS, "rita", "rita@cai.example")
    moderator = member_of(MODERATORS, "marc", "marc@cai.example")
    history = page_at(HISTORY)
    public_intro = history.intro

    submit_for_review(history, writer, "Une histoire récrite par la rédaction.")

    messages = smtp_server.wait_for(1)
    recipients = {address for _sender, addresses in smtp_server.envelopes for address in addresses}
    assert "marc@cai.example" in recipients and "rita@cai.example" not in recipients
    mail = next(message for message in messages if "marc@cai.example" in message["To"])
    assert history.title in mail["Subject"]
    body = mail.get_body(("plain",)).get_content()
    assert f"/admin/pages/{history.pk}/edit/" in body

    history.refresh_from_db()
    assert history.intro == public_intro  # nothing goes live before the review

    client.force_login(moderator)
    dashboard = client.get("/admin/").content.decode()
    assert "Validation par un modérateur" in dashboard and history.title in dashboard


def test_a_moderators_approval_publishes_and_a_writer_cannot_approve(member_of, page_at):
    writer = member_of(WRITERS, "rita", "rita@cai.example")
    moderator = member_of(MODERATORS, "marc", "marc@cai.example")
    history = page_at(HISTORY)
    workflow_state = submit_for_review(history, writer, "Une histoire relue.")
    task_state = workflow_state.current_task_state
    task = task_state.task.specific

    assert task.get_actions(history, writer) == []
    assert [name for name, *_ in task.get_actions(history, moderator)][:2] == ["reject", "approve"]

    task.on_action(task_state, moderator, "approve")
    history.refresh_from_db()
    assert history.intro == "Une histoire relue." and history.live


def test_a_moderator_sees_no_form_page_and_is_refused_the_submissions_an_administrator_reads_them(client, member_of):
    form_page = Page.objects.filter(content_type__model="contactformpage").get()
    url = f"/admin/forms/submissions/{form_page.pk}/"

    client.force_login(member_of(MODERATORS, "marc"))
    listing = client.get("/admin/forms/")
    assert listing.status_code == 200 and form_page.title not in listing.content.decode()
    assert "/admin/forms/" not in client.get("/admin/").content.decode()  # no "Formulaires" menu entry
    refused = client.get(url)
    assert refused.status_code in (403, 404) or (refused.status_code == 302 and refused["Location"] == "/admin/")

    client.force_login(member_of(ADMINISTRATORS, "alice"))
    listing = client.get("/admin/forms/")
    assert listing.status_code == 200 and form_page.title in listing.content.decode()
    assert "/admin/forms/" in client.get("/admin/").content.decode()
    assert client.get(url).status_code == 200


def test_the_group_editor_offers_the_form_submission_permissions(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("technique", "tech@cai.example", "x"))
    administrators = Group.objects.get(name=ADMINISTRATORS)
    html = client.get(f"/admin/groups/edit/{administrators.pk}/").content.decode()
    view = Permission.objects.get(content_type__app_label="wagtailforms", codename="view_formsubmission")
    assert BeautifulSoup(html, "html.parser").select_one(f'input[name="permissions"][value="{view.pk}"]') is not None
