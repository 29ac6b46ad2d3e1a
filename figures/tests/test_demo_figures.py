"""Demo charts sit beside the centre's real key figures: they must be plainly fictitious and never give another
number for a measure that a real figure gives (a fictitious "720 people accompanied in 2021" beside the real 1 046).
"""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from figures.models import FiguresPage

# Words that say nothing about what is measured.
COMMON = {"dans", "population", "province", "janvier", "personnes", "nombre"}


def measure_words(text):
    """The words of six letters or more that name what a figure measures: "personnes accompagnées par le CAI"
    gives {"accompagnées"}."""
    return {word for word in re.findall(r"\w{6,}", text.lower()) if word not in COMMON}


def conflicts(key_figure, chart):
    """True if ``chart`` gives numbers for the measure of ``key_figure`` (any year, a fortiori the same one)."""
    words = measure_words(key_figure["label"])
    chart_text = " ".join([chart["caption"], chart["description"], *chart["series"]]).lower()
    return bool(words) and words <= set(re.findall(r"\w+", chart_text))


def test_the_check_catches_the_contradiction_it_is_written_for():
    real = {"label": "personnes accompagnées par le CAI", "year": 2021}
    old_demo = {
        "caption": "Exemple : personnes accompagnées par année (données fictives)",
        "description": "Exemple fictif : le nombre de personnes accompagnées augmente depuis 2020.",
        "series": ["Personnes accompagnées"],
    }
    assert conflicts(real, old_demo)
    share = {"label": "de personnes de nationalité étrangère dans la population de la province au 1er janvier 2021"}
    assert conflicts(share, {"caption": "Part de nationalité étrangère", "description": "", "series": ["%"]})


@pytest.mark.django_db
def test_demo_charts_are_fictitious_and_measure_nothing_that_a_real_key_figure_gives():
    call_command("seed_site", "--demo", stdout=StringIO())
    body = FiguresPage.objects.get().body
    key_figures = [block.value for block in body if block.block_type == "key_figure"]
    charts = [block.value for block in body if block.block_type == "chart"]
    assert [figure["number"] for figure in key_figures] == ["1 046", "5,29 %"]  # the real ones, from CONTENT.md
    assert len(charts) == 2
    for chart in charts:
        assert chart["caption"].startswith("Exemple : ") and chart["caption"].endswith("(données fictives)")
        assert chart["source"] == "Données fictives de démonstration"
        assert chart["description"].startswith("Exemple fictif : ")
        for figure in key_figures:
            assert not conflicts(figure, chart), (figure["label"], chart["caption"])
