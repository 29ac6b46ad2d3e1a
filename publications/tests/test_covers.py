"""Covers drawn from the PDF's first page: size bounds, collection, failures logged, editors' choices kept."""

import logging
from io import BytesIO, StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from PIL import Image as PillowImage
from wagtail.images import get_image_model
from wagtail.models import Collection

from pages.factories import DocumentFactory, ImageFactory
from publications.covers import COVERS_COLLECTION, MAX_HEIGHT, WIDTH
from publications.factories import PublicationPageFactory
from publications.models import PublicationPage
from tests.helpers import soup_of

pytestmark = pytest.mark.django_db

RED = (200, 30, 40)
BLUE = (20, 40, 180)


def pillow_pdf(width=420, height=594, top=RED, bottom=BLUE):
    """A one-page PDF of ``width`` × ``height`` points: the top half in one colour, the bottom half in another."""
    picture = PillowImage.new("RGB", (width, height), top)
    picture.paste(bottom, (0, height // 2, width, height))
    buffer = BytesIO()
    picture.save(buffer, "PDF", resolution=72)
    return buffer.getvalue()


def handmade_pdf(objects, trailer_extra=b""):
    """A PDF written object by object, with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, trailer_extra, xref)
    return bytes(out)


def encrypted_pdf():
    """A one-page PDF under the standard security handler whose user password is not empty: it needs a password."""
    return handmade_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 420 594] >>",
            b"<< /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> /P -4 >>",
        ],
        b"/Encrypt 4 0 R /ID [<" + b"33" * 16 + b"> <" + b"33" * 16 + b">] ",
    )


def zero_page_pdf():
    return handmade_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"])


def broken_page_tree_pdf():
    """A PDF that opens (PDFium counts one page) but whose first page cannot be loaded."""
    return handmade_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Count 0 >>"])


def png_bytes():
    buffer = BytesIO()
    PillowImage.new("RGB", (40, 40), RED).save(buffer, "PNG")
    return buffer.getvalue()


def publication_with(data, title="Guide des démarches", filename="guide.pdf", **kwargs):
    document = DocumentFactory(title=title, file=ContentFile(data, filename))
    return PublicationPageFactory(title=title, documents=[document], **kwargs)


def covers():
    collection = Collection.objects.filter(name=COVERS_COLLECTION).first()
    return get_image_model().objects.filter(collection=collection) if collection else get_image_model().objects.none()


def run(*args):
    out = StringIO()
    call_command("make_publication_covers", *args, stdout=out)
    return out.getvalue()


def colour_at(image, x, y):
    with image.open_file() as file:
        return PillowImage.open(file).convert("RGB").getpixel((x, y))


def close_to(colour, expected, tolerance=24):
    return all(abs(a - b) <= tolerance for a, b in zip(colour, expected, strict=True))


def test_first_page_of_the_pdf_becomes_the_cover_in_its_collection():
    publication = publication_with(pillow_pdf(420, 594))

    output = run()

    publication.refresh_from_db()
    cover = publication.cover
    assert cover is not None and publication.cover_is_generated
    assert cover.title == "Couverture : Guide des démarches"
    assert cover.collection.name == "Publications"
    assert cover.collection.get_parent() == Collection.get_first_root_node()
    assert cover.width == WIDTH == 600
    assert cover.height == round(594 * 600 / 420)  # the page's proportions
    assert cover.file.name.endswith(".jpg") and cover.file_size and cover.file_hash
    # The render is the PDF's page: red on top, blue below.
    assert close_to(colour_at(cover, 300, 50), RED)
    assert close_to(colour_at(cover, 300, cover.height - 50), BLUE)
    assert "1 couverture(s) créée(s), 0 refaite(s), 0 échec(s)" in output
    assert "Guide des démarches : créée" in output


def test_tall_page_is_rendered_narrower_so_the_cover_never_exceeds_the_height_bound():
    publication = publication_with(pillow_pdf(200, 1000))

    run()

    publication.refresh_from_db()
    assert publication.cover.height == MAX_HEIGHT == 1200
    assert publication.cover.width == 240


def test_pending_draft_gets_the_cover_too_so_publishing_it_does_not_drop_it():
    publication = publication_with(pillow_pdf())
    draft = publication.get_latest_revision_as_object()
    draft.intro = "Nouvelle introduction, pas encore publiée."
    draft.save_revision()  # an editor saved a draft before the command ran

    run()

    publication = PublicationPage.objects.get(pk=publication.pk)
    draft = publication.get_latest_revision_as_object()
    assert draft.intro == "Nouvelle introduction, pas encore publiée."  # the editor's draft is kept
    assert draft.cover_id == publication.cover_id == draft.generated_cover_id is not None
    draft.save_revision().publish()
    publication.refresh_from_db()
    assert publication.cover_is_generated and publication.intro == "Nouvelle introduction, pas encore publiée."


def test_publication_page_shows_the_generated_cover_as_decoration(client):
    publication = publication_with(pillow_pdf())
    run()

    soup = soup_of(client, publication.url)

    cover = soup.select_one("img.publication__cover")
    assert cover is not None and cover["alt"] == ""
    assert soup.select_one("h1").get_text(strip=True) == "Guide des démarches"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        pytest.param(pillow_pdf()[:300] + b"\x00garbage" * 20, "PDF illisible", id="corrupt"),
        pytest.param(encrypted_pdf(), "Incorrect password", id="encrypted"),
        pytest.param(png_bytes(), "PDF illisible", id="not-a-pdf"),
        pytest.param(zero_page_pdf(), "PDF illisible", id="zero-pages"),
        pytest.param(broken_page_tree_pdf(), "rendu impossible", id="broken-page-tree"),
        pytest.param(b"", "PDF illisible", id="empty-file"),
    ],
)
def test_pdf_that_cannot_be_rendered_leaves_no_cover_and_logs_one_warning(data, reason, caplog):
    publication = publication_with(data, title="Rapport abîmé")

    with caplog.at_level(logging.WARNING, logger="publications.covers"):
        output = run()

    publication.refresh_from_db()
    assert publication.cover is None and publication.generated_cover is None
    assert not covers().exists()
    warnings = [record for record in caplog.records if record.name == "publications.covers"]
    assert len(warnings) == 1 and warnings[0].levelno == logging.WARNING
    message = warnings[0].getMessage()
    assert "« Rapport abîmé »" in message and reason in message and "\n" not in message
    assert "0 couverture(s) créée(s), 0 refaite(s), 1 échec(s)" in output


def test_pdf_over_the_size_limit_is_not_read(settings, caplog):
    data = pillow_pdf()
    settings.PUBLICATION_COVER_MAX_BYTES = len(data) - 1
    publication = publication_with(data, title="Rapport trop lourd")

    with caplog.at_level(logging.WARNING, logger="publications.covers"):
        run()

    publication.refresh_from_db()
    assert publication.cover is None
    [warning] = [record for record in caplog.records if record.name == "publications.covers"]
    assert "trop volumineux" in warning.getMessage() and f"limite {len(data) - 1}" in warning.getMessage()

    settings.PUBLICATION_COVER_MAX_BYTES = len(data)
    run()
    publication.refresh_from_db()
    assert publication.cover_is_generated


def test_editor_cover_is_never_replaced_even_with_force():
    chosen = ImageFactory(title="Photo choisie")
    publication = publication_with(pillow_pdf(), cover=chosen)

    output = run("--force")

    publication.refresh_from_db()
    assert publication.cover == chosen and not publication.cover_is_generated
    assert not covers().exists()
    assert "couverture choisie par l'équipe : 1" in output


def test_editor_who_replaces_or_removes_a_generated_cover_keeps_that_choice():
    replaced = publication_with(pillow_pdf(), title="Guide remplacé", slug="guide-remplace")
    removed = publication_with(pillow_pdf(), title="Guide sans couverture", slug="guide-sans-couverture")
    run()
    chosen = ImageFactory(title="Photo choisie")
    for page, cover in ((replaced, chosen), (removed, None)):
        draft = PublicationPage.objects.get(pk=page.pk).get_latest_revision_as_object()
        draft.cover = cover
        draft.save_revision().publish()

    run("--force")

    replaced.refresh_from_db()
    removed.refresh_from_db()
    assert replaced.cover == chosen and not replaced.cover_is_generated
    assert removed.cover is None


def test_second_run_changes_nothing_and_force_redraws_the_same_image():
    publication = publication_with(pillow_pdf(top=RED))
    run()
    publication.refresh_from_db()
    first = publication.cover
    first.get_rendition("width-320")

    again = run()

    publication.refresh_from_db()
    assert publication.cover == first and covers().count() == 1
    assert "0 couverture(s) créée(s), 0 refaite(s), 0 échec(s) ; ignorées (" in again
    assert "déjà générée : 1" in again

    # The PDF changes (a new version uploaded in place): --force redraws the generated cover, in the same image.
    document = publication.files.get().document
    document.file.save("guide-v2.pdf", ContentFile(pillow_pdf(top=(30, 160, 60))))
    redrawn = run("--force")

    publication.refresh_from_db()
    assert publication.cover_id == first.pk and covers().count() == 1
    assert close_to(colour_at(publication.cover, 300, 50), (30, 160, 60))
    assert not publication.cover.renditions.exists()  # renditions of the old drawing are gone
    assert "1 refaite(s)" in redrawn


def test_one_publication_by_id():
    chosen = publication_with(pillow_pdf(), title="Celle-ci", slug="celle-ci")
    other = publication_with(pillow_pdf(), title="Pas celle-là", slug="pas-celle-la")

    output = run("--publication", str(chosen.pk))

    chosen.refresh_from_db()
    other.refresh_from_db()
    assert chosen.cover_is_generated and other.cover is None
    assert "[1/1] Celle-ci : créée" in output


@pytest.mark.parametrize("value", ["999999", "abc", "0"])
def test_unknown_or_invalid_publication_id_is_refused(value):
    with pytest.raises(CommandError, match="--publication attend|Aucune page de publication"):
        run("--publication", value)


def test_publication_without_pdf_is_skipped_quietly(caplog):
    publication = publication_with(b"Pas un PDF", filename="notes.txt")

    with caplog.at_level(logging.WARNING, logger="publications.covers"):
        output = run()

    publication.refresh_from_db()
    assert publication.cover is None
    assert not [record for record in caplog.records if record.name == "publications.covers"]
    assert "sans PDF : 1" in output


def test_first_pdf_in_the_editors_order_gives_the_cover():
    notes = DocumentFactory(title="Notes", file=ContentFile(b"texte", "notes.txt"))
    blue = DocumentFactory(title="Bleu", file=ContentFile(pillow_pdf(top=BLUE), "bleu.pdf"))
    red = DocumentFactory(title="Rouge", file=ContentFile(pillow_pdf(top=RED), "rouge.pdf"))
    publication = PublicationPageFactory(title="Plusieurs documents", documents=[notes, blue, red])

    run()

    publication.refresh_from_db()
    assert close_to(colour_at(publication.cover, 300, 50), BLUE)


def test_seed_site_fills_the_missing_covers_at_the_end():
    publication = publication_with(pillow_pdf(), title="Publication semée")
    out = StringIO()

    call_command("seed_site", stdout=out)

    publication.refresh_from_db()
    assert publication.cover_is_generated
    assert "make_publication_covers : 1 couverture(s) créée(s)" in out.getvalue()
