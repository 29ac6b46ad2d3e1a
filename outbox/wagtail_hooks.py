"""« Messages envoyés par le site » in the admin: read-only, unsent mails first, for users with the view permission."""

import django_filters
from django.contrib.auth import get_permission_codename
from django.template.defaultfilters import filesizeformat, linebreaksbr
from django.urls import path
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from .models import OutgoingMail


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Nobody adds, edits or deletes a copy of a sent mail (the retention purge deletes them); viewing needs the
    model's view permission (superusers have it)."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([action for action in actions if action == "view"])


def kind_choices():
    kinds = OutgoingMail.objects.order_by("kind").values_list("kind", flat=True).distinct()
    return [(kind, kind) for kind in kinds]


class OutgoingMailFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label="État", choices=OutgoingMail.Status.choices)
    kind = django_filters.ChoiceFilter(label="Type", choices=kind_choices)

    class Meta:
        model = OutgoingMail
        fields = ["status", "kind"]


class OutgoingMailIndexView(generic.IndexView):
    def get_base_queryset(self):
        # Unsent mails first: what staff must look at; a click on a column header sorts otherwise.
        return OutgoingMail.objects.unsent_first()


class OutgoingMailInspectView(generic.InspectView):
    def get_field_display_value(self, field_name, field):
        value = getattr(self.object, field_name)
        if value in (None, "", []):
            return "—"
        if isinstance(value, list):  # to, reply_to
            return ", ".join(value)
        return super().get_field_display_value(field_name, field)

    def get_body_display_value(self):
        return linebreaksbr(self.object.body, autoescape=True)

    def get_attachments_display_value(self):
        attachments = self.object.attachments.all()
        return (
            ", ".join(f"{file.filename} ({file.mimetype}, {filesizeformat(len(file.content))})" for file in attachments)
            or "—"
        )

    def get_field_label(self, field_name, field):
        if field_name == "attachments":
            return "Pièces jointes"
        return super().get_field_label(field_name, field)


class OutgoingMailViewSet(ModelViewSet):
    model = OutgoingMail
    name = "outbox"
    icon = "mail"
    menu_label = "Messages envoyés par le site"
    menu_order = 900
    add_to_admin_menu = True
    add_to_reference_index = False  # a mail links to nothing: no reference-index work on each save
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = OutgoingMailIndexView
    inspect_view_class = OutgoingMailInspectView
    inspect_view_fields = [
        "created_at",
        "kind",
        "status",
        "attempts",
        "last_error",
        "sent_at",
        "from_email",
        "to",
        "reply_to",
        "subject",
        "body",
        "attachments",
    ]
    list_display = [
        "subject",  # the title column: links to the message
        DateColumn("created_at", label="Créé le", sort_key="created_at"),
        Column("kind", label="Type", sort_key="kind"),
        Column("recipients", label="Destinataires"),
        StatusTagColumn("get_status_display", label="État", sort_key="status", primary=lambda mail: not mail.is_sent),
        Column("attempts", label="Tentatives", sort_key="attempts"),
        Column("last_error", label="Dernière erreur"),
    ]
    filterset_class = OutgoingMailFilterSet
    search_fields = ["subject", "to", "kind"]  # "to": did this person get their confirmation?
    list_per_page = 50

    @property
    def permission_policy(self):
        return ReadOnlyPermissionPolicy(self.model)

    def get_permissions_to_register(self):
        return super().get_permissions_to_register().filter(codename=get_permission_codename("view", self.model_opts))

    def get_urlpatterns(self):
        # The listing and the inspect view only: no add, edit, copy, delete, history or usage views.
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path(f"inspect/<{self.pk_path_converter}:pk>/", self.inspect_view, name="inspect"),
        ]


@hooks.register("register_admin_viewset")
def register_outgoing_mail_viewset():
    return OutgoingMailViewSet()
