"""The seed gives editors a first list of newcomers' words; the search expands a query with them."""

import pytest

from sitesearch.models import Synonym

pytestmark = pytest.mark.django_db


def test_the_seed_adds_newcomers_words_once():
    papers = Synonym.objects.get(term="papiers")
    assert papers.site_terms.splitlines() == ["titre de séjour"]
    assert Synonym.objects.get(term="cours de français").site_terms.splitlines() == ["FLE", "français langue étrangère"]
