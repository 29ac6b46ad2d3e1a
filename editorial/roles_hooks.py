"""Admin hooks of the roles: form submissions for those allowed to see them, user bulk actions that spare
superusers, and the form-submission permissions offered in the group editor."""

from django.contrib.auth.models import Permission
from wagtail import hooks

from .users import register_bulk_actions

FORM_SUBMISSIONS_PERMISSION = "wagtailforms.view_formsubmission"

register_bulk_actions()


@hooks.register("filter_form_submissions_for_user")
def form_submissions_for_administrators_only(user, editable_forms):
    """Messages people send through the site are personal data: only users with the view permission on form
    submissions (Administrateurs) and superusers see them, whatever their page permissions."""
    if user.is_superuser or user.has_perm(FORM_SUBMISSIONS_PERMISSION):
        return editable_forms
    return editable_forms.none()


@hooks.register("register_permissions")
def form_submission_permissions():
    """Offered in the group editor, so staff can see and grant who reads form submissions."""
    return Permission.objects.filter(
        content_type__app_label="wagtailforms", codename__in=["view_formsubmission", "delete_formsubmission"]
    )
