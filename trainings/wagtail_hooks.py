from django.shortcuts import redirect
from django.urls import reverse
from wagtail import hooks
from wagtail.admin import messages
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .admin_views import RegistrationViewSet
from .models import Audience, Organiser, Registration, TrainingPage


class AudienceViewSet(SnippetViewSet):
    model = Audience
    icon = "group"
    menu_label = "Publics cibles"
    list_display = ["name", "slug"]
    sort_order_field = "sort_order"


class OrganiserViewSet(SnippetViewSet):
    model = Organiser
    icon = "user"
    menu_label = "Organisateurs"
    list_display = ["name", "website"]


class TrainingsViewSetGroup(SnippetViewSetGroup):
    items = (AudienceViewSet, OrganiserViewSet, RegistrationViewSet)
    menu_icon = "date"
    menu_label = "Formations"
    menu_order = 310


register_snippet(TrainingsViewSetGroup)


def pages_with_registrations(pages):
    """The trainings among ``pages`` and their descendants that people registered for."""
    trainings = TrainingPage.objects.none()
    for page in pages:
        trainings |= TrainingPage.objects.descendant_of(page, inclusive=True)
    return TrainingPage.objects.filter(pk__in=Registration.objects.filter(training__in=trainings).values("training"))


REFUSED = (
    "« {title} » ne peut pas être supprimée : des personnes sont inscrites à cette formation. Ses inscriptions "
    "sont effacées automatiquement après leur durée de conservation ; dépubliez la page en attendant."
)


@hooks.register("before_delete_page")
def refuse_deleting_trainings_with_registrations(request, page):
    """Registrations protect their training (and its sessions): say so in French instead of a ProtectedError."""
    blocking = pages_with_registrations([page]).first()
    if blocking is not None:
        messages.error(request, REFUSED.format(title=blocking.title))
        return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    return None


@hooks.register("before_bulk_action")
def refuse_bulk_deleting_trainings_with_registrations(request, action_type, objects, action_class_instance):
    """Wagtail's reference index already refuses a training itself; this covers a page above trainings."""
    if action_type != "delete" or not objects or not isinstance(objects[0], Page):
        return None
    blocking = pages_with_registrations(objects).first()
    if blocking is not None:
        messages.error(request, REFUSED.format(title=blocking.title))
        return redirect(reverse("wagtailadmin_explore", args=[objects[0].get_parent().pk]))
    return None
