"""Media in an S3-compatible bucket (pages/s3.py), against moto's S3 server on a free local port: public images at
unsigned addresses, private documents streamed by Wagtail's view, SVGs through the app with their sandbox, a failed
upload's objects removed; and the settings (MEDIA_URL, the CSP's image origins) derived from the environment."""

import os
import runpy
import socket
import urllib.error
import urllib.request
from pathlib import Path

import boto3
import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from moto.server import ThreadedMotoServer
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from cai_site.views import SVG_POLICY
from pages.s3 import MediaS3Storage
from pages.storage import files_written_in_request, remove_written_files
from pages.tests.test_uploads import EU_EMBLEM, database_fails, pillow_bytes, upload_single

Image = get_image_model()
Document = get_document_model()
BUCKET = "cai-medias-test"
HOST = "127.0.0.1"


@pytest.fixture(scope="module")
def s3_server():
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port = probe.getsockname()[1]
    server = ThreadedMotoServer(ip_address=HOST, port=port, verbose=False)
    server.start()
    yield f"http://{HOST}:{port}"
    server.stop()


@pytest.fixture
def s3_media(s3_server, settings, monkeypatch):
    """The default storage in a fresh bucket of the moto server, as the settings set it with DJANGO_MEDIA_S3_*."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "essai")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "essai")
    client = boto3.client("s3", endpoint_url=s3_server, region_name="us-east-1")
    client.create_bucket(Bucket=BUCKET)
    settings.AWS_STORAGE_BUCKET_NAME = BUCKET
    settings.AWS_S3_ENDPOINT_URL = s3_server
    settings.AWS_S3_REGION_NAME = "us-east-1"
    settings.AWS_S3_ADDRESSING_STYLE = "path"
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "pages.s3.MediaS3Storage"}}
    settings.WAGTAILDOCS_SERVE_METHOD = "serve_view"
    yield client
    objects = client.list_objects_v2(Bucket=BUCKET).get("Contents", [])
    for item in objects:
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def anonymous_get(url):
    """(status, headers, body) of a GET without credentials."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def bucket_keys(client):
    return {item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])}


@pytest.mark.django_db
def test_images_and_renditions_are_public_at_unsigned_addresses_documents_are_private(s3_media):
    assert isinstance(default_storage, MediaS3Storage)  # the lazy default storage, rebuilt for these settings
    image = Image.objects.create(title="Photo", file=ContentFile(pillow_bytes("PNG"), name="photo-s3.png"))
    rendition = image.get_rendition("width-40")
    for url in (image.file.url, rendition.url):
        assert url.startswith(f"{s3_media.meta.endpoint_url}/{BUCKET}/"), url
        assert "Signature" not in url and "X-Amz" not in url  # pages are cached whole: no address may expire
        status, headers, body = anonymous_get(url)
        assert status == 200, url
        assert body[:4] == b"\x89PNG" or rendition.url == url
    document = Document.objects.create(title="Rapport", file=ContentFile(b"%PDF-1.4 rapport", name="rapport.pdf"))
    assert document.file.name.startswith("documents/")
    assert anonymous_get(document.file.url)[0] == 403
    acl = s3_media.get_object_acl(Bucket=BUCKET, Key=document.file.name)["Grants"]
    assert [grant["Permission"] for grant in acl] == ["FULL_CONTROL"]  # the owner only


@pytest.mark.django_db
def test_documents_go_through_wagtails_view_which_keeps_private_ones_private(s3_media, client, django_user_model):
    root = Collection.get_first_root_node()
    private = root.add_child(name="Interne S3")
    CollectionViewRestriction.objects.create(collection=private, restriction_type=CollectionViewRestriction.LOGIN)
    public_doc = Document.objects.create(title="Public", file=ContentFile(b"public s3", name="public.txt"))
    private_doc = Document.objects.create(
        title="Interne", file=ContentFile(b"interne s3", name="interne.txt"), collection=private
    )
    response = client.get(public_doc.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"public s3"
    response = client.get(private_doc.url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailcore_login"))
    client.force_login(django_user_model.objects.create_user("lecteur", "l@example.org", "x"))
    response = client.get(private_doc.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"interne s3"


@pytest.mark.django_db
def test_svg_addresses_lead_to_the_app_which_sends_the_sandbox(s3_media, client):
    image = Image.objects.create(title="Emblème", file=ContentFile(EU_EMBLEM, name="embleme-s3.svg"))
    url = image.file.url
    assert url == reverse("stored_svg", kwargs={"name": image.file.name})
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == EU_EMBLEM
    assert response["Content-Type"] == "image/svg+xml"
    assert response["Content-Security-Policy"].endswith(SVG_POLICY)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "max-age=" in response["Cache-Control"] and "public" in response["Cache-Control"]
    # The second defence: opened at its bucket address, the SVG is downloaded, not shown.
    head = s3_media.head_object(Bucket=BUCKET, Key=image.file.name)
    assert head["ContentDisposition"] == "attachment"
    assert client.get(reverse("stored_svg", kwargs={"name": "original_images/absent.svg"})).status_code == 404
    assert client.get(reverse("stored_svg", kwargs={"name": "original_images/photo.png"})).status_code == 404


@pytest.mark.django_db
def test_a_failed_upload_removes_its_objects_from_the_bucket(s3_media, client, django_user_model):
    storage = MediaS3Storage()
    with files_written_in_request():
        name = storage.save("original_images/orpheline.png", ContentFile(pillow_bytes("PNG")))
        assert storage.exists(name)
        remove_written_files()
    assert not storage.exists(name)
    # Through the admin: the database refuses the row after the file was written.
    client.force_login(django_user_model.objects.create_superuser("s3", "s3@example.org", "x"))
    images = Image.objects.count()
    with database_fails():
        response = upload_single(client, "photo-perdue.png", pillow_bytes("PNG"))
    assert response.status_code in (200, 303)
    assert Image.objects.count() == images
    assert bucket_keys(s3_media) == set()


# --- Settings: nothing changes without a bucket; MEDIA_URL and the CSP follow the storage's addresses ---------------


def base_settings(monkeypatch, **environment):
    for name in [name for name in os.environ if name.startswith("DJANGO_MEDIA_S3_")]:
        monkeypatch.delenv(name)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(Path(settings.BASE_DIR, "cai_site", "settings", "base.py")))


def test_without_a_bucket_the_media_stay_on_disk(monkeypatch):
    values = base_settings(monkeypatch)
    assert values["STORAGES"]["default"] == {"BACKEND": "pages.storage.SafeFileSystemStorage"}
    assert values["MEDIA_URL"] == "/media/"
    assert "WAGTAILDOCS_SERVE_METHOD" not in values


@pytest.mark.parametrize(
    "environment",
    [
        {"DJANGO_MEDIA_S3_ENDPOINT_URL": "https://s3.fr-par.scw.cloud", "DJANGO_MEDIA_S3_REGION": "fr-par"},
        {"DJANGO_MEDIA_S3_ENDPOINT_URL": "http://127.0.0.1:9000/"},
        {"DJANGO_MEDIA_S3_REGION": "eu-west-3"},
        {},
        {"DJANGO_MEDIA_S3_REGION": "eu-west-3", "DJANGO_MEDIA_S3_CUSTOM_DOMAIN": "medias.exemple.be"},
    ],
)
def test_media_url_and_csp_follow_the_bucket_settings(monkeypatch, environment):
    values = base_settings(monkeypatch, DJANGO_MEDIA_S3_BUCKET="cai-medias", **environment)
    assert values["STORAGES"]["default"] == {"BACKEND": "pages.s3.MediaS3Storage"}
    assert values["WAGTAILDOCS_SERVE_METHOD"] == "serve_view"
    assert values["SERVE_MEDIA"] is False
    storage = MediaS3Storage(
        bucket_name=values["AWS_STORAGE_BUCKET_NAME"],
        endpoint_url=values["AWS_S3_ENDPOINT_URL"],
        region_name=values["AWS_S3_REGION_NAME"],
        custom_domain=values["AWS_S3_CUSTOM_DOMAIN"],
        addressing_style=values["AWS_S3_ADDRESSING_STYLE"],
    )
    url = storage.url("original_images/photo.jpg")
    assert url == values["MEDIA_URL"] + "original_images/photo.jpg"
    origin = "/".join(url.split("/")[:3])
    assert origin in values["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["img-src"]
    assert origin in values["ADMIN_CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["img-src"]
