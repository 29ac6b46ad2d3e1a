"""Editors' mistakes caught kindly, through the real admin: empty content is not published (drafts still save),
addresses are plain ASCII, every page type says what it is for, multi-choice lists are checkboxes, and help texts
name admin menus that exist."""

import re
from html import unescape

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.contrib.auth import get_user_model
from django.forms import CheckboxSelectMultiple, ModelMultipleChoiceField
from django.test import RequestFactory
from django.utils import translation
from wagtail.admin.menu import admin_menu
from wagtail.models import Page, get_page_models
from wagtail.snippets.models import get_snippet_models
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from directory.factories import DirectoryEntryFactory
from news.factories import NewsPageFactory
from news.models import NewsIndexPage, NewsPage
from pages.editing import ascii_slug, has_text
from pages.factories import DocumentFactory
from pages.models import SectionPage, StandardPage
from publications.models import PublicationIndexPage, PublicationPage, PublicationType
from trainings.factories import TrainingPageFactory
from trainings.models import Audience, TrainingIndexPage, TrainingPage

PROJECT_APPS = {
    "pages",
    "news",
    "trainings",
    "publications",
    "about",
    "offices",
    "contact",
    "directory",
    "thematiques",
    "figures",
    "home",
}
BASE = {"intro": "", "editor_note": "", "seo_title": "", "search_description": ""}


@pytest.fixture
def editor(client, db):
    user = get_user_model().objects.create_superuser("regles", "regles@example.org", "un mot de passe solide")
    client.force_login(user)
    return user


def add_url(model, parent):
    return f"/admin/pages/add/{model._meta.app_label}/{model._meta.model_name}/{parent.pk}/"


def text_of(response):
    return unescape(response.content.decode())


def form_errors(response):
    """The messages of an admin page form that was refused: its fields' errors and its inline panels' errors."""
    form = response.context["form"]
    messages = [message for errors in form.errors.values() for message in errors]
    for formset in form.formsets.values():
        messages += formset.non_form_errors()
    return " ".join(messages)


def news_data(publish, **fields):
    data = {
        **BASE,
        "title": "Une actualité vide",
        "slug": "une-actualite-vide",
        "published_on": "2026-11-20",
        "image": "",
        "image_alt": "",
        "body": streamfield([]),
        "source_url": "",
        "source_name": "",
        **fields,
    }
    if publish:
        data["action-publish"] = "publish"
    return nested_form_data(data)


def training_data(publish, sessions=(), **fields):
    data = {
        **BASE,
        "title": "Une formation vide",
        "slug": "une-formation-vide",
        "sessions": inline_formset(list(sessions), min=1),
        "body": streamfield([]),
        "is_free": True,
        "price": "",
        "registration_mode": "none",
        "registration_url": "",
        "registration_email": "",
        **fields,
    }
    if publish:
        data["action-publish"] = "publish"
    return nested_form_data(data)


def publication_data(publish, files=(), **fields):
    data = {
        **BASE,
        "title": "Une publication vide",
        "slug": "une-publication-vide",
        "publication_type": PublicationType.objects.get(name="Guide").pk,
        "year": "2026",
        "authors": "",
        "cover": "",
        "summary": rich_text(""),
        "files": inline_formset(list(files)),
        "external_url": "",
        "external_label": "",
        **fields,
    }
    if publish:
        data["action-publish"] = "publish"
    return nested_form_data(data)


SESSION = {"date": "2027-01-20", "starts_at": "09:30", "ends_at": "12:00", "place_name": "Salle A"}


# 1. Empty content is not published; a draft of it is saved.


@pytest.mark.django_db
def test_a_news_item_without_text_is_not_published_and_says_why_in_french(client, editor):
    response = client.post(add_url(NewsPage, NewsIndexPage.objects.get()), news_data(publish=True))
    assert response.status_code == 200
    # On the "Contenu" field: the stream widget shows it from its JSON data, hence read from the form.
    assert "Une actualité sans texte ne peut pas être publiée" in form_errors(response)
    assert not NewsPage.objects.filter(slug="une-actualite-vide").exists()


@pytest.mark.django_db
def test_a_news_item_without_text_can_be_saved_as_a_draft(client, editor):
    response = client.post(add_url(NewsPage, NewsIndexPage.objects.get()), news_data(publish=False))
    assert response.status_code == 302
    draft = NewsPage.objects.get(slug="une-actualite-vide")
    assert not draft.live
    assert draft.get_latest_revision() is not None


@pytest.mark.django_db
def test_a_news_item_with_text_is_published(client, editor):
    body = streamfield([("paragraph", rich_text("<p>Le texte de l'actualité.</p>"))])
    response = client.post(add_url(NewsPage, NewsIndexPage.objects.get()), news_data(publish=True, body=body))
    assert response.status_code == 302
    assert NewsPage.objects.get(slug="une-actualite-vide").live


@pytest.mark.django_db
def test_emptying_a_live_news_item_leaves_the_live_version_untouched(client, editor):
    item = NewsPageFactory(body=[("paragraph", "<p>Le texte publié.</p>")])
    live_body = str(item.body)
    data = news_data(publish=True, title=item.title, slug=item.slug, intro="")
    response = client.post(f"/admin/pages/{item.pk}/edit/", data)
    assert response.status_code == 200
    assert "Une actualité sans texte ne peut pas être publiée" in form_errors(response)
    item.refresh_from_db()
    assert item.live and str(item.body) == live_body


@pytest.mark.django_db
def test_a_training_without_session_is_not_published_but_saved_as_a_draft(client, editor):
    index = TrainingIndexPage.objects.get()
    refused = client.post(add_url(TrainingPage, index), training_data(publish=True, intro="Une introduction."))
    assert refused.status_code == 200
    assert "Ajoutez au moins une séance" in text_of(refused)
    assert not TrainingPage.objects.filter(slug="une-formation-vide").exists()

    draft = client.post(add_url(TrainingPage, index), training_data(publish=False, intro="Une introduction."))
    assert draft.status_code == 302
    assert not TrainingPage.objects.get(slug="une-formation-vide").live


@pytest.mark.django_db
def test_a_training_without_text_is_not_published_but_saved_as_a_draft(client, editor):
    index = TrainingIndexPage.objects.get()
    refused = client.post(add_url(TrainingPage, index), training_data(publish=True, sessions=[SESSION]))
    assert refused.status_code == 200
    assert "Une formation sans texte ne peut pas être publiée" in form_errors(refused)
    assert not TrainingPage.objects.filter(slug="une-formation-vide").exists()

    draft = client.post(add_url(TrainingPage, index), training_data(publish=False, sessions=[SESSION]))
    assert draft.status_code == 302
    assert not TrainingPage.objects.get(slug="une-formation-vide").live


@pytest.mark.django_db
def test_a_training_with_a_session_and_an_introduction_is_published(client, editor):
    data = training_data(publish=True, sessions=[SESSION], intro="Une journée pour les professionnels.")
    response = client.post(add_url(TrainingPage, TrainingIndexPage.objects.get()), data)
    assert response.status_code == 302
    assert TrainingPage.objects.get(slug="une-formation-vide").live


@pytest.mark.django_db
def test_an_empty_publication_is_not_published_but_saved_as_a_draft(client, editor):
    index = PublicationIndexPage.objects.get()
    refused = client.post(add_url(PublicationPage, index), publication_data(publish=True))
    assert refused.status_code == 200
    assert "Une publication vide ne peut pas être publiée" in text_of(refused)
    assert not PublicationPage.objects.filter(slug="une-publication-vide").exists()

    draft = client.post(add_url(PublicationPage, index), publication_data(publish=False))
    assert draft.status_code == 302
    assert not PublicationPage.objects.get(slug="une-publication-vide").live


@pytest.mark.django_db
def test_a_publication_with_only_its_document_is_published(client, editor):
    document = DocumentFactory(title="Le guide en PDF")
    data = publication_data(publish=True, files=[{"document": document.pk, "label": ""}])
    response = client.post(add_url(PublicationPage, PublicationIndexPage.objects.get()), data)
    assert response.status_code == 302
    assert PublicationPage.objects.get(slug="une-publication-vide").live


@pytest.mark.django_db
def test_a_removed_document_does_not_count_for_publishing(client, editor):
    document = DocumentFactory(title="Le guide en PDF")
    data = publication_data(publish=True, files=[{"document": document.pk, "label": "", "DELETE": "on"}])
    response = client.post(add_url(PublicationPage, PublicationIndexPage.objects.get()), data)
    assert response.status_code == 200
    assert "Une publication vide ne peut pas être publiée" in text_of(response)


def test_what_counts_as_text():
    assert not has_text("") and not has_text(None) and not has_text("<p></p>") and not has_text("<p>&nbsp;\xa0</p>")
    assert has_text("<p>Un mot.</p>") and has_text("Une phrase.")


# 3. Addresses in plain ASCII.


def test_accents_are_transliterated_and_other_scripts_are_not_guessed():
    assert ascii_slug("rapport-dactivité") == "rapport-dactivite"
    assert ascii_slug("cœur-de-namur") == "coeur-de-namur"
    assert ascii_slug("україна") is None


@pytest.mark.django_db
@pytest.mark.parametrize("typed_slug", ["", "rapport-dactivité"])
def test_a_new_page_titled_with_accents_gets_an_ascii_address(client, editor, typed_slug):
    section = SectionPage.objects.get(slug="ressources")
    data = nested_form_data(
        {**BASE, "title": "Rapport d'activité", "slug": typed_slug, "body": streamfield([]), "action-publish": "1"}
    )
    response = client.post(add_url(StandardPage, section), data)
    assert response.status_code == 302, text_of(response)
    page = StandardPage.objects.child_of(section).get(title="Rapport d'activité")
    assert page.slug == "rapport-dactivite"
    assert page.url_path.isascii()


@pytest.mark.django_db
def test_an_address_in_another_script_is_refused_in_french(client, editor):
    section = SectionPage.objects.get(slug="ressources")
    data = nested_form_data({**BASE, "title": "Україна", "slug": "україна", "body": streamfield([])})
    response = client.post(add_url(StandardPage, section), data)
    assert response.status_code == 200
    assert "contient des lettres qui n'existent pas sans accent" in text_of(response)
    assert not StandardPage.objects.filter(title="Україна").exists()


@pytest.mark.django_db
def test_an_existing_address_with_accents_is_kept_when_the_page_is_edited(client, editor):
    section = SectionPage.objects.get(slug="ressources")
    page = section.add_child(instance=StandardPage(title="Été", slug="été"))
    data = nested_form_data({**BASE, "title": "Été solidaire", "slug": "été", "body": streamfield([])})
    data["action-publish"] = "1"
    response = client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 302
    page.refresh_from_db()
    assert (page.title, page.slug) == ("Été solidaire", "été")  # no published address moves behind anyone's back


@pytest.mark.django_db
def test_list_items_fill_their_slug_in_ascii():
    audience = Audience.objects.create(name="Élèves et étudiants")
    assert audience.slug == "eleves-et-etudiants"


def test_the_slug_field_explains_itself_in_french():
    for model in project_page_models():
        panels = [panel for panel in _walk(model.get_edit_handler()) if getattr(panel, "field_name", None) == "slug"]
        assert len(panels) == 1 and "lettres sans accent" in panels[0].help_text, model


def _walk(panel):
    yield panel
    for child in getattr(panel, "children", []):
        yield from _walk(child)


# 4. A French description for every page type.


def project_page_models():
    return [model for model in get_page_models() if model._meta.app_label in PROJECT_APPS]


def test_every_page_type_has_a_french_description():
    models = project_page_models()
    assert len(models) >= 20
    for model in models:
        description = model.get_page_description()
        assert description and len(description) > 20, model
        assert re.search(r"\b(une?|la|le|les|des|de|du|et)\b", description, re.IGNORECASE), (model, description)


@pytest.mark.django_db
def test_the_add_subpage_chooser_shows_the_descriptions(client, editor):
    section = SectionPage.objects.get(slug="ressources")
    response = client.get(f"/admin/pages/{section.pk}/add_subpage/")
    assert response.status_code == 200
    for model in section.specific_class.creatable_subpage_models():
        if model.can_create_at(section):
            assert model.get_page_description() in text_of(response), model


# 5. Multi-choice lists are checkboxes.


def edited_models():
    return project_page_models() + [
        model for model in get_snippet_models() if model._meta.app_label in PROJECT_APPS | {"trainings"}
    ]


def test_every_multiple_choice_in_the_admin_is_a_list_of_checkboxes():
    checked = 0
    for model in edited_models():
        form_class = model.get_edit_handler().get_form_class() if issubclass(model, Page) else _snippet_form(model)
        for name, field in form_class.base_fields.items():
            if isinstance(field, ModelMultipleChoiceField):
                assert isinstance(field.widget, CheckboxSelectMultiple), (model, name)
                checked += 1
    assert checked >= 6  # thématiques on several types, audiences, organisers, directory entries


def _snippet_form(model):
    return model.snippet_viewset.get_edit_handler().get_form_class()


@pytest.mark.django_db
def test_the_training_form_renders_checkboxes_for_organisers_and_audiences(client, editor):
    training = TrainingPageFactory()
    soup = BeautifulSoup(client.get(f"/admin/pages/{training.pk}/edit/").content, "html.parser")
    for name in ("organisers", "audiences", "thematiques"):
        assert soup.select(f'input[type="checkbox"][name="{name}"]'), name
        assert not soup.select(f'select[name="{name}"]'), name


@pytest.mark.django_db
def test_the_directory_entry_form_renders_checkboxes_for_thematiques(client, editor):
    entry = DirectoryEntryFactory()
    response = client.get(f"/admin/snippets/directory/directoryentry/edit/{entry.pk}/")
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select('input[type="checkbox"][name="thematiques"]')
    assert not soup.select('select[name="thematiques"]')


# 6. Help texts name admin menus that exist.

MENU_REFERENCE = re.compile(r"«\s*([^«»]*›[^«»]*)\s*»|menu\s+«\s*([^«»]+?)\s*»")


def menu_paths(user):
    """Every path of labels in the admin menu that ``user`` sees, e.g. ("Formations", "Publics cibles")."""
    request = RequestFactory().get("/admin/")
    request.user = user
    paths = set()

    def walk(menu, prefix):
        for item in menu.menu_items_for_request(request):
            path = (*prefix, str(item.label))
            paths.add(path)
            if getattr(item, "menu", None) is not None:
                walk(item.menu, path)

    walk(admin_menu, ())
    return paths


def help_texts():
    """(where, text) of every help text of the project's models and of their edit panels."""
    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS:
            continue
        for field in model._meta.get_fields():
            text = str(getattr(field, "help_text", "") or "")
            if text:
                yield f"{model.__name__}.{field.name}", text
        if hasattr(model, "get_edit_handler"):
            for panel in _walk(model.get_edit_handler()):
                if getattr(panel, "help_text", ""):
                    yield f"{model.__name__} panel", str(panel.help_text)


@pytest.mark.django_db
def test_help_texts_name_admin_menus_that_exist(editor):
    with translation.override("fr"):
        paths = menu_paths(editor)
        references = []
        for where, text in help_texts():
            for chain, single in MENU_REFERENCE.findall(text):
                path = tuple(part.strip() for part in (chain or single).split("›"))
                references.append((where, path))
                assert path in paths, f"{where} names the menu {' › '.join(path)}, absent from the admin"
    assert len(references) >= 3  # publication types, audiences, organisers
