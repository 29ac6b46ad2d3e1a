"""Several app servers, end to end: two gunicorn servers (gunicorn.conf.py, production settings) sharing one
throwaway PostgreSQL database, one Redis database and one S3 bucket (moto's S3 server on a free local port). What
an editor does on server A is what visitors get from server B at once: a page published through A's admin form,
an image uploaded through A (its rendition made by B, public in the bucket), a document uploaded into a private
collection (private in the bucket, and B's document view asks for a sign-in). The session of A works on B: sessions
live in the database and both servers share the secret key.

Skipped when PostgreSQL or Redis does not answer at 127.0.0.1 (a fresh machine); CI has both. Also here: what
``manage.py backup`` does when the media are in a bucket.
"""

import contextlib
import http.cookies
import importlib
import json
import os
import secrets
import tarfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

import boto3
import pytest
from bs4 import BeautifulSoup
from moto.server import ThreadedMotoServer

from ops import backup
from ops.tests import gunicorn_site
from ops.tests.test_outages import PG_HOST, PG_PORT, postgres_answers

REDIS_URL = "redis://127.0.0.1:6379/13"  # this test's own Redis database, emptied before and after
BUCKET = "cai-deux-serveurs"
PASSWORD = secrets.token_urlsafe(16)


def redis_answers():
    try:
        import redis

        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except Exception:
        return False


needs_postgres_and_redis = pytest.mark.skipif(
    not (postgres_answers() and redis_answers()),
    reason=f"needs PostgreSQL at {PG_HOST}:{PG_PORT} and Redis at 127.0.0.1:6379 (CI has both)",
)


# --- A small browser: cookies by hand (production cookies are Secure, and these servers speak plain HTTP) ---------


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """Keeps the cookies one server sets and sends them to whichever server it asks next."""

    def __init__(self):
        self.cookies = {}
        self.opener = urllib.request.build_opener(NoRedirect)

    def request(self, url, data=None, content_type=None, referer=None):
        """(status, headers, body) of a GET, or of a POST of ``data`` (bytes: multipart; dict or pairs: urlencoded)."""
        headers = {}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        if isinstance(data, (dict, list)):
            data = urllib.parse.urlencode(data, doseq=True).encode()
            content_type = "application/x-www-form-urlencoded"
        if content_type:
            headers["Content-Type"] = content_type
        if referer:
            headers["Referer"] = referer
        request = urllib.request.Request(url, data=data, headers=headers, method="POST" if data else "GET")
        try:
            with self.opener.open(request, timeout=30) as response:
                status, response_headers, body = response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            status, response_headers, body = error.code, error.headers, error.read()
        for header in response_headers.get_all("Set-Cookie") or []:
            for name, morsel in http.cookies.SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return status, response_headers, body


def form_fields(html, form_selector):
    """What a browser submits for the form: inputs, textareas and selects, outside <template>s; no submit button."""
    form = BeautifulSoup(html, "html.parser").select_one(form_selector)
    assert form is not None, form_selector
    fields = []
    for element in form.find_all(["input", "textarea", "select"]):
        name = element.get("name")
        if not name or element.has_attr("disabled") or element.find_parent("template"):
            continue
        if element.name == "textarea":
            fields.append((name, element.get_text()))
        elif element.name == "select":
            chosen = element.find_all("option", selected=True) or element.find_all("option")[:1]
            fields.extend((name, option.get("value", option.get_text())) for option in chosen)
        elif element.get("type") in ("checkbox", "radio"):
            if element.has_attr("checked"):
                fields.append((name, element.get("value", "on")))
        elif element.get("type") not in ("submit", "button", "file", "image", "reset"):
            fields.append((name, element.get("value", "")))
    return form, fields


def empty_streams(form):
    """A StreamField is drawn by the admin's script; an empty one is submitted as a count of 0."""
    counts = []
    for block in form.select('[data-controller="w-block"]'):
        value = json.loads(block["data-w-block-arguments-value"])[0]
        assert value == [], f"the page's {block['id']} is not empty: pick a page without stream content"
        counts.append((f"{block['id']}-count", "0"))
    return counts


def multipart(fields, files):
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields:
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, content, content_type) in files.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            f"Content-Type: {content_type}\r\n\r\n".encode()
            + content
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def anonymous(url):
    return Browser().request(url)


def upload(editor, add_url, values, file):
    """Post the admin's add form at ``add_url`` with its own fields, ``values`` in place of theirs, and ``file``
    (name, bytes, content type); the status answered."""
    _form, fields = form_fields(editor.request(add_url)[2].decode(), "form[enctype='multipart/form-data']")
    fields = [(name, value) for name, value in fields if name not in values] + list(values.items())
    data, content_type = multipart(fields, {"file": file})
    return editor.request(add_url, data, content_type, referer=add_url)[0]


def png_bytes():
    import io

    from PIL import Image

    output = io.BytesIO()
    Image.effect_noise((96, 64), 60).convert("RGB").save(output, "PNG")
    return output.getvalue()


# --- The shared services -------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def s3_endpoint():
    port = gunicorn_site.free_port()
    server = ThreadedMotoServer(ip_address=gunicorn_site.HOST, port=port, verbose=False)
    server.start()
    endpoint = f"http://{gunicorn_site.HOST}:{port}"
    boto3.client(
        "s3", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="cai", aws_secret_access_key="cai"
    ).create_bucket(Bucket=BUCKET)
    yield endpoint
    server.stop()


@pytest.fixture(scope="module")
def shared_redis():
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    client.flushdb()
    yield REDIS_URL
    client.flushdb()
    client.close()


@pytest.fixture(scope="module")
def site_env(s3_endpoint, shared_redis):
    """The production environment both servers share, on a seeded throwaway PostgreSQL database."""
    import psycopg

    name = f"cai_two_servers_{os.getpid()}_{secrets.token_hex(3)}"
    admin = psycopg.connect(host=PG_HOST, port=PG_PORT, user="postgres", dbname="postgres", autocommit=True)
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        env = gunicorn_site.production_env(f"postgres://postgres@{PG_HOST}:{PG_PORT}/{name}")
        env.update(
            REDIS_URL=shared_redis,
            DJANGO_MEDIA_S3_BUCKET=BUCKET,
            DJANGO_MEDIA_S3_ENDPOINT_URL=s3_endpoint,
            DJANGO_MEDIA_S3_REGION="us-east-1",
            AWS_ACCESS_KEY_ID="cai",
            AWS_SECRET_ACCESS_KEY="cai",
        )
        gunicorn_site.build_database(env)
        # What sitesearch's migration adds on PostgreSQL (the schema here is built without migrations): the
        # production settings index pages with its text search configuration on every publish.
        search_setup = importlib.import_module("sitesearch.migrations.0002_postgresql_french_unaccent")
        with psycopg.connect(host=PG_HOST, port=PG_PORT, user="postgres", dbname=name, autocommit=True) as database:
            for statement in search_setup.STATEMENTS:
                database.execute(statement)
        gunicorn_site.demo_server.manage(
            "createsuperuser",
            "--no-input",
            "--username=editrice",
            "--email=editrice@example.org",
            env={**gunicorn_site.setup_env(env), "DJANGO_SUPERUSER_PASSWORD": PASSWORD},
        )
        yield env
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def shell(env, code):
    """Run ``code`` against the servers' database and settings; it prints one JSON document last."""
    return gunicorn_site.demo_server.manage_json(code, env=gunicorn_site.setup_env(env))


PAGE_WITHOUT_STREAM_CONTENT = """
import json
from wagtail.fields import StreamField
from wagtail.models import Page
for page in Page.objects.live().public().filter(depth__gt=2).specific().order_by("path"):
    streams = [field.name for field in page._meta.get_fields() if isinstance(field, StreamField)]
    if type(page).__name__ in ("StandardPage", "SectionPage") and not any(getattr(page, s) for s in streams):
        print(json.dumps({"id": page.pk, "url": page.url, "title": page.title}))
        break
"""


@needs_postgres_and_redis
def test_two_servers_share_content_sessions_and_media(site_env, s3_endpoint, tmp_path, capsys):
    started = time.monotonic()
    page = shell(site_env, PAGE_WITHOUT_STREAM_CONTENT)
    private = shell(
        site_env,
        "import json\n"
        "from wagtail.models import Collection, CollectionViewRestriction\n"
        "c = Collection.get_first_root_node().add_child(name='Interne')\n"
        "CollectionViewRestriction.objects.create(collection=c, restriction_type=CollectionViewRestriction.LOGIN)\n"
        "print(json.dumps({'id': c.pk}))",
    )
    with contextlib.ExitStack() as stack:
        server_a, log_a = stack.enter_context(gunicorn_site.gunicorn(site_env, workers=1, threads=2))
        # B on "another machine": a media folder and a page cache folder of its own (both stay empty: the media
        # are in the bucket, and a page B cached must still give way to A's change).
        env_b = {
            **site_env,
            "DJANGO_MEDIA_ROOT": str(tmp_path / "b-media"),
            "DJANGO_PAGE_CACHE_DIR": str(tmp_path / "b-page-cache"),
        }
        server_b, log_b = stack.enter_context(gunicorn_site.gunicorn(env_b, workers=1, threads=2))
        figures = {"servers up": time.monotonic() - started}

        # B serves the page before the change, the second time from the page cache they share (Redis).
        for _ in range(2):
            status, headers, body = anonymous(server_b + page["url"])
            assert status == 200 and page["title"] in body.decode()
        assert headers.get("X-Page-Cache") == "hit"

        # The editor signs in through A's login form.
        editor = Browser()
        login = f"{server_a}/admin/login/"
        _form, fields = form_fields(editor.request(login)[2].decode(), "form")
        fields = [(name, value) for name, value in fields if name not in ("username", "password")]
        status, headers, _body = editor.request(
            login, {**dict(fields), "username": "editrice", "password": PASSWORD}, referer=login
        )
        assert status == 302, "the sign-in failed"
        assert editor.request(f"{server_b}/admin/")[0] == 200  # A's session works on B

        # A publishes a new title through the page's edit form.
        edit = f"{server_a}/admin/pages/{page['id']}/edit/"
        form, fields = form_fields(editor.request(edit)[2].decode(), "form#page-edit-form")
        new_title = f"{page['title']} — publié par A {secrets.token_hex(3)}"
        fields = [(name, new_title if name == "title" else value) for name, value in fields]
        fields += [*empty_streams(form), ("action-publish", "action-publish")]
        status, headers, body = editor.request(edit, fields, referer=edit)
        assert status == 302, log_a.read_text(errors="replace")[-4000:]
        publish_done = time.monotonic()
        status, _headers, body = anonymous(server_b + page["url"])
        figures["B shows the change (s)"] = time.monotonic() - publish_done
        assert status == 200 and new_title in body.decode()

        # An image uploaded through A: original and rendition public in the bucket, the rendition made by B.
        status = upload(
            editor,
            f"{server_a}/admin/images/add/",
            {"title": "Photo deux serveurs"},
            ("photo-deux-serveurs.png", png_bytes(), "image/png"),
        )
        assert status == 302, log_a.read_text(errors="replace")[-4000:]
        image = shell(
            site_env,
            "import json\nfrom wagtail.images import get_image_model\n"
            "i = get_image_model().objects.get(title='Photo deux serveurs')\n"
            "print(json.dumps({'id': i.pk, 'url': i.file.url}))",
        )
        assert image["url"].startswith(f"{s3_endpoint}/{BUCKET}/original_images/")
        assert anonymous(image["url"])[0] == 200
        status, _headers, body = editor.request(f"{server_b}/admin/images/{image['id']}/")
        assert status == 200
        previews = [
            img["src"]
            for img in BeautifulSoup(body.decode(), "html.parser").find_all("img")
            if img.get("src", "").startswith(f"{s3_endpoint}/{BUCKET}/images/")
        ]
        assert previews, "no rendition from the bucket on B's image page"
        status, headers, body = anonymous(previews[0])
        assert status == 200 and headers["Content-Type"].startswith("image/")

        # A document uploaded through A into the private collection: not readable anonymously, anywhere.
        status = upload(
            editor,
            f"{server_a}/admin/documents/add/",
            {"title": "Note interne", "collection": str(private["id"])},
            ("note-interne.pdf", b"%PDF-1.4 note interne", "application/pdf"),
        )
        assert status == 302, log_a.read_text(errors="replace")[-4000:]
        document = shell(
            site_env,
            "import json\nfrom wagtail.documents import get_document_model\n"
            "d = get_document_model().objects.get(title='Note interne')\n"
            "print(json.dumps({'bucket_url': d.file.url, 'url': d.url, 'collection': d.collection_id}))",
        )
        assert document["collection"] == private["id"]
        assert anonymous(document["bucket_url"])[0] == 403
        status, headers, _body = anonymous(server_b + document["url"])
        assert status == 302 and urllib.parse.urlsplit(headers["Location"]).path == "/_util/login/"
        status, _headers, body = editor.request(server_b + document["url"])
        assert status == 200 and body == b"%PDF-1.4 note interne"

    assert not (tmp_path / "b-media").exists() or not any((tmp_path / "b-media").rglob("*.*"))
    for log_path in (log_a, log_b):
        assert "Traceback" not in log_path.read_text(errors="replace"), log_path.read_text()[-3000:]
    figures["total (s)"] = time.monotonic() - started
    with capsys.disabled():
        print("\ntwo servers:", {key: round(value, 2) for key, value in figures.items()})


# --- Backups with the media in a bucket ----------------------------------------------------------------------------


def test_backup_with_media_in_a_bucket_holds_the_database_only_and_says_so(tmp_path, monkeypatch, settings):
    settings.MEDIA_S3_BUCKET = "cai-medias"
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "ancienne-photo.jpg").write_bytes(b"x" * 100)  # left from before the bucket: not saved

    def fake_dump(work_dir):
        dump = work_dir / "database.sqlite3"
        dump.write_bytes(b"base")
        return dump, {"name": "site.sqlite3"}, {"wagtailcore_page": 0}, {}

    monkeypatch.setattr(backup, "database_engine", lambda: "sqlite")
    monkeypatch.setattr(backup, "dump_sqlite", fake_dump)
    messages = []
    archive = backup.create_backup(tmp_path / "sauvegardes", log=messages.append)
    with tarfile.open(archive) as tar:
        assert sorted(tar.getnames()) == ["database.sqlite3", "manifest.json"]
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["media"] == {"files": 0, "bytes": 0}
    assert any("bucket S3 « cai-medias »" in message and "versionnage" in message for message in messages)
