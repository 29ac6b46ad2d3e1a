"""User management for Administrateurs, who manage users without ever reaching superuser powers.

Wagtail's user forms offer the "Administrateur" (``is_superuser``) box to anyone allowed to manage users, and let
them edit (so change the e-mail, then reset the password of) a superuser. Here, for a user who is not a superuser:
the forms have no ``is_superuser`` field (a forged POST of it is ignored: the field is not in the form), the edit and
delete views of a superuser are refused, and the bulk actions skip superusers. Superusers keep every power.
"""

from django.core.exceptions import PermissionDenied
from wagtail import hooks
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views import users
from wagtail.users.views.bulk_actions import AssignRoleBulkAction, DeleteBulkAction, SetActiveStateBulkAction


def may_manage(request_user, target):
    """Only a superuser may act on a superuser."""
    return request_user.is_superuser or not target.is_superuser


class SuperuserFieldForUsersOnlyMixin:
    """Drops the ``is_superuser`` field unless the user filling in the form is a superuser."""

    def __init__(self, *args, request_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if request_user is None or not request_user.is_superuser:
            self.fields.pop("is_superuser", None)


class UserCreationFormWithoutPromotion(SuperuserFieldForUsersOnlyMixin, UserCreationForm):
    pass


class UserEditFormWithoutPromotion(SuperuserFieldForUsersOnlyMixin, UserEditForm):
    pass


class RequestUserFormMixin:
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request_user": self.request.user}


class CreateView(RequestUserFormMixin, users.CreateView):
    pass


class EditView(RequestUserFormMixin, users.EditView):
    def dispatch(self, request, *args, **kwargs):
        if not may_manage(request.user, self.object):
            raise PermissionDenied  # the admin answers with its "permission denied" message
        return super().dispatch(request, *args, **kwargs)


class DeleteView(users.DeleteView):
    """Wagtail already refuses to delete a superuser for a non-superuser (``user_can_delete_user``)."""


class UserViewSet(users.UserViewSet):
    add_view_class = CreateView
    edit_view_class = EditView
    delete_view_class = DeleteView
    create_template_name = "editorial/users/create.html"  # Wagtail's, with the superuser box only when present

    def get_form_class(self, for_update=False):
        return UserEditFormWithoutPromotion if for_update else UserCreationFormWithoutPromotion


class SuperuserSafeAssignRoleBulkAction(AssignRoleBulkAction):
    def check_perm(self, obj):
        return super().check_perm(obj) and may_manage(self.request.user, obj)


class SuperuserSafeDeleteBulkAction(DeleteBulkAction):
    def check_perm(self, obj):
        return super().check_perm(obj) and may_manage(self.request.user, obj)


class SuperuserSafeSetActiveStateBulkAction(SetActiveStateBulkAction):
    def check_perm(self, obj):
        return super().check_perm(obj) and may_manage(self.request.user, obj)


def register_bulk_actions():
    """Replace Wagtail's user bulk actions (same action types; a later registration wins, hence ``order``)."""
    for action_class in (
        SuperuserSafeAssignRoleBulkAction,
        SuperuserSafeDeleteBulkAction,
        SuperuserSafeSetActiveStateBulkAction,
    ):
        hooks.register("register_bulk_action", action_class, order=100)
