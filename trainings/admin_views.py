"""The staff's views of registrations: a listing with filters, search, seat counts and a CSV export; cancel with a
confirmation (the seat goes to the first person waiting); edit the contact details; refuse to add from the admin
(the public form counts the seats)."""

import csv

import django_filters
from django import forms
from django.contrib.admin.utils import quote
from django.db import transaction
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from wagtail.admin import messages
from wagtail.admin.auth import PermissionPolicyChecker
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.views.mixins import Echo
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button, MenuItem
from wagtail.permission_policies import ModelPermissionPolicy

from pages.spreadsheets import neutralise

from .models import Registration, RegistrationStatus, TrainingPage, TrainingSession, lock_seats

# A spreadsheet runs a cell that starts with one of these as a formula ("CSV injection").


class RegistrationPermissionPolicy(ModelPermissionPolicy):
    """The model's permissions, except adding: registrations come from the public form, which counts the seats."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)


class SessionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, session):
        return f"{session.page.title} – {session}"


class SessionFilter(django_filters.ModelChoiceFilter):
    field_class = SessionChoiceField


class RegistrationFilterSet(WagtailFilterSet):
    training = django_filters.ModelChoiceFilter(
        label="Formation",
        queryset=TrainingPage.objects.filter(registrations__isnull=False).distinct().order_by("title"),
    )
    session = SessionFilter(
        label="Séance",
        queryset=TrainingSession.objects.filter(registrations__isnull=False)
        .distinct()
        .select_related("page")
        .order_by("page__title", "date", "starts_at"),
    )
    status = django_filters.ChoiceFilter(label="Statut", choices=RegistrationStatus.choices)

    class Meta:
        model = Registration
        fields = ["training", "session", "status"]


class SeatsColumn(Column):
    """ "4 inscrits / 10 places · 2 en attente" for the seats the row's registration shares (its training, or its
    session when sessions are alternatives); the listing view sets ``instance.seats`` from one query."""

    cell_template_name = "trainings/admin/seats_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context.update(instance.seats)
        return context


class RegistrationIndexView(generic.IndexView):
    cancel_url_name = None

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("training", "session")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = context["object_list"]
        # The seats of every training shown, in one query: {(training, session or None, status): count}.
        counted = (
            Registration.objects.filter(training__in={row.training_id for row in rows})
            .exclude(status=RegistrationStatus.CANCELLED)
            .values_list("training", "session", "status")
            .annotate(count=Count("pk"))
            .order_by()
        )
        counts = {(training, session, status): count for training, session, status, count in counted}
        for row in rows:
            training = row.training
            by_session = training.session_choice and row.session is not None
            pool = (row.training_id, row.session_id if by_session else None)
            row.seats = {
                "registered": counts.get((*pool, RegistrationStatus.REGISTERED), 0),
                "waiting": counts.get((*pool, RegistrationStatus.WAITING), 0),
                "capacity": row.session.capacity if by_session else training.capacity,
            }
        return context

    def get_filename(self):
        return f"{self.export_filename}-{timezone.localdate():%Y-%m-%d}"

    # The stock CSV export streams comma-separated UTF-8 without a BOM and leaves formulas as they are: Excel set
    # up for Belgium wants the BOM and ";", and a cell typed "=…" must not run.
    def stream_csv(self, queryset):
        writer = csv.DictWriter(Echo(), fieldnames=self.list_export, delimiter=";", lineterminator="\r\n")
        yield "\ufeff".encode()
        yield writer.writerow({field: self.get_heading(queryset, field) for field in self.list_export})
        for item in queryset:
            yield self.write_csv_row(writer, self.to_row_dict(item))

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV:
            if value is None:
                return ""
            return neutralise(str(value))
        return value

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = "text/csv; charset=utf-8"
        return response

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.status != RegistrationStatus.CANCELLED and self.permission_policy.user_has_permission(
            self.request.user, "change"
        ):
            buttons.append(
                MenuItem(
                    "Annuler l'inscription",
                    url=reverse(self.cancel_url_name, args=[quote(instance.pk)]),
                    icon_name="cross",
                    priority=25,
                )
            )
        return buttons


class RegistrationEditView(generic.EditView):
    cancel_url_name = None

    @property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        if self.object.status != RegistrationStatus.CANCELLED:
            buttons.append(
                Button(
                    "Annuler l'inscription",
                    url=reverse(self.cancel_url_name, args=[quote(self.object.pk)]),
                    icon_name="cross",
                    priority=15,
                )
            )
        return buttons


class RegistrationDeleteView(generic.DeleteView):
    def delete_action(self):
        """Deleting someone who held a seat frees it: the first person waiting gets it, under the seats' lock."""
        registration = self.object
        with transaction.atomic():
            training, session = lock_seats(registration.training_id, registration.session_id)
            super().delete_action()
            Registration.objects.fill_free_seats(training, session, request=self.request)


class RegistrationViewSet(ModelViewSet):
    model = Registration
    name = "inscriptions"
    icon = "list-ul"
    menu_label = "Inscriptions"
    add_to_admin_menu = False
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = RegistrationIndexView
    edit_view_class = RegistrationEditView
    delete_view_class = RegistrationDeleteView
    filterset_class = RegistrationFilterSet
    search_fields = ["name", "email", "organisation"]
    export_filename = "inscriptions-formations"
    list_display = [
        "name",
        "email",
        "organisation",
        "training",
        "session",
        "status",
        SeatsColumn("seats", label="Places (formation ou séance)"),
        DateColumn("created_at", label="Inscrit le"),
    ]
    list_export = [
        "training",
        "session",
        "get_status_display",
        "name",
        "email",
        "organisation",
        "phone",
        "accessibility_needs",
        "created_at",
        "promoted_at",
        "cancelled_at",
    ]
    export_headings = {"training": "Formation", "session": "Séance", "get_status_display": "Statut"}
    form_fields = ["name", "email", "organisation", "phone", "accessibility_needs"]
    inspect_view_fields = [
        "training",
        "session",
        "status",
        "name",
        "email",
        "organisation",
        "phone",
        "accessibility_needs",
        "created_at",
        "promoted_at",
        "cancelled_at",
    ]

    @property
    def permission_policy(self):
        return RegistrationPermissionPolicy(self.model)

    def cancel_view(self, request, pk):
        """GET asks for confirmation; POST cancels (the visitor gets an e-mail, the seat goes to who waits)."""
        checker = PermissionPolicyChecker(self.permission_policy)
        registration = get_object_or_404(Registration.objects.select_related("training", "session"), pk=pk)

        @checker.require("change")
        def view(request):
            if request.method == "POST":
                if registration.cancel(request=request, by_staff=True):
                    messages.success(request, f"L'inscription de {registration.name} est annulée.")
                return redirect(reverse(self.get_url_name("index")))
            return TemplateResponse(
                request,
                "trainings/admin/cancel_registration.html",
                {
                    "registration": registration,
                    "index_url": reverse(self.get_url_name("index")),
                    "header_icon": self.icon,
                },
            )

        return view(request)

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(cancel_url_name=self.get_url_name("cancel"), **kwargs)

    def get_edit_view_kwargs(self, **kwargs):
        return super().get_edit_view_kwargs(cancel_url_name=self.get_url_name("cancel"), **kwargs)

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("cancel/<str:pk>/", self.cancel_view, name="cancel")]
