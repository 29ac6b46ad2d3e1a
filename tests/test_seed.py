"""seed_site builds the whole site once, and a second run creates, duplicates and overwrites nothing."""

from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from contact.models import ContactDetails
from pages.models import SiteIdentity, Sponsor


def run_seed():
    out = StringIO()
    call_command("seed_site", stdout=out)
    return out.getvalue()


def snapshot():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "sponsors": Sponsor.objects.count(),
        "images": get_image_model().objects.count(),
        "redirects": Redirect.objects.count(),
    }


@pytest.mark.django_db
def test_second_run_creates_nothing_and_says_what_it_skipped():
    before = snapshot()
    output = run_seed()
    assert snapshot() == before
    assert "0 élément(s) créé(s)" in output
    assert "ignoré : page /presentation/qui-sommes-nous/histoire-du-centre/ (existe déjà)" in output
    assert "ignoré : logos partenaires (la liste n'est pas vide)" in output


@pytest.mark.django_db
def test_edited_page_and_settings_are_never_overwritten(page_at, site):
    history = page_at("/presentation/qui-sommes-nous/histoire-du-centre/")
    history.title = "Notre histoire"
    history.body = [("heading", {"text": "Texte revu par l'équipe", "level": "h2"})]
    history.save_revision().publish()
    identity = SiteIdentity.for_site(site)
    identity.tagline = "Une autre phrase"
    identity.save()

    run_seed()

    history.refresh_from_db()
    assert history.title == "Notre histoire"
    assert history.body[0].value["text"] == "Texte revu par l'équipe"
    assert SiteIdentity.for_site(site).tagline == "Une autre phrase"


@pytest.mark.django_db
def test_missing_page_is_recreated_in_place_with_its_content(page_at):
    page_at("/ukraine/").delete()
    output = run_seed()
    assert "créé : page /ukraine/" in output
    ukraine = page_at("/ukraine/")
    assert ukraine.live and ukraine.title == "Ukraine"
    assert ukraine.get_prev_sibling().slug == "contact"


@pytest.mark.django_db
def test_empty_settings_fields_are_filled_and_removed_sponsors_stay_removed(site):
    details = ContactDetails.for_site(site)
    details.phone = ""
    details.save()
    Sponsor.objects.filter(name="Forem").delete()
    output = run_seed()
    assert ContactDetails.for_site(site).phone == "081 73 71 76"
    assert "coordonnées du centre : 1 champ(s) rempli(s)" in output
    assert not Sponsor.objects.filter(name="Forem").exists()


@pytest.mark.django_db
def test_seeded_pages_are_published_with_one_revision_each(home):
    for page in home.get_descendants(inclusive=True).specific():
        assert page.live and not page.has_unpublished_changes, page.url_path
        assert page.revisions.count() == 1, page.url_path


@pytest.mark.django_db
def test_pages_awaiting_content_carry_a_note_for_editors(page_at):
    for url in ["/presentation/equipe/", "/presentation/mandats/", "/ukraine/", "/contact/bureau-daccueil/"]:
        assert page_at(url).editor_note, url
    assert page_at("/presentation/qui-sommes-nous/histoire-du-centre/").editor_note == ""


@pytest.mark.django_db(transaction=True)
def test_seed_builds_the_site_on_an_emptied_database():
    Page.objects.all().delete()
    output = run_seed()
    assert "créé : page d'accueil /" in output
    assert Page.objects.get(url_path="/accueil/thematiques/sante/").live


@pytest.mark.django_db
@pytest.mark.parametrize(
    "old, new",
    [
        ("/histoire-du-centre/", "/presentation/qui-sommes-nous/histoire-du-centre/"),
        ("/notre-histoire", "/presentation/qui-sommes-nous/histoire-du-centre/"),
        ("/discrimination/", "/campagne-discrimination/"),
        ("/category/thematiques/migrations/", "/thematiques/migrations/"),
        ("/tag/interculturalite/", "/thematiques/interculturalite/"),
        ("/information/centre-de-ressources/chiffres.html", "/ressources/chiffres/"),
    ],
)
def test_old_addresses_redirect_permanently_to_their_new_page(client, old, new):
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.django_db
def test_demo_adds_fictitious_news_trainings_and_publications_once(client):
    import datetime

    from django.utils import timezone
    from wagtail.documents import get_document_model

    from news.models import NewsPage
    from publications.models import PublicationPage
    from trainings.models import TrainingPage, TrainingSession

    out = StringIO()
    call_command("seed_site", "--demo", stdout=out)
    news, trainings, publications = NewsPage.objects.all(), TrainingPage.objects.all(), PublicationPage.objects.all()
    assert news.count() >= 20 and trainings.count() >= 10 and publications.count() >= 10
    for page in [*news, *trainings, *publications]:
        assert page.title.startswith("Exemple : ") and "démonstration" in page.editor_note
        assert page.live
    today = timezone.localdate()
    dates = TrainingSession.objects.values_list("date", flat=True)
    assert min(dates) < today < max(dates)
    assert len({theme.pk for page in news for theme in page.thematiques.all()}) >= 10
    documents = get_document_model().objects.filter(collection__name="Publications")
    assert documents.count() >= 10
    assert all(doc.file.read(5) == b"%PDF-" for doc in documents)
    before = snapshot()
    second = StringIO()
    call_command("seed_site", "--demo", stdout=second)
    assert snapshot() == before
    assert "0 élément(s) créé(s)" in second.getvalue()
    assert client.get("/ressources/actus-du-secteur/exemple-actualite-01/").status_code == 200
    assert datetime.date.today().year - 8 <= publications.order_by("year").first().year


@pytest.mark.django_db
def test_seed_converts_a_generic_page_to_its_new_type_keeping_children(client, page_at):
    from news.models import NewsIndexPage
    from pages.models import StandardPage

    page_at("/ressources/actus-du-secteur/").delete()
    resources = page_at("/ressources/")
    old = StandardPage(title="Actus du secteur", slug="actus-du-secteur", intro="Intro rédigée", show_in_menus=True)
    resources.add_child(instance=old)
    old.save_revision().publish()
    child = StandardPage(title="Archive 2020", slug="archive-2020")
    old.add_child(instance=child)
    child.save_revision().publish()

    output = run_seed()

    assert "page /ressources/actus-du-secteur/ convertie en « Index des actualités »" in output
    converted = page_at("/ressources/actus-du-secteur/")
    assert isinstance(converted, NewsIndexPage) and converted.pk == old.pk
    assert converted.intro == "Intro rédigée" and converted.live
    assert [p.slug for p in converted.get_children()] == ["archive-2020"]
    assert not StandardPage.objects.filter(pk=old.pk).exists()
    assert client.get("/ressources/actus-du-secteur/").status_code == 200
    assert client.get("/ressources/actus-du-secteur/archive-2020/").status_code == 200
    assert converted.get_latest_revision_as_object().intro == "Intro rédigée"
    assert "0 élément(s) créé(s)" in run_seed()
