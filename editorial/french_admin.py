"""English that Wagtail's French translation cannot reach, made French for the staff.

- The login form's password field has no label in Wagtail: Django derives "Password" from the field's name
  (``WAGTAILADMIN_USER_LOGIN_FORM`` points to ``LoginForm`` below).
- The redirects report's filter translates its choices once, when Python imports it (``gettext``, not
  ``gettext_lazy``), before any language is active: they stay "All / Permanent / Temporary". They are made lazy here.
- The sites listing names two columns after their fields ("Site name", "Root page") rather than by their
  translated verbose names.
- The root of the page tree is the page "Root" that Wagtail's first migration creates; the explorer and the
  breadcrumbs of every page show its title (``name_root_page``, called by the seed).

Strings that Wagtail translates badly are corrected in ``editorial/locale``; template text in
``editorial/templates/wagtailadmin``.
"""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm
from wagtail.contrib.redirects.filters import RedirectsReportFilterSet
from wagtail.models import Page, Site
from wagtail.sites.views import IndexView as SitesIndexView

ROOT_PAGE_TITLE = "Racine"


class LoginForm(WagtailLoginForm):
    password = forms.CharField(
        label=gettext_lazy("Password"),
        widget=forms.PasswordInput(attrs={"placeholder": gettext_lazy("Enter password")}),
        strip=False,
    )


def translate_redirect_filter():
    redirect_type = RedirectsReportFilterSet.base_filters["is_permanent"]
    redirect_type.extra["choices"] = ((True, gettext_lazy("Permanent")), (False, gettext_lazy("Temporary")))
    redirect_type.extra["empty_label"] = gettext_lazy("All")


def translate_sites_columns():
    for column in SitesIndexView.columns:
        if column.name in ("site_name", "root_page"):
            column.label = capfirst(Site._meta.get_field(column.name).verbose_name)


def name_root_page():
    """Give the root of the page tree a French title (idempotent); returns whether it changed."""
    changed = (
        Page.objects.filter(depth=1)
        .exclude(title=ROOT_PAGE_TITLE)
        .update(title=ROOT_PAGE_TITLE, draft_title=ROOT_PAGE_TITLE)
    )
    return bool(changed)


translate_redirect_filter()
translate_sites_columns()
