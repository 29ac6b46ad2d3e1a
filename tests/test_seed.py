"""seed_site builds the whole site once; later runs create only new seed items and never undo an editor."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from contact.models import ContactDetails
from figures.models import FiguresPage
from pages.models import SiteIdentity, Sponsor
from seed.models import SeedRecord
from trainings.models import Organiser


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
    assert "ignoré : partenaire Forem (déjà créé une fois : laissé aux éditeurs)" in output


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
def test_a_new_seed_page_is_created_in_place_with_its_content(page_at):
    """A page the seed has never made (as when a later version adds it) is created at its place in the menu."""
    page_at("/ukraine/").delete()
    SeedRecord.objects.filter(key="page:/ukraine/").delete()
    output = run_seed()
    assert "créé : page /ukraine/" in output
    ukraine = page_at("/ukraine/")
    assert ukraine.live and ukraine.title == "Ukraine"
    assert ukraine.get_prev_sibling().slug == "contact"


@pytest.mark.django_db
def test_a_new_seed_page_goes_under_its_parent_wherever_editors_moved_or_renamed_it(page_at):
    presentation = page_at("/presentation/")
    presentation.slug = "a-propos"
    presentation.save_revision().publish()
    page_at("/a-propos/mandats/").delete()
    SeedRecord.objects.filter(key="page:/presentation/mandats/").delete()
    output = run_seed()
    assert "créé : page /presentation/mandats/" in output
    assert page_at("/a-propos/mandats/").live
    assert not Page.objects.filter(url_path="/accueil/presentation/").exists()


@pytest.mark.django_db
def test_empty_settings_fields_are_filled_once_and_removed_sponsors_stay_removed(site):
    details = ContactDetails.for_site(site)
    details.phone = ""
    details.save()
    Sponsor.objects.filter(name="Forem").delete()
    output = run_seed()
    assert ContactDetails.for_site(site).phone == ""
    assert "coordonnées du centre (rien à remplir)" in output
    assert not Sponsor.objects.filter(name="Forem").exists()
    SeedRecord.objects.filter(key="setting:contact.phone").delete()  # as if a later version added the field
    output = run_seed()
    assert ContactDetails.for_site(site).phone == "081 73 71 76"
    assert "coordonnées du centre : 1 champ(s) rempli(s)" in output


@pytest.mark.django_db
def test_later_runs_leave_editors_partners_and_their_official_logos_alone():
    from wagtail.images.tests.utils import get_test_image_file

    logo = get_image_model().objects.create(title="Logo officiel Wallonie", file=get_test_image_file())
    Sponsor.objects.filter(name="Wallonie").update(logo=logo, editor_note="")
    Sponsor.objects.create(name="Partenaire ajouté", sort_order=9)
    before = snapshot()
    run_seed()
    assert snapshot() == before
    wallonie = Sponsor.objects.get(name="Wallonie")
    assert (wallonie.logo, wallonie.editor_note) == (logo, "")
    assert Sponsor.objects.filter(name="Partenaire ajouté").exists()


def editors_change_the_seeded_site(page_at, site):
    """Everything editors did that an earlier seed undid: delete, rename, move, empty."""
    page_at("/ukraine/").delete()
    for url, new_slug in [("/ressources/chiffres/", "statistiques"), ("/presentation/equipe/", "notre-equipe")]:
        page = page_at(url)
        page.slug = new_slug
        page.save_revision().publish()
    page_at("/presentation/mandats/").move(page_at("/ressources/"), pos="last-child")
    identity = SiteIdentity.for_site(site)
    identity.tagline = ""
    identity.save()
    Organiser.objects.filter(name="CAI Namur").update(name="Centre d'action interculturelle (CAI)")
    Redirect.objects.filter(old_path="/notre-histoire").delete()


def assert_editors_changes_stand(page_at, site):
    urls = set(Page.objects.values_list("url_path", flat=True))
    assert "/accueil/ukraine/" not in urls
    assert "/accueil/ressources/chiffres/" not in urls and "/accueil/ressources/statistiques/" in urls
    assert "/accueil/presentation/equipe/" not in urls and "/accueil/presentation/notre-equipe/" in urls
    assert "/accueil/presentation/mandats/" not in urls and "/accueil/ressources/mandats/" in urls
    assert FiguresPage.objects.count() == 1
    assert SiteIdentity.for_site(site).tagline == ""
    assert list(Organiser.objects.values_list("name", flat=True)) == ["Centre d'action interculturelle (CAI)"]
    assert not Redirect.objects.filter(old_path="/notre-histoire").exists()


@pytest.mark.django_db
def test_two_runs_undo_nothing_that_editors_did(page_at, site):
    editors_change_the_seeded_site(page_at, site)
    for _run in range(2):
        output = run_seed()
        assert "0 élément(s) créé(s)" in output
        assert_editors_changes_stand(page_at, site)
    assert "ignoré : page /ukraine/ (supprimée par les éditeurs : pas recréée)" in output


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


@pytest.mark.django_db
def test_seed_builds_the_whole_site_on_a_fresh_database(fresh_seed_report, page_at):
    """The test database was built by the seed from nothing (see conftest.py): it created everything."""
    assert fresh_seed_report.skipped == []
    assert "page d'accueil /" in fresh_seed_report.created
    assert "page /thematiques/sante/" in fresh_seed_report.created
    created_pages = [line for line in fresh_seed_report.created if re.match(r"page (d'accueil )?/", line)]
    assert len(created_pages) == Page.objects.count() - 1  # every page but Wagtail's root
    assert page_at("/thematiques/sante/").live
    assert page_at("/ressources/chiffres/").report_type.name == "CAIstiques"


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
    NewsPage.objects.get(slug="exemple-actualite-01").delete()
    call_command("seed_site", "--demo", stdout=StringIO())
    assert not NewsPage.objects.filter(slug="exemple-actualite-01").exists()
