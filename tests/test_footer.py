"""The footer: contact block, tagline, partners in order (names as text until official logos), legal links."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.urls import reverse

from pages.models import SiteIdentity, Sponsor


def footer_of(client, url="/ukraine/"):
    return BeautifulSoup(client.get(url).content, "html.parser").find("footer", class_="site-footer")


@pytest.mark.django_db
def test_footer_contact_block_has_name_address_phone_and_email(client):
    footer = footer_of(client)
    address = footer.find("address")
    lines = [line.strip() for line in address.get_text("\n").splitlines() if line.strip()]
    assert lines[:3] == [
        "Le Centre d'action interculturelle de la province de Namur",
        "Rue Docteur Haibe 2",
        "5002 Saint-Servais (Namur), Belgique",
    ]
    # The visible number, named for screen readers by a hidden "Téléphone :" (the icon beside it is decorative).
    phone = address.select_one("a[href='tel:+3281737176']")
    assert phone.get_text() == "Téléphone\xa0: 081 73 71 76"
    assert phone.select_one(".visually-hidden").get_text() == "Téléphone\xa0: "
    assert phone.select_one("svg")["aria-hidden"] == "true"
    email = address.select_one("a[href='mailto:info@cainamur.be']")
    assert email.get_text() == "E-mail\xa0: info@cainamur.be"
    # The offices and their hours are one tap away from the footer of every page.
    assert footer.select_one(".footer-contact__more a")["href"] == "/contact/bureau-daccueil/"


TAGLINE = "Le CAI est un centre régional d'intégration qui agit pour une société interculturelle."


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/ukraine/", "/presentation/qui-sommes-nous/histoire-du-centre/"])
def test_the_tagline_appears_once_per_page_in_the_footer(client, url):
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    assert soup.get_text().count(TAGLINE) == 1
    assert soup.select_one("footer .footer-tagline").get_text(" ", strip=True) == TAGLINE
    assert soup.select_one("header").get_text().count("interculturelle.") == 0


SEEDED_PARTNERS = ["Wallonie", "Cofinancé par l'Union européenne", "Namur Capitale", "Forem"]


def tile_label(tile):
    """What a partner tile says: its name as text, else its logo's alt."""
    name = tile.select_one(".sponsor__name")
    return name.get_text(strip=True) if name is not None else tile.select_one("img.sponsor__logo")["alt"]


@pytest.mark.django_db
def test_seeded_partners_have_no_logo_and_show_as_text_tiles_with_their_names_in_seed_order(client):
    assert not Sponsor.objects.exclude(logo=None).exists()
    assert all(sponsor.editor_note for sponsor in Sponsor.objects.all())
    tiles = footer_of(client).select(".sponsor")
    assert [tile_label(tile) for tile in tiles] == SEEDED_PARTNERS
    assert all("sponsor--text" in tile["class"] for tile in tiles)
    assert not [img for img in footer_of(client).select(".sponsor img") if "sponsor__emblem" not in img["class"]]


@pytest.mark.django_db
def test_editor_notes_of_partners_never_reach_the_public_page(client):
    note = Sponsor.objects.get(name="Forem").editor_note
    assert "Logo officiel à demander" in note
    assert "Logo officiel à demander" not in client.get("/").content.decode()


@pytest.mark.django_db
def test_one_caption_names_the_whole_row_of_partners(client):
    section = footer_of(client).select_one(".footer-sponsors")
    heading = section.find("h2")
    assert heading.get_text(strip=True) == "Avec le soutien de"
    assert "visually-hidden" not in heading.get("class", [])
    assert section["aria-labelledby"] == heading["id"]
    assert section.select_one(".sponsor").find(string=lambda text: "Avec le soutien" in text) is None
    assert section.get_text().count("Avec le soutien de") == 1


@pytest.mark.django_db
def test_eu_row_shows_the_statement_as_text_beside_the_emblem_in_one_link_to_the_cofunding_page(client):
    link = footer_of(client).select_one(".sponsor--eu a[href='/projets-cofinances/']")
    emblem = link.select_one("img.sponsor__emblem")
    assert emblem["src"].endswith(".svg") and "embleme-union-europeenne" in emblem["src"]
    assert emblem["alt"] == ""  # decorative: the statement beside it is text
    assert link.select_one(".sponsor__name").get_text(strip=True) == "Cofinancé par l'Union européenne"
    assert link.get_text(strip=True) == "Cofinancé par l'Union européenne"
    assert finders.find("img/embleme-union-europeenne.svg") is not None


@pytest.mark.django_db
def test_editors_reorder_remove_and_link_sponsors(client):
    forem = Sponsor.objects.get(name="Forem")
    forem.sort_order = -1
    forem.link_url = "https://www.example.org/"
    forem.save()
    Sponsor.objects.get(name="Namur Capitale").delete()
    tiles = footer_of(client).select(".sponsor")
    assert [tile_label(tile) for tile in tiles] == ["Forem", "Wallonie", "Cofinancé par l'Union européenne"]
    link = tiles[0].find("a")
    assert (link["href"], link.get_text(strip=True)) == ("https://www.example.org/", "Forem")
    assert tiles[1].find("a") is None


@pytest.mark.django_db
def test_official_logo_editors_choose_replaces_the_name_and_carries_it_as_alt(client):
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    logo = get_image_model().objects.create(title="Logo Wallonie", file=get_test_image_file())
    Sponsor.objects.filter(name="Wallonie").update(logo=logo)
    tile = footer_of(client).select(".sponsor")[0]
    assert tile.select_one("img.sponsor__logo")["alt"] == "Wallonie"
    assert tile.select_one(".sponsor__name") is None
    assert "sponsor--text" not in tile["class"]


@pytest.mark.django_db
def test_footer_links_privacy_policy_and_shows_editable_credits(client, site):
    legal = footer_of(client).select_one(".footer-legal")
    link = legal.find("a")
    assert (link.get_text(), link["href"]) == ("Politique de confidentialité", "/politique-de-confidentialite/")
    assert "Site du Centre d'action interculturelle de la province de Namur" in legal.get_text()
    assert "OpenWeb" not in legal.get_text()
    identity = SiteIdentity.for_site(site)
    identity.credits = "Réalisé par l'équipe du CAI"
    identity.save()
    assert "Réalisé par l'équipe du CAI" in footer_of(client).select_one(".footer-legal").get_text()


@pytest.mark.django_db
def test_sponsor_added_in_the_admin_without_a_logo_goes_last_as_text(client, admin_client, site):
    data = {"name": "Nouveau partenaire", "editor_note": "", "logo": "", "link_page": "", "link_url": ""}
    response = admin_client.post(reverse("wagtailsnippets_pages_sponsor:add"), data)
    assert response.status_code == 302
    assert tile_label(footer_of(client).select(".sponsor")[-1]) == "Nouveau partenaire"


@pytest.mark.django_db
def test_sponsor_with_both_a_page_and_an_url_is_refused(home):
    sponsor = Sponsor(name="X", link_page=home, link_url="https://example.org/")
    with pytest.raises(ValidationError) as error:
        sponsor.full_clean()
    assert "pas les deux" in str(error.value)
