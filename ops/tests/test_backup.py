"""``manage.py backup`` and ``manage.py restore``: the seeded demo site goes through an archive and comes back whole.

The commands run in subprocesses on databases of their own (a temporary SQLite file; throwaway PostgreSQL databases
created and dropped here when 127.0.0.1:5432 answers), never on pytest's test database, whose rows sit in a
transaction another process cannot see. Migrating and seeding takes a while, so it is done once per engine.
"""

import errno
import io
import json
import os
import socket
import subprocess
import sys
import tarfile
import time
import uuid
from contextlib import closing
from pathlib import Path

import pytest
from django.db import connection

from ops import backup

ROOT = Path(__file__).resolve().parents[2]
PG_HOST, PG_PORT = "127.0.0.1", 5432

# Facts about the site, printed as JSON by a subprocess: what must come back identical after a restore.
FACTS = r"""
import hashlib, json
from django.contrib.contenttypes.models import ContentType
from wagtail.contrib.forms.models import FormSubmission
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision
from trainings.models import Registration

def digest(field):
    with field.open("rb") as file:
        return hashlib.sha256(file.read()).hexdigest()

print(json.dumps({
    "pages": [[p.pk, p.title, p.url_path, p.live, p.content_type.model] for p in Page.objects.order_by("pk")],
    "revisions": [
        [r.pk, r.object_id, r.base_content_type_id, r.created_at.isoformat(), json.dumps(r.content, sort_keys=True)]
        for r in Revision.objects.order_by("pk")
    ],
    "documents": [[d.pk, d.title, d.file.name, digest(d.file)] for d in get_document_model().objects.order_by("pk")],
    "images": [
        [i.pk, i.title, i.file.name, i.width, i.height, digest(i.file), sorted((r.file.name, digest(r.file))
         for r in i.renditions.all())]
        for i in get_image_model().objects.order_by("pk")
    ],
    "submissions": [
        [s.pk, s.page_id, s.form_data, s.submit_time.isoformat()] for s in FormSubmission.objects.order_by("pk")
    ],
    "registrations": [
        [r.pk, r.training_id, r.session_id, r.name, r.email, r.status, r.token, r.created_at.isoformat()]
        for r in Registration.objects.order_by("pk")
    ],
}))
"""

# What a running site adds to the demo: a message, a registration, an uploaded document and image (and a rendition).
ADD_CONTENT = r"""
import io
from django.core.files.base import ContentFile
from PIL import Image as PillowImage
from wagtail.contrib.forms.models import FormSubmission
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from contact.models import ContactFormPage
from trainings.models import Registration, TrainingPage

document = get_document_model()(title="Rapport annuel (test de sauvegarde)")
document.file.save("rapport-sauvegarde.pdf", ContentFile(b"%PDF-1.4\n% sauvegarde\n"), save=False)
document.save()
buffer = io.BytesIO()
PillowImage.new("RGB", (64, 48), (200, 30, 30)).save(buffer, "PNG")
image = get_image_model()(title="Photo (test de sauvegarde)")
image.file.save("photo-sauvegarde.png", ContentFile(buffer.getvalue()), save=False)
image.width, image.height = 64, 48  # read from the file on upload through the admin
image.save()
image.get_rendition("fill-32x32")
FormSubmission.objects.create(
    page=ContactFormPage.objects.live().first(),
    form_data={"nom": "Élise Exemple", "message": "Bonjour « sauvegarde » ; ça marche ?"},
)
Registration.objects.create(
    training=TrainingPage.objects.live().first(), name="Jean Exemple", email="jean@example.org", organisation="ASBL"
)
"""


def postgres_answers():
    try:
        with socket.create_connection((PG_HOST, PG_PORT), timeout=1):
            return True
    except OSError:
        return False


def postgres_admin(sql):
    import psycopg

    with psycopg.connect(f"postgresql://postgres@{PG_HOST}:{PG_PORT}/postgres", autocommit=True) as connection:
        connection.execute(sql)


class SiteCopy:
    """One copy of the site: its own database and media folder, driven through ``manage.py`` in a subprocess."""

    def __init__(self, engine, folder, name):
        self.engine = engine
        self.folder = folder / name
        self.folder.mkdir()
        self.media = self.folder / "media"
        self.backups = self.folder / "backups"
        if engine == "sqlite":
            self.database = self.folder / "site.sqlite3"
            url = f"sqlite:///{self.database}"
        else:
            self.database = f"h_backup_{os.getpid()}_{uuid.uuid4().hex[:8]}_{name}"
            postgres_admin(f'CREATE DATABASE "{self.database}"')
            url = f"postgres://postgres@{PG_HOST}:{PG_PORT}/{self.database}"
        self.env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "DATABASE_", "PYTEST", "REDIS_"))
        }
        self.env.update(
            DJANGO_SETTINGS_MODULE="cai_site.settings.production",
            DJANGO_SECRET_KEY="backup-test-only-" + "x" * 40,
            DJANGO_ALLOWED_HOSTS="127.0.0.1",
            DEFAULT_FROM_EMAIL="site@example.org",
            DJANGO_SECURE_SSL_REDIRECT="false",
            DJANGO_EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
            DATABASE_URL=url,
            DJANGO_MEDIA_ROOT=str(self.media),
            DJANGO_BACKUP_DIR=str(self.backups),
        )

    def run(self, *arguments, env=None, input=None):
        return subprocess.run(
            [sys.executable, "manage.py", *arguments],
            cwd=ROOT,
            env={**self.env, **(env or {})},
            capture_output=True,
            text=True,
            input=input,
            timeout=600,
        )

    def check(self, *arguments):
        result = self.run(*arguments)
        assert result.returncode == 0, f"manage.py {' '.join(arguments)}:\n{result.stdout}\n{result.stderr}"
        return result

    def shell(self, code):
        return self.check("shell", "--no-imports", "-c", code).stdout

    def facts(self):
        return json.loads(self.shell(FACTS))

    def sql(self, statement):
        """Run one statement on the copy's database, in this process (quicker than a manage.py shell)."""
        if self.engine == "sqlite":
            import sqlite3

            with closing(sqlite3.connect(self.database)) as connection, connection:
                return connection.execute(statement).fetchall()
        import psycopg

        with psycopg.connect(self.env["DATABASE_URL"].replace("postgres://", "postgresql://")) as connection:
            cursor = connection.execute(statement)
            return cursor.fetchall() if cursor.description else []

    def table_names(self):
        if self.engine == "sqlite":
            if not self.database.exists():
                return []
            return [row[0] for row in self.sql("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return [row[0] for row in self.sql("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]

    def drop(self):
        if self.engine == "postgresql":
            postgres_admin(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')


def suite_engine():
    """The engine the suite runs on: CI runs the suite once on SQLite, once on PostgreSQL (DATABASE_URL)."""
    return "postgresql" if connection.vendor == "postgresql" else "sqlite"


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def engine(request):
    # Each round trip migrates and seeds a whole demo site (about a minute): the SQLite run of the suite proves
    # SQLite's, the PostgreSQL run PostgreSQL's, instead of both doing both.
    if request.param != suite_engine():
        pytest.skip(f"round trip {request.param}: proved by the suite's run on {request.param}")
    if request.param == "postgresql" and not postgres_answers():
        pytest.skip(f"PostgreSQL ne répond pas sur {PG_HOST}:{PG_PORT}")
    return request.param


@pytest.fixture(scope="module")
def copies(engine, tmp_path_factory):
    """Makes site copies of the engine and drops their databases at the end of the module."""
    folder = tmp_path_factory.mktemp(f"backup-{engine}")
    made = []

    def make(name):
        copy = SiteCopy(engine, folder, f"{name}{len(made)}")
        made.append(copy)
        return copy

    yield make
    for copy in made:
        copy.drop()


@pytest.fixture(scope="module")
def source(copies):
    """The seeded demo site with a message, a registration, a document, an image; backed up once."""
    site = copies("source")
    started = time.monotonic()
    site.check("migrate", "--no-input", "-v0")
    site.check("seed_site", "--demo", "-v0")
    site.shell(ADD_CONTENT)
    site.seed_seconds = time.monotonic() - started
    started = time.monotonic()
    result = site.check("backup")
    site.backup_seconds = time.monotonic() - started
    site.backup_output = result.stdout
    (site.archive,) = site.backups.glob("cai-sauvegarde-*.tar.gz")
    site.expected = site.facts()
    return site


def test_backup_writes_one_dated_archive_with_its_manifest(source):
    assert backup.ARCHIVE_NAME.match(source.archive.name)
    assert source.archive.stat().st_mode & 0o777 == 0o600  # it holds personal data
    assert [path.name for path in source.backups.iterdir()] == [source.archive.name]  # no leftover, no partial
    assert "Sauvegarde écrite" in source.backup_output
    with tarfile.open(source.archive) as tar:
        names = tar.getnames()
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["engine"] == source.engine
    assert manifest["database"]["name"] == backup.DATABASE_FILES[source.engine]
    assert manifest["migrations"]["wagtailcore"] and manifest["migrations"]["trainings"]
    assert manifest["versions"]["wagtail"] and manifest["versions"]["django"]
    assert manifest["counts"]["wagtailcore_page"] == len(source.expected["pages"])
    assert manifest["counts"]["trainings_registration"] == len(source.expected["registrations"])
    media = {entry["name"] for entry in manifest["files"]}
    assert "media/documents/rapport-sauvegarde.pdf" in media
    assert "media/original_images/photo-sauvegarde.png" in media
    assert any(name.startswith("media/images/photo-sauvegarde.") for name in media)  # renditions are kept
    assert set(names) == media | {"manifest.json", manifest["database"]["name"]}


def test_restore_into_an_empty_database_brings_back_the_same_site(source, copies):
    target = copies("target")
    started = time.monotonic()
    result = target.check("restore", str(source.archive), "--no-input")
    restore_seconds = time.monotonic() - started
    assert "Restauration terminée." in result.stdout
    assert (
        f"Pages\u202f: {len(source.expected['pages'])} (sauvegarde\u202f: {len(source.expected['pages'])})"
        in result.stdout
    )
    assert "tables comptent les mêmes lignes que la sauvegarde" in result.stdout

    restored = target.facts()
    for kind in ("pages", "revisions", "documents", "images", "submissions", "registrations"):
        assert restored[kind] == source.expected[kind], kind
    assert len(restored["pages"]) > 50 and len(restored["revisions"]) > 50
    assert any(row[1] == "Rapport annuel (test de sauvegarde)" for row in restored["documents"])
    assert any(row[2]["nom"] == "Élise Exemple" for row in restored["submissions"])
    assert any(row[3] == "Jean Exemple" for row in restored["registrations"])
    assert any(row[6] for row in restored["images"])  # a rendition came back with its file
    print(
        f"\n[{source.engine}] migrate+seed {source.seed_seconds:.1f} s, backup {source.backup_seconds:.1f} s, "
        f"restore {restore_seconds:.1f} s, archive {source.archive.stat().st_size / 1024:.0f} KiB"
    )


def test_restore_refuses_a_database_that_is_not_empty(source):
    result = source.run("restore", str(source.archive), "--no-input")
    assert result.returncode != 0
    assert "n'est pas vide" in result.stderr and "--force" in result.stderr
    assert source.facts() == source.expected


def test_restore_with_force_replaces_a_database_that_is_not_empty(source, copies):
    target = copies("force")
    target.sql("CREATE TABLE ancienne_table (id integer)")
    refused = target.run("restore", str(source.archive), "--force", input="non\n")
    assert refused.returncode != 0 and "annulée" in refused.stderr
    assert target.table_names() == ["ancienne_table"]
    result = target.run("restore", str(source.archive), "--force", input="oui\n")
    assert result.returncode == 0, result.stderr
    assert "Tapez «\u202foui\u202f»" in result.stdout and "contient déjà 1 table\u202f:" in result.stdout
    assert "ancienne_table" not in target.table_names()
    assert target.facts() == source.expected


def rewrite_archive(source_archive, destination, change_manifest=None, extra_members=()):
    """A copy of an archive with its manifest changed and members added."""
    with tarfile.open(source_archive) as tar, tarfile.open(destination, "w:gz") as out:
        for member in tar.getmembers():
            data = tar.extractfile(member).read()
            if member.name == "manifest.json" and change_manifest:
                manifest = json.loads(data)
                change_manifest(manifest)
                data = json.dumps(manifest).encode()
                member.size = len(data)
            out.addfile(member, io.BytesIO(data))
        for member, data in extra_members:
            out.addfile(member, io.BytesIO(data))
    return destination


def assert_refused_and_untouched(target, archive, *messages):
    result = target.run("restore", str(archive), "--no-input")
    assert result.returncode != 0, result.stdout
    for message in messages:
        assert message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert target.table_names() == []
    assert not target.media.exists() or not any(target.media.iterdir())
    return result


def test_restore_refuses_an_archive_from_the_other_engine(source, copies, tmp_path):
    other = "postgresql" if source.engine == "sqlite" else "sqlite"

    def other_engine(manifest):
        manifest["engine"] = other

    archive = rewrite_archive(source.archive, tmp_path / "cai-sauvegarde-autre.tar.gz", change_manifest=other_engine)
    label = backup.ENGINE_LABELS
    assert_refused_and_untouched(
        copies("engine"),
        archive,
        f"vient d'une base {label[other]}, la base configurée ici est {label[source.engine]}",
    )


def test_restore_refuses_corrupted_or_foreign_archives(source, copies, tmp_path):
    target = copies("corrupt")
    data = source.archive.read_bytes()

    truncated = tmp_path / "tronquee.tar.gz"
    truncated.write_bytes(data[: len(data) // 2])
    assert_refused_and_untouched(target, truncated, "illisible ou endommagée")

    flipped = bytearray(data)
    middle = len(flipped) // 3
    flipped[middle : middle + 64] = bytes(byte ^ 0xFF for byte in flipped[middle : middle + 64])
    damaged = tmp_path / "abimee.tar.gz"
    damaged.write_bytes(bytes(flipped))
    assert_refused_and_untouched(target, damaged, "Restauration impossible")

    not_gzip = tmp_path / "texte.tar.gz"
    not_gzip.write_text("ceci n'est pas une archive")
    assert_refused_and_untouched(target, not_gzip, "illisible ou endommagée")

    foreign = tmp_path / "etrangere.tar.gz"
    with tarfile.open(foreign, "w:gz") as tar:
        member = tarfile.TarInfo("media/notes.txt")
        member.size = 5
        tar.addfile(member, io.BytesIO(b"notes"))
    assert_refused_and_untouched(target, foreign, "n'a pas de manifest.json")

    def tamper(manifest):
        manifest["database"]["sha256"] = "0" * 64

    tampered = rewrite_archive(source.archive, tmp_path / "empreinte.tar.gz", change_manifest=tamper)
    assert_refused_and_untouched(target, tampered, "est abîmé")


@pytest.mark.parametrize("name", ["media/../../evasion.txt", "../evasion.txt", "/tmp/evasion-cai.txt"])
def test_restore_refuses_members_that_climb_out(source, copies, tmp_path, name):
    target = copies("climb")
    member = tarfile.TarInfo(name)
    member.size = 6
    archive = rewrite_archive(source.archive, tmp_path / "evasion.tar.gz", extra_members=[(member, b"evade!")])
    assert_refused_and_untouched(target, archive, "chemin refusé")
    assert not (target.folder / "evasion.txt").exists() and not (target.folder.parent / "evasion.txt").exists()
    assert not Path("/tmp/evasion-cai.txt").exists()


def test_restore_refuses_links_in_the_archive(source, copies, tmp_path):
    link = tarfile.TarInfo("media/documents/lien")
    link.type = tarfile.SYMTYPE
    link.linkname = "/etc/passwd"
    archive = rewrite_archive(source.archive, tmp_path / "lien.tar.gz", extra_members=[(link, b"")])
    assert_refused_and_untouched(copies("link"), archive, "ni un fichier ni un dossier")


def test_backup_without_pg_dump_fails_in_french(source):
    if source.engine != "postgresql":
        pytest.skip("pg_dump ne sert qu'à PostgreSQL")
    out = source.folder / "sans-pg-dump"
    result = source.run("backup", f"--output-dir={out}", env={"PATH": str(Path(sys.executable).parent)})
    assert result.returncode != 0
    assert "pg_dump est introuvable" in result.stderr and "postgresql-client" in result.stderr
    assert not out.exists() or not any(out.iterdir())


# --- Without a database: rotation, a full disk ---


def test_keep_deletes_only_the_oldest_archives(tmp_path):
    names = [f"cai-sauvegarde-2026010{day}-030000.tar.gz" for day in range(1, 6)]
    for name in [*names, "notes.txt", "cai-sauvegarde-manuelle.tar.gz"]:
        (tmp_path / name).write_text("x")
    deleted = backup.rotate(tmp_path, keep=2)
    assert sorted(path.name for path in deleted) == names[:3]
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(
        [*names[3:], "notes.txt", "cai-sauvegarde-manuelle.tar.gz"]
    )


def test_a_full_disk_leaves_no_archive_and_says_so(tmp_path, monkeypatch, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "photo.jpg").write_bytes(b"x" * 1000)

    def fake_dump(work_dir):
        dump = work_dir / "database.sqlite3"
        dump.write_bytes(b"base")
        return dump, {"name": "site.sqlite3"}, {"wagtailcore_page": 0}, {}

    def disk_full(tar, path, name):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    monkeypatch.setattr(backup, "database_engine", lambda: "sqlite")
    monkeypatch.setattr(backup, "dump_sqlite", fake_dump)
    monkeypatch.setattr(backup, "add_file", disk_full)
    out = tmp_path / "sauvegardes"
    with pytest.raises(backup.BackupError, match="Plus de place sur le disque"):
        backup.create_backup(out, log=lambda message: None)
    assert list(out.iterdir()) == []  # neither a partial archive nor the working folder
