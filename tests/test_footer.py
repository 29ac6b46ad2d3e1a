"""The footer: contact block, tagline, sponsor logos in order, privacy link and credits."""

import pytest
from bs4 import BeautifulSoup
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
    assert address.select_one("a[href='tel:+3281737176']").get_text() == "081 73 71 76"
    assert address.select_one("a[href='mailto:info@cainamur.be']").get_text() == "info@cainamur.be"
    assert footer.select_one(".footer-tagline").get_text(" ", strip=True) == (
        "Le CAI est un centre régional d'intégration qui agit pour une société interculturelle."
    )


@pytest.mark.django_db
def test_footer_sponsors_in_seed_order_with_accessible_names(client):
    footer = footer_of(client)
    sponsors = footer.select(".sponsor")
    assert [s.find("img")["alt"] for s in sponsors] == [
        "Wallonie",
        "Cofinancé par l'Union européenne",
        "Namur Capitale",
        "Forem",
    ]
    assert sponsors[0].select_one(".sponsor__caption").get_text() == "Avec le soutien de"
    assert all(s.find("img")["src"].endswith(".svg") for s in sponsors)


@pytest.mark.django_db
def test_editors_reorder_remove_and_link_sponsors(client):
    forem = Sponsor.objects.get(name="Forem")
    forem.sort_order = -1
    forem.link_url = "https://www.example.org/"
    forem.save()
    Sponsor.objects.get(name="Namur Capitale").delete()
    sponsors = footer_of(client).select(".sponsor")
    assert [s.find("img")["alt"] for s in sponsors] == ["Forem", "Wallonie", "Cofinancé par l'Union européenne"]
    assert sponsors[0].find("a")["href"] == "https://www.example.org/"
    assert sponsors[1].find("a") is None


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
def test_sponsor_added_in_the_admin_goes_last(client, admin_client, site):
    logo = Sponsor.objects.first().logo
    data = {"name": "Nouveau partenaire", "caption": "", "logo": logo.pk, "link_page": "", "link_url": ""}
    response = admin_client.post(reverse("wagtailsnippets_pages_sponsor:add"), data)
    assert response.status_code == 302
    assert footer_of(client).select(".sponsor img")[-1]["alt"] == "Nouveau partenaire"


@pytest.mark.django_db
def test_sponsor_with_both_a_page_and_an_url_is_refused(home):
    from django.core.exceptions import ValidationError

    sponsor = Sponsor(name="X", logo=Sponsor.objects.first().logo, link_page=home, link_url="https://example.org/")
    with pytest.raises(ValidationError) as error:
        sponsor.full_clean()
    assert "pas les deux" in str(error.value)
