"""Uploads that fail kindly (pages/uploads.py), through the real admin views with a signed-in superuser: bombs,
truncated and disguised files, the pixel limit, SVGs with code, disk and database failures, documents as
attachments. After every failure: a French message, no 500, no new row, no file left in MEDIA_ROOT."""

import errno
import html
import io
import os
import struct
import zlib
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError, connection
from django.urls import reverse
from PIL import Image as PillowImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.shortcuts import get_rendition_or_not_found
from wagtail.models import Collection

from pages.storage import SafeFileSystemStorage
from pages.uploads import svg_problem

Image = get_image_model()
Document = get_document_model()
EU_EMBLEM = Path(settings.BASE_DIR, "static/img/embleme-union-europeenne.svg").read_bytes()


# --- Files -------------------------------------------------------------------------------------------------------


def png_bytes(width, height):
    """A black 1-bit PNG of any size, a few KB on disk: 20000 × 20000 is 400 megapixels in 49 KB."""
    row = b"\x00" * (1 + (width + 7) // 8)
    compressor = zlib.compressobj(9)
    pixels = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def pillow_bytes(fmt, size=(64, 48)):
    output = io.BytesIO()
    PillowImage.effect_noise(size, 60).convert("RGB").save(output, fmt)
    return output.getvalue()


def half(data):
    return data[: len(data) // 2]


HTML = b"<!DOCTYPE html><html><head><title>x</title></head><body><script>alert(document.cookie)</script></body></html>"

BAD_IMAGES = {
    "bomb-400mp.png": (png_bytes(20_000, 20_000), "trop de pixels"),
    "over-limit-50mp.png": (png_bytes(10_000, 5_000), "compte 50\u202f000\u202f000 pixels"),
    "truncated.png": (half(pillow_bytes("PNG", (400, 300))), "endommagé, incomplet"),
    "truncated.jpg": (half(pillow_bytes("JPEG", (400, 300))), "endommagé, incomplet"),
    "html-behind-jpeg-header.jpg": (b"\xff\xd8\xff\xe0" + HTML, "endommagé, incomplet"),
    "page.jpg": (HTML, "n'est pas une image .jpeg : son contenu est au format svg"),
    "random.png": (os.urandom(4096), "endommagé, incomplet"),
    "random-with-png-signature.png": (b"\x89PNG\r\n\x1a\n" + os.urandom(4096), "endommagé, incomplet"),
    "page.svg": (HTML, "n'est pas un dessin SVG"),
    "script.svg": (
        b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>',
        "« script »",
    ),
    "foreign-object.svg": (
        b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><foreignObject width="10" height="10">'
        b'<body xmlns="http://www.w3.org/1999/xhtml"><p>x</p></body></foreignObject></svg>',
        "« foreignobject »",
    ),
    "onload.svg": (
        b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" onload="alert(1)"><rect width="5" '
        b'height="5"/></svg>',
        "« onload »",
    ),
    "javascript-link.svg": (
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10">'
        b'<a xlink:href=" java&#x09;script:alert(1)"><rect width="5" height="5"/></a></svg>',
        "lien qui exécute du code",
    ),
}


# --- Helpers -----------------------------------------------------------------------------------------------------


@pytest.fixture
def editor_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("televersement", "t@example.org", "x"))
    return client


def media_listing():
    root = Path(settings.MEDIA_ROOT)
    return {str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()}


@pytest.fixture
def nothing_left(db):
    """Asserts, after the test, that no image or document row and no file in MEDIA_ROOT was added."""
    images, documents, files = Image.objects.count(), Document.objects.count(), media_listing()
    yield
    assert Image.objects.count() == images
    assert Document.objects.count() == documents
    assert media_listing() == files


def root_collection():
    return Collection.get_first_root_node().pk


def existing_image():
    return Image.objects.create(title="Photo existante", file=ContentFile(pillow_bytes("PNG"), name="existante.png"))


def upload_single(client, name, data):
    return client.post(
        reverse("wagtailimages:add"),
        {"title": "Essai", "collection": root_collection(), "file": SimpleUploadedFile(name, data)},
    )


def upload_multiple(client, name, data):
    return client.post(
        reverse("wagtailimages:add_multiple"),
        {"collection": root_collection(), "files[]": SimpleUploadedFile(name, data)},
        headers={"x-requested-with": "XMLHttpRequest"},
    )


def upload_in_chooser(client, name, data):
    return client.post(
        reverse("wagtailimages_chooser:create"),
        {
            "image-chooser-upload-title": "Essai",
            "image-chooser-upload-collection": root_collection(),
            "image-chooser-upload-file": SimpleUploadedFile(name, data),
        },
    )


def replace_file(client, image, name, data):
    return client.post(
        reverse("wagtailimages:edit", args=[image.pk]),
        {"title": image.title, "collection": image.collection_id, "file": SimpleUploadedFile(name, data)},
    )


def error_text(response):
    """The French text an editor reads after an upload, whichever admin view answered."""
    assert response.status_code != 500
    if response.headers["Content-Type"].startswith("application/json"):
        data = response.json()
        if "error_message" in data:  # the multiple uploader
            assert data["success"] is False
            return data["error_message"]
        return html.unescape(data["htmlFragment"])  # the chooser's upload tab, shown again
    return html.unescape(response.content.decode())


def follow_text(client, response):
    if response.status_code in (302, 303):
        return html.unescape(client.get(response["Location"]).content.decode())
    return error_text(response)


# --- Unreadable, oversized or disguised images -------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("name", BAD_IMAGES)
def test_single_add_view_refuses_bad_image_with_a_french_form_error(editor_client, nothing_left, name):
    data, expected = BAD_IMAGES[name]
    response = upload_single(editor_client, name, data)
    assert response.status_code == 200
    assert expected in error_text(response)


@pytest.mark.django_db
@pytest.mark.parametrize("name", BAD_IMAGES)
def test_multiple_upload_refuses_bad_image_in_json(editor_client, nothing_left, name):
    data, expected = BAD_IMAGES[name]
    response = upload_multiple(editor_client, name, data)
    assert response.status_code == 200
    assert expected in error_text(response)


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["bomb-400mp.png", "truncated.jpg", "html-behind-jpeg-header.jpg", "script.svg"])
def test_chooser_upload_refuses_bad_image_in_its_form(editor_client, nothing_left, name):
    data, expected = BAD_IMAGES[name]
    response = upload_in_chooser(editor_client, name, data)
    assert response.status_code == 200
    assert response.json()["step"] == "reshow_creation_form"
    assert expected in error_text(response)


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["bomb-400mp.png", "over-limit-50mp.png", "truncated.png", "random.png", "page.svg"])
def test_edit_view_refuses_bad_replacement_and_keeps_the_image(editor_client, name):
    image = existing_image()
    editor_client.get(reverse("wagtailimages:edit", args=[image.pk]))  # its renditions, made before the upload
    before = (image.file.name, image.width, image.height)
    files = media_listing()
    data, expected = BAD_IMAGES[name]
    response = replace_file(editor_client, image, name, data)
    assert response.status_code == 200
    assert expected in error_text(response)
    image.refresh_from_db()
    assert (image.file.name, image.width, image.height) == before
    assert media_listing() == files


@pytest.mark.django_db
def test_pixel_limit_message_names_the_limit(editor_client, nothing_left):
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 40_000_000
    text = error_text(upload_single(editor_client, "grande.png", png_bytes(10_000, 5_000)))
    assert "le site accepte au plus 40 millions de pixels (par exemple 8\u202f000\u202f×\u202f5\u202f000)" in text


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name,data",
    [
        ("photo.jpg", pillow_bytes("JPEG")),
        ("photo.png", pillow_bytes("PNG")),
        ("photo.webp", pillow_bytes("WEBP")),
        ("limite.png", png_bytes(8_000, 5_000)),  # exactly 40 MP: accepted
        ("embleme-union-europeenne.svg", EU_EMBLEM),
    ],
)
def test_good_images_are_still_accepted(editor_client, name, data):
    response = upload_single(editor_client, name, data)
    assert response.status_code == 302, error_text(response)
    image = Image.objects.get(title="Essai")
    assert image.file.name.endswith(Path(name).suffix)
    assert image.width > 0


@pytest.mark.django_db
def test_clean_svg_accepted_by_the_multiple_uploader(editor_client):
    response = upload_multiple(editor_client, "embleme.svg", EU_EMBLEM)
    assert response.json()["success"] is True
    assert Image.objects.get(pk=response.json()["image_id"]).is_svg()


def test_svg_check_names_each_problem_and_passes_the_emblem():
    assert svg_problem(EU_EMBLEM) is None
    for name, (data, expected) in BAD_IMAGES.items():
        if name.endswith(".svg"):
            assert expected in svg_problem(data), name


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", ["wagtailimages:add", "wagtailimages:add_multiple"])
def test_upload_help_states_size_and_pixel_limits_in_french(editor_client, url_name):
    text = editor_client.get(reverse(url_name)).content.decode()
    assert "Formats acceptés : AVIF, GIF, JPG, JPEG, PNG, WEBP, SVG." in text
    assert "Au plus 10,0\xa0Mio et 40 millions de pixels (par exemple 8\u202f000\u202f×\u202f5\u202f000)." in text


# --- Renditions of images stored before the limit -----------------------------------------------------------------


@pytest.fixture
def stored_bomb(db):
    """An image row whose file Pillow refuses (stored before these checks): written straight to the storage."""
    name = default_storage.save("original_images/ancienne-bombe.png", ContentFile(png_bytes(20_000, 20_000)))
    image = Image.objects.create(title="Ancienne bombe", file=name, width=20_000, height=20_000)
    yield image
    default_storage.delete(name)


def test_rendition_of_an_image_pillow_refuses_is_a_broken_image_not_an_error(stored_bomb):
    rendition = get_rendition_or_not_found(stored_bomb, "max-165x165")
    assert rendition.file.name == "not-found"


@pytest.mark.django_db
def test_admin_pages_showing_an_image_pillow_refuses_answer(editor_client, stored_bomb):
    assert editor_client.get(reverse("wagtailimages:index")).status_code == 200
    assert editor_client.get(reverse("wagtailimages:edit", args=[stored_bomb.pk])).status_code == 200
    assert editor_client.get(reverse("wagtailimages_chooser:choose")).status_code == 200


# --- Disk and database failures ---------------------------------------------------------------------------------

REAL_FDOPEN = os.fdopen
REAL_OPEN = os.open


class DiskFullFile:
    """A file that accepts a few bytes and then reports a full disk, as write() does on a full file system."""

    def __init__(self, fd, *args, **kwargs):
        self.file = REAL_FDOPEN(fd, *args, **kwargs)

    def write(self, data):
        self.file.write(data[:100])
        self.file.flush()
        raise OSError(errno.ENOSPC, "No space left on device")

    def close(self):
        self.file.close()


def refuse_in_media(error_number):
    def fake_open(path, flags, *args, **kwargs):
        if str(path).startswith(str(settings.MEDIA_ROOT)) and flags & os.O_CREAT:
            raise OSError(error_number, os.strerror(error_number), path)
        return REAL_OPEN(path, flags, *args, **kwargs)

    return fake_open


def disk_full():
    return mock.patch("django.core.files.storage.filesystem.os.fdopen", DiskFullFile)


def read_only(error_number=errno.EROFS):
    # Tests run as root, whom chmod does not stop: the write is refused by a patched os.open instead.
    return mock.patch("django.core.files.storage.filesystem.os.open", refuse_in_media(error_number))


class FailingTable:
    """Makes the database refuse to write a table (connection.execute_wrapper), after the file was written."""

    def __init__(self, table):
        self.table = table

    def __call__(self, execute, sql, params, many, context):
        if sql.lstrip().upper().startswith(("INSERT", "UPDATE")) and f'"{self.table}"' in sql:
            raise OperationalError("could not extend file: No space left on device")
        return execute(sql, params, many, context)


def database_fails(table="wagtailimages_image"):
    return connection.execute_wrapper(FailingTable(table))


FAILURES = {
    "disk full": (disk_full, "L'espace disque du serveur est plein"),
    "read-only folder": (read_only, "refuse l'écriture"),
    "permission denied": (lambda: read_only(errno.EACCES), "refuse l'écriture"),
    "database error": (database_fails, "La base de données n'a pas pu enregistrer ce fichier"),
}


def test_django_storage_leaves_a_partial_file_ours_does_not(tmp_path):
    stock, safe = FileSystemStorage(location=tmp_path / "stock"), SafeFileSystemStorage(location=tmp_path / "safe")
    for storage in (stock, safe):
        with disk_full(), pytest.raises(OSError):
            storage.save("photo.png", ContentFile(b"x" * 5000))
    assert stock.exists("photo.png")  # the bug this storage fixes
    assert not safe.exists("photo.png")


@pytest.mark.django_db
@pytest.mark.parametrize("failure", FAILURES)
@pytest.mark.parametrize("upload", [upload_single, upload_multiple, upload_in_chooser])
def test_failed_image_upload_leaves_nothing_and_tells_the_editor(editor_client, nothing_left, failure, upload):
    make_failure, expected = FAILURES[failure]
    with make_failure():
        response = upload(editor_client, "photo.png", pillow_bytes("PNG"))
    assert response.status_code in (200, 303)
    text = follow_text(editor_client, response)
    assert expected in text
    assert "l'administrateur du site" in text.lower()


@pytest.mark.django_db
@pytest.mark.parametrize("failure", FAILURES)
def test_failed_replacement_keeps_the_saved_image(editor_client, failure):
    image = existing_image()
    editor_client.get(reverse("wagtailimages:edit", args=[image.pk]))  # its renditions, made before the upload
    before = (image.file.name, image.width, image.height, image.get_file_hash())
    files = media_listing()
    make_failure, expected = FAILURES[failure]
    with make_failure():
        response = replace_file(editor_client, image, "nouvelle.jpg", pillow_bytes("JPEG", (120, 90)))
    assert response.status_code == 303
    assert expected in follow_text(editor_client, response)
    image.refresh_from_db()
    assert (image.file.name, image.width, image.height, image.get_file_hash()) == before
    assert media_listing() == files
    assert image.file.storage.exists(image.file.name)


@pytest.mark.django_db
def test_successful_replacement_deletes_the_old_file_once_committed(editor_client, django_capture_on_commit_callbacks):
    image = existing_image()
    old_name = image.file.name
    with django_capture_on_commit_callbacks(execute=True):
        response = replace_file(editor_client, image, "nouvelle.jpg", pillow_bytes("JPEG", (120, 90)))
    assert response.status_code == 302
    image.refresh_from_db()
    assert image.file.name != old_name and image.width == 120
    assert image.file.storage.exists(image.file.name)
    assert not image.file.storage.exists(old_name)


# --- Documents ---------------------------------------------------------------------------------------------------


def upload_document(client, name, data):
    return client.post(
        reverse("wagtaildocs:add"),
        {"title": "Document", "collection": root_collection(), "file": SimpleUploadedFile(name, data)},
    )


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["page.html", "dessin.svg", "script.js", "page.htm", "page.xhtml"])
def test_documents_that_a_browser_would_run_cannot_be_uploaded(editor_client, nothing_left, name):
    response = upload_document(editor_client, name, HTML)
    assert response.status_code == 200
    assert "Extension de fichier" in response.content.decode() or "extension" in response.content.decode().lower()


@pytest.mark.django_db
@pytest.mark.parametrize("failure", FAILURES)
def test_failed_document_upload_leaves_nothing_and_tells_the_editor(editor_client, nothing_left, failure):
    make_failure, expected = FAILURES[failure]
    maker = (lambda: database_fails("wagtaildocs_document")) if failure == "database error" else make_failure
    with maker():
        response = upload_document(editor_client, "rapport.pdf", b"%PDF-1.4\n%%EOF\n")
    assert response.status_code == 303
    assert expected in follow_text(editor_client, response)


@pytest.mark.django_db
def test_failed_document_replacement_keeps_the_saved_file(editor_client):
    document = Document.objects.create(title="Rapport", file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="rapport.pdf"))
    old_name, files = document.file.name, media_listing()
    with database_fails("wagtaildocs_document"):
        response = editor_client.post(
            reverse("wagtaildocs:edit", args=[document.pk]),
            {
                "title": "Rapport",
                "collection": document.collection_id,
                "file": SimpleUploadedFile("rapport-2.pdf", b"%PDF-1.4\n%%EOF\n"),
            },
        )
    assert response.status_code == 303
    document.refresh_from_db()
    assert document.file.name == old_name
    assert document.file.storage.exists(old_name)  # Wagtail's own form deleted it before saving the new one
    assert media_listing() == files


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name,data,disposition",
    [
        ("rapport.pdf", b"%PDF-1.4\n%%EOF\n", "inline"),
        ("compte-rendu.docx", b"PK\x03\x04 not really", "attachment"),
        ("notes.txt", b"<script>alert(1)</script>", "attachment"),
        ("chiffres.csv", b"a;b\n1;2\n", "attachment"),
    ],
)
def test_only_pdf_documents_open_in_the_browser(client, name, data, disposition):
    assert settings.WAGTAILDOCS_INLINE_CONTENT_TYPES == ["application/pdf"]
    document = Document.objects.create(title=name, file=ContentFile(data, name=name))
    try:
        response = client.get(reverse("wagtaildocs_serve", args=[document.pk, document.filename]))
        assert response.status_code == 200
        assert response["Content-Disposition"].split(";")[0] == disposition
        if disposition == "attachment":
            assert f'filename="{document.filename}"' in response["Content-Disposition"]
        b"".join(response.streaming_content)
    finally:
        document.file.delete(save=False)
