"""The three roles of the centre's staff and the review they work with, defined as data and made real by
``ensure_roles()`` (run after every ``migrate`` and by the seed).

- **Rédacteurs** write: they create and edit pages and the snippets that make up pages (team members, teams,
  directory entries, audiences, organisers, publication types) and submit their work to the "Relecture" review.
  Nothing they do goes live on its own: no page publish, no ``publish_teammember``, and no deletion of a team member
  (deleting a live one would skip the review). Images and documents are collection permissions
  (``editorial.collections``), not set here.
- **Modérateurs** review: everything a Rédacteur does, plus publish and unpublish pages and team members, approve or
  reject in the review, unlock what others locked, and look after the site search (synonyms, promotions, the report
  of unanswered searches).
- **Administrateurs** run the site: everything a Modérateur does, plus users and groups (never superusers:
  ``editorial.users``), the site settings (identity, contact details), the footer partners, redirects, the form
  submissions and training registrations (personal data: nobody else sees them, see ``roles_hooks``), the mail the
  site sent, where form messages go (``contact.change_form_recipients``) and deleting a page with its children.

The permissions are added, never removed: a permission staff grant a group in the admin survives the next deploy,
and a change to the tables below reaches existing groups as soon as ``migrate`` runs. Wagtail's own default groups
("Editors", "Moderators") and its "Moderators approval" workflow and task become the French ones instead of living
beside them.
"""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowContentType,
    WorkflowMixin,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.snippets.models import create_extra_permissions, get_snippet_models

from .names import ADMINISTRATORS, MODERATORS, REVIEW_WORKFLOW, WRITERS

REVIEW_TASK = "Validation par un modérateur"

# Wagtail's data migrations make these on a database built with migrations (not on the test database).
WAGTAIL_DEFAULT_GROUPS = {"Editors": WRITERS, "Moderators": MODERATORS}
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"
WAGTAIL_DEFAULT_TASK = "Moderators approval"


def _crud(label, *actions):
    app_label, model = label.split(".")
    return tuple(f"{app_label}.{action}_{model}" for action in actions)


_WRITERS_PERMISSIONS = (
    "wagtailadmin.access_admin",
    *_crud("about.teammember", "add", "change", "lock"),
    *_crud("about.team", "add", "change", "delete"),
    *_crud("directory.directoryentry", "add", "change", "delete"),
    *_crud("trainings.audience", "add", "change", "delete"),
    *_crud("trainings.organiser", "add", "change", "delete"),
    *_crud("publications.publicationtype", "add", "change", "delete"),
)
_MODERATORS_PERMISSIONS = (
    *_WRITERS_PERMISSIONS,
    *_crud("about.teammember", "publish", "unlock", "delete"),
    *_crud("sitesearch.synonym", "add", "change", "delete"),
    *_crud("wagtailsearchpromotions.searchpromotion", "add", "change", "delete"),
    "sitesearch.view_unansweredquery",
)
_ADMINISTRATORS_PERMISSIONS = (
    *_MODERATORS_PERMISSIONS,
    *_crud("auth.user", "add", "change", "delete"),
    *_crud("auth.group", "add", "change"),  # not delete: the workflow and the collections rest on these groups
    "pages.change_siteidentity",
    "contact.change_contactdetails",
    "contact.change_form_recipients",
    *_crud("pages.sponsor", "add", "change", "delete"),
    *_crud("wagtailredirects.redirect", "add", "change", "delete"),
    *_crud("wagtailforms.formsubmission", "view", "delete"),
    *_crud("trainings.registration", "view", "change", "delete"),
    "outbox.view_outgoingmail",
)

# Model permissions of each group, as "app_label.codename".
ROLE_PERMISSIONS = {
    WRITERS: frozenset(_WRITERS_PERMISSIONS),
    MODERATORS: frozenset(_MODERATORS_PERMISSIONS),
    ADMINISTRATORS: frozenset(_ADMINISTRATORS_PERMISSIONS),
}

# Page permissions of each group on the root of the page tree (so on every page).
ROLE_PAGE_PERMISSIONS = {
    WRITERS: frozenset({"add_page", "change_page", "lock_page"}),
    MODERATORS: frozenset({"add_page", "change_page", "lock_page", "publish_page", "unlock_page"}),
    ADMINISTRATORS: frozenset(
        {"add_page", "change_page", "lock_page", "publish_page", "unlock_page", "bulk_delete_page"}
    ),
}

# Who approves in the review. Administrateurs too: they hold every Modérateur permission, and in a centre this size
# the administrator is often who reviews when the moderators are away; approving needs membership of a task group.
REVIEWER_GROUPS = (MODERATORS, ADMINISTRATORS)

REQUIRED_TABLES = {"auth_group", "wagtailcore_grouppagepermission", "wagtailcore_workflow", "wagtailcore_page"}


class Report(list):
    """What ``ensure_roles`` changed, one French line per change (empty when everything was already in place)."""

    def add(self, line):
        self.append(line)


def ensure_permissions_exist():
    """Every app's permissions, Wagtail's snippet publish/lock ones included. After ``migrate``, editorial's
    post_migrate handler runs before those of the apps listed after it (wagtailcore, wagtailsnippets…), so their
    permissions may not exist yet; both functions are idempotent."""
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0)
    create_extra_permissions(apps.get_app_config("wagtailsnippets"))


def permission(dotted):
    app_label, codename = dotted.split(".")
    try:
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)
    except Permission.DoesNotExist:
        raise LookupError(f"Permission {dotted} introuvable : l'application ou le modèle a-t-il changé ?") from None


def page_permission(codename):
    return permission(f"wagtailcore.{codename}")


def reviewable_snippet_models():
    """Snippet models that go through a workflow (``WorkflowMixin``), e.g. the team members."""
    return [model for model in get_snippet_models() if issubclass(model, WorkflowMixin)]


@transaction.atomic
def ensure_roles():
    """Create or complete the three groups and the "Relecture" workflow; return what changed. Idempotent."""
    report = Report()
    ensure_permissions_exist()
    groups = {name: ensure_group(name, report) for name in ROLE_PERMISSIONS}
    root_page = Page.get_first_root_node()
    for name, group in groups.items():
        ensure_group_permissions(group, ROLE_PERMISSIONS[name], report)
        if root_page is not None:
            ensure_page_permissions(group, root_page, ROLE_PAGE_PERMISSIONS[name], report)
    ensure_review_workflow(groups, root_page, report)
    return report


def ensure_group(name, report):
    """The group called ``name``; Wagtail's default group of that role becomes it (renamed, or merged into it)."""
    group = Group.objects.filter(name=name).first()
    default_name = next((english for english, french in WAGTAIL_DEFAULT_GROUPS.items() if french == name), None)
    default = Group.objects.filter(name=default_name).first() if default_name else None
    if default is not None:
        drop_root_collection_permissions(default)
    if group is None and default is not None:
        default.name = name
        default.save(update_fields=["name"])
        report.add(f"groupe « {default_name} » renommé « {name} »")
        return default
    if group is None:
        report.add(f"groupe « {name} » créé")
        return Group.objects.create(name=name)
    if default is not None:
        group.user_set.add(*default.user_set.all())
        default.delete()
        report.add(f"groupe « {default_name} » fusionné dans « {name} »")
    return group


def drop_root_collection_permissions(group):
    """Wagtail's default groups hold image/document permissions on the root collection; here no group does (the
    collections, with their own permissions, are set by ``editorial.collections``)."""
    root = Collection.get_first_root_node()
    if root is not None:
        GroupCollectionPermission.objects.filter(group=group, collection=root).delete()


def ensure_group_permissions(group, dotted_names, report):
    present = set(group.permissions.values_list("content_type__app_label", "codename"))
    missing = [dotted for dotted in sorted(dotted_names) if tuple(dotted.split(".")) not in present]
    if missing:
        group.permissions.add(*(permission(dotted) for dotted in missing))
        report.add(f"« {group.name} » : {len(missing)} permission(s) ajoutée(s)")


def ensure_page_permissions(group, root_page, codenames, report):
    added = 0
    for codename in sorted(codenames):
        _, created = GroupPagePermission.objects.get_or_create(
            group=group, page=root_page, permission=page_permission(codename)
        )
        added += created
    if added:
        report.add(f"« {group.name} » : {added} permission(s) de page ajoutée(s)")


def ensure_review_workflow(groups, root_page, report):
    """The "Relecture" workflow (one group approval task) on the whole page tree and on the reviewable snippets.
    A workflow staff chose for the tree or a snippet type is kept."""
    workflow = ensure_workflow(report)
    task = ensure_task(report)
    reviewers = [groups[name] for name in REVIEWER_GROUPS]
    missing_reviewers = [group for group in reviewers if not task.groups.filter(pk=group.pk).exists()]
    if missing_reviewers:
        task.groups.add(*missing_reviewers)
        report.add(f"tâche « {task.name} » : groupe(s) {', '.join(g.name for g in missing_reviewers)} ajouté(s)")
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=workflow.workflow_tasks.count())
        report.add(f"tâche « {task.name} » ajoutée au processus « {workflow.name} »")
    if root_page is not None:
        _, created = WorkflowPage.objects.get_or_create(page=root_page, defaults={"workflow": workflow})
        if created:
            report.add(f"processus « {workflow.name} » appliqué à tout le site")
    for model in reviewable_snippet_models():
        content_type = ContentType.objects.get_for_model(model)
        _, created = WorkflowContentType.objects.get_or_create(
            content_type=content_type, defaults={"workflow": workflow}
        )
        if created:
            report.add(f"processus « {workflow.name} » appliqué à « {model._meta.verbose_name_plural} »")


def ensure_workflow(report):
    workflow = Workflow.objects.filter(name=REVIEW_WORKFLOW).first()
    default = Workflow.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW).first()
    if workflow is None and default is not None:
        default.name = REVIEW_WORKFLOW
        default.active = True
        default.save(update_fields=["name", "active"])
        report.add(f"processus « {WAGTAIL_DEFAULT_WORKFLOW} » renommé « {REVIEW_WORKFLOW} »")
        return default
    if workflow is None:
        report.add(f"processus « {REVIEW_WORKFLOW} » créé")
        return Workflow.objects.create(name=REVIEW_WORKFLOW, active=True)
    if default is not None:
        # Both exist: whatever used Wagtail's default now uses "Relecture", so staff never read its English name.
        WorkflowPage.objects.filter(workflow=default).update(workflow=workflow)
        WorkflowContentType.objects.filter(workflow=default).update(workflow=workflow)
        default.active = False
        default.save(update_fields=["active"])
        report.add(f"processus « {WAGTAIL_DEFAULT_WORKFLOW} » remplacé par « {REVIEW_WORKFLOW} »")
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
        report.add(f"processus « {REVIEW_WORKFLOW} » réactivé")
    return workflow


def ensure_task(report):
    task = GroupApprovalTask.objects.filter(name=REVIEW_TASK).first()
    if task is not None:
        return task
    default = GroupApprovalTask.objects.filter(name=WAGTAIL_DEFAULT_TASK).first()
    if default is not None:
        default.name = REVIEW_TASK
        default.active = True
        default.save(update_fields=["name", "active"])
        report.add(f"tâche « {WAGTAIL_DEFAULT_TASK} » renommée « {REVIEW_TASK} »")
        return default
    report.add(f"tâche « {REVIEW_TASK} » créée")
    return GroupApprovalTask.objects.create(name=REVIEW_TASK, active=True)


def last_app_with_models():
    return [config for config in apps.get_app_configs() if config.models_module is not None][-1]


def ensure_roles_after_migrate(app_config, verbosity=1, using=DEFAULT_DB_ALIAS, **kwargs):
    """post_migrate handler: the roles exist as soon as the database does.

    Django sends post_migrate once per installed app that has models, in INSTALLED_APPS order; editorial has no
    models, so it never gets one of its own. The handler acts on the last one, once every app's tables, content
    types and permissions exist."""
    if using != DEFAULT_DB_ALIAS or app_config is not last_app_with_models():
        return
    if not set(connections[using].introspection.table_names()) >= REQUIRED_TABLES:
        return  # a partial migrate (e.g. back to zero): nothing to attach the roles to
    report = ensure_roles()
    if verbosity >= 1:
        for line in report:
            print(f"  Rôles : {line}")
