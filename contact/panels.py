"""Admin panels of the contact app."""

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import InlinePanel


class PermissionedInlinePanel(InlinePanel):
    """An InlinePanel whose child FieldPanels honour ``permission=``, in the form as in the display.

    Stock InlinePanel hides a child FieldPanel with ``permission=`` from a user without it, but keeps the field in
    the child forms, so a crafted POST could still change it. Here the child form gets the ``field_permissions`` of
    its panels and the user (``for_user``), like a page form: the field is left out of the form for that user, and
    what they post for it is ignored.
    """

    def get_form_options(self):
        options = super().get_form_options()
        field_permissions = self.child_edit_handler.get_form_options().get("field_permissions")
        if field_permissions:
            formset = options["formsets"][self.relation_name]
            base_form = formset.get("form", WagtailAdminModelForm)
            meta_bases = (base_form.Meta,) if hasattr(base_form, "Meta") else ()
            meta = type("Meta", meta_bases, {"field_permissions": field_permissions})
            formset["form"] = type(base_form)(f"Permissioned{base_form.__name__}", (base_form,), {"Meta": meta})
            formset["inherit_kwargs"] = ["for_user"]
        return options
