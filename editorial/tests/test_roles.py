"""The three French roles: what each group may open in the admin and what it may not, that writers cannot publish
and moderators can, that form submissions are for Administrateurs, and that ``ensure_roles`` is idempotent and turns
Wagtail's English defaults into the French roles."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.db.models.signals import post_migrate
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowContentType,
    WorkflowPage,
    WorkflowTask,
)

from about.models import Team, TeamMember
from editorial.names import ADMINISTRATORS, MODERATORS, REVIEW_WORKFLOW, WRITERS
from editorial.roles import (
    REVIEW_TASK,
    ROLE_PAGE_PERMISSIONS,
    ROLE_PERMISSIONS,
    ensure_roles,
    ensure_roles_after_migrate,
    last_app_with_models,
    permission,
)

pytestmark = pytest.mark.django_db

HISTORY = "/presentation/qui-sommes-nous/histoire-du-centre/"
W, M, A = WRITERS, MODERATORS, ADMINISTRATORS
EVERYONE = {W, M, A}


@pytest.fixture
def member_of(django_user_model):
    """A user in the named group (no superuser, no own permissions)."""

    def make(group_name):
        user = django_user_model.objects.create_user(
            username=f"{group_name.lower()}-test", email=f"{group_name[:4].lower()}@cai.example", password="x"
        )
        user.groups.add(Group.objects.get(name=group_name))
        return user

    return make


@pytest.fixture
def urls(page_at, site):
    history = page_at(HISTORY)
    member = TeamMember.objects.create(
        name="Personne Exemple", role="Accueil", team=Team.objects.get_or_create(name="T")[0]
    )
    form_page = Page.objects.filter(content_type__model="contactformpage").first()
    values = {"history": history.pk, "parent": history.get_parent().pk, "member": member.pk, "site": site.pk}
    values["form"] = form_page.pk if form_page else 0
    return lambda template: template.format(**values)


# (admin URL, the groups that may open it). Everyone else is refused.
ACCESS = [
    ("/admin/", EVERYONE),
    ("/admin/pages/{history}/edit/", EVERYONE),
    ("/admin/pages/add/pages/standardpage/{parent}/", EVERYONE),
    ("/admin/snippets/about/teammember/add/", EVERYONE),
    ("/admin/snippets/about/teammember/edit/{member}/", EVERYONE),
    ("/admin/snippets/about/team/add/", EVERYONE),
    ("/admin/snippets/directory/directoryentry/add/", EVERYONE),
    ("/admin/snippets/trainings/audience/add/", EVERYONE),
    ("/admin/snippets/trainings/organiser/add/", EVERYONE),
    ("/admin/snippets/publications/publicationtype/add/", EVERYONE),
    ("/admin/pages/{history}/unpublish/", {M, A}),
    ("/admin/snippets/about/teammember/unpublish/{member}/", {M, A}),
    ("/admin/snippets/about/teammember/delete/{member}/", {M, A}),
    ("/admin/snippets/sitesearch/synonym/add/", {M, A}),
    ("/admin/searchpicks/add/", {M, A}),
    ("/admin/reports/recherches-sans-resultat/", {M, A}),
    ("/admin/settings/pages/siteidentity/{site}/", {A}),
    ("/admin/settings/contact/contactdetails/{site}/", {A}),
    ("/admin/snippets/pages/sponsor/add/", {A}),
    ("/admin/users/", {A}),
    ("/admin/users/new/", {A}),
    ("/admin/groups/", {A}),
    ("/admin/redirects/add/", {A}),
    ("/admin/forms/submissions/{form}/", {A}),
    ("/admin/inscriptions/", {A}),
    ("/admin/outbox/", {A}),
    ("/admin/workflows/list/", set()),  # the workflow itself is the developers' (ensure_roles)
    ("/admin/sites/", set()),
]


def is_refused(response):
    """Wagtail answers a refusal with 403, or by sending the user to the dashboard with an error message."""
    return response.status_code in (403, 404) or (response.status_code == 302 and response["Location"] == "/admin/")


@pytest.mark.parametrize("group_name", [W, M, A])
@pytest.mark.parametrize(("template", "allowed"), ACCESS, ids=[template for template, _ in ACCESS])
def test_each_group_opens_exactly_what_its_role_allows(client, member_of, urls, group_name, template, allowed):
    client.force_login(member_of(group_name))
    response = client.get(urls(template))
    if group_name in allowed:
        assert response.status_code == 200, f"{group_name} should open {template}"
    else:
        assert is_refused(response), f"{group_name} should be refused {template} ({response.status_code})"


def test_the_role_tables_name_existing_permissions_and_each_role_includes_the_one_below():
    for dotted_names in ROLE_PERMISSIONS.values():
        for dotted in dotted_names:
            assert permission(dotted)  # raises LookupError for a name that does not exist
    assert ROLE_PERMISSIONS[W] < ROLE_PERMISSIONS[M] < ROLE_PERMISSIONS[A]
    assert ROLE_PAGE_PERMISSIONS[W] < ROLE_PAGE_PERMISSIONS[M] < ROLE_PAGE_PERMISSIONS[A]
    assert all("wagtailadmin.access_admin" in names for names in ROLE_PERMISSIONS.values())
    assert "publish_page" not in ROLE_PAGE_PERMISSIONS[W] and "about.publish_teammember" not in ROLE_PERMISSIONS[W]
    assert "contact.change_form_recipients" in ROLE_PERMISSIONS[A]
    assert "contact.change_form_recipients" not in ROLE_PERMISSIONS[M]


def test_the_seeded_groups_hold_their_tables_on_the_root_of_the_tree():
    root = Page.get_first_root_node()
    for name, dotted_names in ROLE_PERMISSIONS.items():
        group = Group.objects.get(name=name)
        held = {
            f"{app}.{codename}"
            for app, codename in group.permissions.values_list("content_type__app_label", "codename")
        }
        assert dotted_names <= held
        page_codenames = set(
            GroupPagePermission.objects.filter(group=group, page=root).values_list("permission__codename", flat=True)
        )
        assert page_codenames == ROLE_PAGE_PERMISSIONS[name]


def bulk_publish(client, page):
    return client.post(f"/admin/bulk/wagtailcore/page/publish/?id={page.pk}", {"include_descendants": ""})


def test_a_writer_cannot_publish_a_page_and_a_moderator_can(client, member_of, page_at):
    history = page_at(HISTORY)
    history.title = "Notre histoire (brouillon)"
    revision = history.save_revision()

    client.force_login(member_of(W))
    edit = client.get(f"/admin/pages/{history.pk}/edit/").content.decode()
    assert 'name="action-submit"' in edit and 'name="action-publish"' not in edit
    bulk_publish(client, history)
    history.refresh_from_db()
    assert history.live_revision_id != revision.pk and history.title != "Notre histoire (brouillon)"

    client.force_login(member_of(M))
    assert 'name="action-publish"' in client.get(f"/admin/pages/{history.pk}/edit/").content.decode()
    bulk_publish(client, history)
    history.refresh_from_db()
    assert history.live_revision_id == revision.pk and history.title == "Notre histoire (brouillon)"


def team_member_data(team, name):
    return {"name": name, "role": "Accueil", "team": team.pk, "email": "", "phone": "", "action-publish": "on"}


def test_a_writer_cannot_publish_a_team_member_and_a_moderator_can(client, member_of):
    team = Team.objects.create(name="Accueil (test)")
    member = TeamMember.objects.create(name="Personne Exemple", role="Accueil", team=team, live=False)
    url = f"/admin/snippets/about/teammember/edit/{member.pk}/"

    client.force_login(member_of(W))
    client.post(url, team_member_data(team, "Personne Exemple-Modifiée"))
    member.refresh_from_db()
    assert not member.live and member.live_revision is None

    client.force_login(member_of(M))
    client.post(url, team_member_data(team, "Personne Exemple-Modifiée"))
    member.refresh_from_db()
    assert member.live and member.name == "Personne Exemple-Modifiée"


def test_ensure_roles_twice_changes_nothing_and_makes_no_duplicates():
    ensure_roles()
    counts = (
        Group.objects.count(),
        Permission.objects.count(),
        GroupPagePermission.objects.count(),
        Workflow.objects.count(),
        GroupApprovalTask.objects.count(),
        WorkflowTask.objects.count(),
        WorkflowPage.objects.count(),
        WorkflowContentType.objects.count(),
    )
    assert ensure_roles() == []
    assert counts == (
        Group.objects.count(),
        Permission.objects.count(),
        GroupPagePermission.objects.count(),
        Workflow.objects.count(),
        GroupApprovalTask.objects.count(),
        WorkflowTask.objects.count(),
        WorkflowPage.objects.count(),
        WorkflowContentType.objects.count(),
    )
    for name in (
        W,
        M,
        A,
    ):
        assert Group.objects.filter(name=name).count() == 1


def test_no_english_group_workflow_or_task_is_left():
    """Meaningful on a database built by migrations (PostgreSQL run with --migrations), where Wagtail made them."""
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()
    assert list(Workflow.objects.values_list("name", flat=True)) == [REVIEW_WORKFLOW]
    assert list(GroupApprovalTask.objects.values_list("name", flat=True)) == [REVIEW_TASK]


def test_permissions_staff_granted_in_the_admin_survive_ensure_roles():
    writers = Group.objects.get(name=W)
    extra = permission("pages.change_sponsor")
    writers.permissions.add(extra)
    ensure_roles()
    assert writers.permissions.filter(pk=extra.pk).exists()


def test_wagtail_default_groups_and_workflow_become_the_french_ones(django_user_model):
    """As on a database built by migrations: Wagtail's "Editors", "Moderators" and "Moderators approval"."""
    root = Page.get_first_root_node()
    Group.objects.filter(name__in=[W, M]).delete()
    WorkflowPage.objects.filter(page=root).delete()
    WorkflowContentType.objects.all().delete()
    Workflow.objects.filter(name=REVIEW_WORKFLOW).delete()
    GroupApprovalTask.objects.filter(name=REVIEW_TASK).delete()
    editors = Group.objects.create(name="Editors")
    moderators = Group.objects.create(name="Moderators")
    person = django_user_model.objects.create_user("ancienne", "ancienne@cai.example", "x")
    person.groups.add(editors)
    task = GroupApprovalTask.objects.create(name="Moderators approval")
    task.groups.add(moderators)
    workflow = Workflow.objects.create(name="Moderators approval")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=root)

    report = ensure_roles()

    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()
    assert Group.objects.get(pk=editors.pk).name == W and Group.objects.get(pk=moderators.pk).name == M
    assert person.groups.get().name == W
    workflow.refresh_from_db()
    task.refresh_from_db()
    assert (workflow.name, task.name) == (REVIEW_WORKFLOW, REVIEW_TASK)
    assert (
        Workflow.objects.filter(name=REVIEW_WORKFLOW).count() == 1
        and not Workflow.objects.filter(name="Moderators approval").exists()
    )
    assert set(task.groups.values_list("name", flat=True)) == {M, A}
    assert WorkflowPage.objects.get(page=root).workflow == workflow
    assert WorkflowContentType.objects.get(content_type__model="teammember").workflow == workflow
    assert "groupe « Editors » renommé « Rédacteurs »" in report
    assert ensure_roles() == []


def test_a_french_group_and_wagtails_default_both_present_merge_into_the_french_one(django_user_model):
    editors = Group.objects.create(name="Editors")
    person = django_user_model.objects.create_user("ancien", "ancien@cai.example", "x")
    person.groups.add(editors)
    ensure_roles()
    assert not Group.objects.filter(name="Editors").exists()
    assert person.groups.get().name == W


def test_migrate_makes_the_roles_once_every_app_has_its_permissions():
    """Django sends post_migrate per app with models (editorial has none): the handler waits for the last one."""
    Group.objects.filter(name=A).delete()
    ensure_roles_after_migrate(apps.get_app_config("about"), verbosity=0)
    assert not Group.objects.filter(name=A).exists()
    ensure_roles_after_migrate(last_app_with_models(), verbosity=0)
    assert Group.objects.get(name=A).permissions.count() == len(ROLE_PERMISSIONS[A])
    assert any("editorial.ensure_roles" in str(key) for key, *_ in post_migrate.receivers)
