"""French typography (pages/typography.py and the |typo, |contact_links and |date_fr filters)."""

import datetime
import html as html_module
import re
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils.safestring import SafeData, mark_safe
from hypothesis import given, settings
from hypothesis import strategies as st
from wagtail.rich_text import RichText

from pages.factories import StandardPageFactory
from pages.templatetags.site_tags import typo
from pages.typography import HTML_SPACE, format_date_fr, french_spacing, french_spacing_html
from tests.helpers import soup_of
from trainings.factories import TrainingPageFactory, TrainingSessionFactory

NNBSP = "\u202f"  # narrow no-break space
NBSP = "\u00a0"


def render(source, **context):
    return Template("{% load site_tags %}" + source).render(Context(context))


# Plain text


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Qui sommes-nous ?", f"Qui sommes-nous{NNBSP}?"),
        ("Attention ! Fermé ; ouvert demain", f"Attention{NNBSP}! Fermé{NNBSP}; ouvert demain"),
        ("Adresse : rue de l'Exemple", f"Adresse{NBSP}: rue de l'Exemple"),
        ("le rapport « CAIstiques »", f"le rapport «{NBSP}CAIstiques{NBSP}»"),
        ("le rapport «CAIstiques»", f"le rapport «{NBSP}CAIstiques{NBSP}»"),
        ("deux espaces  ?", f"deux espaces{NNBSP}?"),
        (f"déjà insécable{NBSP}? et étroite{NNBSP}:", f"déjà insécable{NNBSP}? et étroite{NBSP}:"),
    ],
)
def test_french_spacing_of_plain_text(text, expected):
    assert french_spacing(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "de 9:30 à 12:00",
        "Vraiment?! Oui!",
        "https://example.org/recherche?q=1&page=2",
        "http://example.org:8080/a;b",
        "ecrire@example.org",
        "mailto:ecrire@example.org?subject=Question",
    ],
)
def test_nothing_is_inserted_where_there_is_no_space(text):
    assert french_spacing(text) == text
    assert french_spacing_html(text) == text


def test_urls_and_email_addresses_in_a_sentence_are_left_as_they_are():
    text = "Voir : https://example.org/?q=a ou ecrire@example.org ?"
    assert french_spacing(text) == f"Voir{NBSP}: https://example.org/?q=a ou ecrire@example.org{NNBSP}?"


# HTML


def test_html_changes_text_only_not_tags_or_attributes():
    source = (
        '<p class="a : b" title="Quoi ?" data-x=\'« x »\'>Quoi ? <a href="https://example.org/?q=1 ;">le lien</a> '
        "fin !</p>"
    )
    assert french_spacing_html(source) == (
        f'<p class="a : b" title="Quoi ?" data-x=\'« x »\'>Quoi{NNBSP}? <a href="https://example.org/?q=1 ;">le lien'
        f"</a> fin{NNBSP}!</p>"
    )


@pytest.mark.parametrize(
    "protected",
    [
        "<script>if (a ? b : c) { x = '« y »'; }</script>",
        "<style>a::after { content: ' : '; }</style>",
        "<pre>code : ici ?</pre>",
        "<code>a ? b : c</code>",
        "<pre><code>a ? <b>b</b> : c</code></pre>",
        "<!-- un commentaire : ici ? -->",
        '<span lang="en">Hello ! Is it me you are looking for ?</span>',
        "<textarea>texte : ici ?</textarea>",
    ],
)
def test_code_scripts_comments_and_other_languages_are_left_alone(protected):
    source = f"<p>Avant ?{protected}Après !</p>"
    assert french_spacing_html(source) == f"<p>Avant{NNBSP}?{protected}Après{NNBSP}!</p>"


def test_text_after_a_closed_code_element_is_typeset_again():
    assert french_spacing_html("<p><code>a ?</code> b ?</p>") == f"<p><code>a ?</code> b{NNBSP}?</p>"


def test_guillemets_across_inline_elements_and_entities():
    assert french_spacing_html("«<em>Pauvreté</em>»") == f"«{NBSP}<em>Pauvreté</em>{NBSP}»"
    assert (
        french_spacing_html("&laquo; Oui &raquo; &amp; non&nbsp;?")
        == f"&laquo;{NBSP}Oui{NBSP}&raquo; &amp; non{NNBSP}?"
    )


def test_a_tag_attribute_value_may_hold_a_closing_bracket():
    source = '<a title="a > b ?" href="/x">Quoi ?</a>'
    assert french_spacing_html(source) == f'<a title="a > b ?" href="/x">Quoi{NNBSP}?</a>'


# The filters


def test_typo_escapes_a_plain_string_first():
    output = render("{{ value|typo }}", value="<b>Quoi ?</b>")
    assert output == f"&lt;b&gt;Quoi{NNBSP}?&lt;/b&gt;"


def test_typo_keeps_safe_html_safe_and_escaped_text_escaped():
    value = mark_safe("<b>Quoi ?</b> &lt;script&gt; : non")
    output = render("{{ value|typo }}", value=value)
    assert output == f"<b>Quoi{NNBSP}?</b> &lt;script&gt;{NBSP}: non"


def test_typo_output_is_safe_and_plain_text_where_autoescaping_is_off():
    assert render("{% autoescape off %}{{ value|typo }}{% endautoescape %}", value="<b> ?") == f"<b>{NNBSP}?"
    assert isinstance(typo("a ?"), SafeData)
    assert typo(None) == ""


def test_contact_links_also_sets_french_typography_in_rich_text():
    value = mark_safe("<p>Appelez le 081 73 71 76 : « accueil » ou ecrire@example.org !</p>")
    output = render("{{ value|contact_links }}", value=value)
    assert output == (
        f'<p>Appelez le <a href="tel:+3281737176">081 73 71 76</a>{NBSP}: «{NBSP}accueil{NBSP}» ou '
        f'<a href="mailto:ecrire@example.org">ecrire@example.org</a>{NNBSP}!</p>'
    )


def test_contact_links_leaves_the_typography_of_another_language_alone():
    value = mark_safe("<p>Hello ! Call 081 73 71 76 : we speak English.</p>")
    assert render('{{ value|contact_links:"en" }}', value=value) == (
        '<p>Hello ! Call <a href="tel:+3281737176">081 73 71 76</a> : we speak English.</p>'
    )
    assert NNBSP in render('{{ value|contact_links:"fr" }}', value=value)


def test_contact_links_escapes_a_string_not_marked_safe():
    assert render("{{ value|contact_links }}", value="<i>Quoi ?</i>") == f"&lt;i&gt;Quoi{NNBSP}?&lt;/i&gt;"


# Dates


@pytest.mark.parametrize(
    "value, date_format, expected",
    [
        (datetime.date(2026, 12, 1), "j F Y", "1er décembre 2026"),
        (datetime.date(2026, 12, 1), "l j F Y", "mardi 1er décembre 2026"),
        (datetime.date(2026, 12, 2), "l j F Y", "mercredi 2 décembre 2026"),
        (datetime.date(2026, 12, 1), "d/m/Y", "01/12/2026"),
        (datetime.date(2026, 12, 1), r"\j j", "j 1er"),
        (datetime.date(2026, 12, 1), "DATE_FORMAT", "1er décembre 2026"),
        # 23:30 UTC on 30 November is already 1 December in Brussels
        (datetime.datetime(2026, 11, 30, 23, 30, tzinfo=datetime.UTC), "j F Y", "1er décembre 2026"),
        (None, "j F Y", ""),
    ],
)
def test_dates_in_french_with_the_first_of_the_month_written_1er(value, date_format, expected):
    assert format_date_fr(value, date_format) == expected


def test_date_fr_filter():
    day = datetime.date(2027, 2, 1)
    assert render('{{ d|date_fr }} · {{ d|date_fr:"l j F" }} · {{ "pas une date"|date_fr }}', d=day) == (
        "1er février 2027 · lundi 1er février · "
    )


# Properties

TEXT = st.text(alphabet=st.sampled_from(list("ab9 :;!?«»/.@&#<>'\"=\n") + [NBSP, NNBSP]), max_size=40)
HTML_TEXT = st.lists(
    st.sampled_from(list("ab9 :;!?«»/.@&#'\"=\n") + [NBSP, NNBSP, "&nbsp;", "&amp;", "&laquo;"]), max_size=15
).map("".join)
SPACES = re.compile(f"{HTML_SPACE}|\\s", re.IGNORECASE)


def without_spaces(text):
    return SPACES.sub("", text)


@settings(max_examples=300)
@given(TEXT)
def test_plain_text_typography_is_idempotent_and_changes_only_spaces(text):
    once = french_spacing(text)
    assert french_spacing(once) == once
    assert without_spaces(once) == without_spaces(text)


@settings(max_examples=300)
@given(TEXT)
def test_a_plain_string_through_typo_is_escaped_and_reads_as_the_plain_typography(text):
    output = typo(text)
    assert "<" not in output and ">" not in output
    assert html_module.unescape(output) == french_spacing(text)
    assert typo(output) == output  # idempotent on its own (safe) output


ATTRIBUTE_VALUE = st.text(alphabet=st.sampled_from(list("ab :;!?«»/>=&'")), max_size=10)


@st.composite
def tags(draw):
    name = draw(st.sampled_from(["p", "a", "em", "span", "br", "img"]))
    value = draw(ATTRIBUTE_VALUE)
    return f'<{name} title="{value}">' if draw(st.booleans()) else f"</{name}>"


PROTECTED = st.builds(
    lambda name, text: f"<{name}>{text}</{name.split()[0]}>",
    st.sampled_from(["code", "pre", "script", "style", 'span lang="en"']),
    st.text(alphabet=st.sampled_from(list("ab :;!?«»")), max_size=10),
)


@st.composite
def documents(draw):
    """HTML as a list of (kind, piece): text between tags, tags, and elements whose content is left alone."""
    parts = draw(st.lists(st.one_of(HTML_TEXT.map(lambda t: ("text", t)), tags(), PROTECTED), max_size=8))
    merged = []
    for part in parts:
        kind, piece = part if isinstance(part, tuple) else ("markup", part)
        if kind == "text" and merged and merged[-1][0] == "text":
            merged[-1] = ("text", merged[-1][1] + piece)
        else:
            merged.append((kind, piece))
    return merged


@settings(max_examples=300, deadline=None)
@given(documents())
def test_html_typography_is_idempotent_and_never_touches_markup(parts):
    source = "".join(piece for _kind, piece in parts)
    once = french_spacing_html(source)
    assert french_spacing_html(once) == once
    assert without_spaces(once) == without_spaces(source)
    # Every tag and protected element is found unchanged, in order, between the (retypeset) texts.
    pattern = "".join("(.*?)" if kind == "text" else re.escape(piece) for kind, piece in parts)
    match = re.fullmatch(pattern, once, re.DOTALL)
    assert match is not None, (source, once)
    texts = [piece for kind, piece in parts if kind == "text"]
    assert [without_spaces(group) for group in match.groups()] == [without_spaces(text) for text in texts]


# Rendered pages


@pytest.mark.django_db
def test_a_seeded_page_shows_no_break_spaces_in_its_title_and_rich_text(client):
    html = client.get("/presentation/qui-sommes-nous/histoire-du-centre/").content.decode()
    assert f"«{NBSP}Pauvreté{NBSP}»" in html
    assert f"le CAI{NBSP}: Centre d'action interculturelle" in html
    header = soup_of(client, "/presentation/qui-sommes-nous/").select_one(".page-header__title")
    assert header.get_text() == f"Qui sommes-nous{NNBSP}?"


@pytest.mark.django_db
def test_links_addresses_and_attributes_in_rich_text_are_left_alone(client, page_at):
    body = (
        '<p>Voir : <a href="https://example.org/recherche?q=a">https://example.org/recherche?q=a</a> '
        "ou ecrire@example.org ! Ouvert de 9:30 à 12:00.</p>"
    )
    page = StandardPageFactory(
        parent=page_at("/presentation/"),
        title="Des questions ?",
        slug="des-questions",
        intro="Une page « exemple » : fictive.",
        body=[("paragraph", RichText(body))],
    )
    soup = soup_of(client, page.url)
    assert soup.select_one(".page-header__title").get_text() == f"Des questions{NNBSP}?"
    assert soup.select_one(".page-header__intro").get_text() == f"Une page «{NBSP}exemple{NBSP}»{NBSP}: fictive."
    paragraph = soup.select_one(".rich-text p")
    assert paragraph.get_text() == (
        f"Voir{NBSP}: https://example.org/recherche?q=a ou ecrire@example.org{NNBSP}! Ouvert de 9:30 à 12:00."
    )
    assert [a["href"] for a in paragraph.select("a")] == [
        "https://example.org/recherche?q=a",
        "mailto:ecrire@example.org",
    ]


@pytest.mark.django_db
def test_a_session_on_the_first_of_the_month_reads_1er(client, time_machine):
    time_machine.move_to(datetime.datetime(2026, 5, 10, 12, tzinfo=ZoneInfo("Europe/Brussels")), tick=False)
    training = TrainingPageFactory(
        title="Formation du premier",
        sessions=[TrainingSessionFactory.build(date=datetime.date(2026, 6, 1))],
    )
    page = soup_of(client, training.url)
    session = page.select_one(".sessions time")
    assert session.get_text() == "lundi 1er juin 2026"
    assert session["datetime"].startswith("2026-06-01T")
    card = soup_of(client, training.get_parent().url).select_one(".item-card time")
    assert (card.get_text(), card["datetime"]) == ("lundi 1er juin 2026", "2026-06-01")


def test_email_addresses_wrap_after_the_at_sign_and_before_dots_only():
    from pages.templatetags.site_tags import email_wbr

    assert email_wbr("prenom.nom@cainamur.be") == "prenom<wbr>.nom@<wbr>cainamur<wbr>.be"
    assert email_wbr("<x>@y.be") == "&lt;x&gt;@<wbr>y<wbr>.be"


@pytest.mark.django_db
def test_the_footer_e_mail_can_wrap_at_sensible_points(client):
    from bs4 import BeautifulSoup

    link = BeautifulSoup(client.get("/").content, "html.parser").select_one("footer a[href^='mailto:']")
    assert link.get_text() == "E-mail\xa0: info@cainamur.be"
    assert "info@<wbr/>cainamur<wbr/>.be" in str(link)
