"""Backups of the site in one dated archive, and their restoration into an empty database.

An archive ``cai-sauvegarde-AAAAMMJJ-HHMMSS.tar.gz`` holds:

- the database: ``database.pgdump`` (``pg_dump --format=custom``) or ``database.sqlite3`` (SQLite's backup API, a
  consistent snapshot, never a copy of a file being written);
- ``media/…``: every file of MEDIA_ROOT — original images, documents and the renditions too: the rendition rows are
  in the database, and regenerating every AVIF/WebP rendition after a restore would load the server for a long time
  (none when the media live in an S3 bucket: the bucket is backed up on its own, MEDIA_IN_BUCKET);
- ``manifest.json`` (written last): date, engine, versions, the latest applied migration of each app, the row count
  of every table and the size and sha256 of every file above.

The counts and the dump come from the same snapshot (PostgreSQL: ``pg_dump --snapshot`` of a transaction that
counts; SQLite: counted in the snapshot file), so a restore can check them exactly.

Messages are in French: the people who run these commands read them.
"""

import errno
import hashlib
import io
import json
import os
import platform
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import time
import zlib
from pathlib import Path, PurePosixPath

import django
import wagtail
from django.apps import apps
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

FORMAT = "cai-sauvegarde"
FORMAT_VERSION = 1
ARCHIVE_PREFIX = "cai-sauvegarde-"
ARCHIVE_SUFFIX = ".tar.gz"
ARCHIVE_NAME = re.compile(r"^cai-sauvegarde-\d{8}-\d{6}(-\d+)?\.tar\.gz$")
MANIFEST_NAME = "manifest.json"
MEDIA_PREFIX = "media"
DATABASE_FILES = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}
ENGINE_LABELS = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}
# With the media in an S3 bucket (settings "Media on S3"), the archive holds the database only: the bucket keeps its
# own copies (the provider's versioning, replication or lifecycle rules), which a tar of every object would not beat.
MEDIA_IN_BUCKET = (
    "Les médias sont dans le bucket S3 « {bucket} » : ils ne sont pas copiés dans cette archive, qui ne contient "
    "que la base. Leur sauvegarde est celle du bucket (versionnage ou réplication chez le fournisseur)."
)
# Leftovers of an interrupted backup or restore (hidden names, never taken for archives) older than this are removed.
STALE_SECONDS = 24 * 3600

# The tables whose counts ``restore`` prints (every table is counted and checked).
KEY_MODELS = [
    ("wagtailcore", "Page", "Pages"),
    ("wagtailcore", "Revision", "Révisions"),
    ("wagtailimages", "Image", "Images"),
    ("wagtailimages", "Rendition", "Rendus d'images"),
    ("wagtaildocs", "Document", "Documents"),
    ("wagtailforms", "FormSubmission", "Messages des formulaires"),
    ("trainings", "Registration", "Inscriptions aux formations"),
    ("auth", "User", "Comptes"),
]


class BackupError(Exception):
    """A backup or restore that cannot go on; the message (in French) says why and what to do."""


# --- Shared helpers ---


def default_backup_dir():
    """Where archives go: settings.BACKUP_DIR (DJANGO_BACKUP_DIR, else ``backups/`` beside manage.py)."""
    return Path(settings.BACKUP_DIR)


def database_engine(alias=DEFAULT_DB_ALIAS):
    vendor = connections[alias].vendor
    if vendor not in DATABASE_FILES:
        raise BackupError(f"Moteur de base de données non pris en charge : {vendor} (PostgreSQL ou SQLite seulement).")
    return vendor


def counted_tables():
    """The table of every concrete model (many-to-many tables included)."""
    tables = set()
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.managed and not meta.proxy and not meta.swapped:
            tables.add(meta.db_table)
    return sorted(tables)


def key_tables():
    """(table, French label) of the key tables, for those whose app is installed."""
    found = []
    for app_label, model_name, label in KEY_MODELS:
        try:
            found.append((apps.get_model(app_label, model_name)._meta.db_table, label))
        except LookupError:
            continue
    return found


def count_rows(cursor, quote_name, tables):
    counts = {}
    for table in tables:
        cursor.execute(f"SELECT COUNT(*) FROM {quote_name(table)}")
        counts[table] = cursor.fetchone()[0]
    return counts


def latest_migrations(cursor):
    """The latest applied migration of each app, by name (names start with their number)."""
    cursor.execute("SELECT app, name FROM django_migrations")
    latest = {}
    for app, name in cursor.fetchall():
        latest[app] = max(latest.get(app, ""), name)
    return dict(sorted(latest.items()))


def quote_sqlite(name):
    return '"' + name.replace('"', '""') + '"'


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for chunk in iter(lambda: file.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def os_error_message(error, action):
    """A French sentence for an OSError: a full disk is named as such."""
    if getattr(error, "errno", None) in (errno.ENOSPC, errno.EDQUOT):
        return (
            f"Plus de place sur le disque ({action}). Libérez de la place (ou choisissez un autre dossier) et "
            "recommencez."
        )
    where = f" « {error.filename} »" if getattr(error, "filename", None) else ""
    return f"Erreur d'écriture ou de lecture{where} ({action}) : {error.strerror or error}."


def find_tool(name):
    path = shutil.which(name)
    if not path:
        raise BackupError(
            f"La commande {name} est introuvable : installez le client PostgreSQL (paquet postgresql-client, de la "
            "même version majeure que le serveur ou plus récente), puis recommencez."
        )
    return path


def postgres_arguments_and_env(settings_dict):
    """Connection arguments for pg_dump/pg_restore; the password goes through PGPASSWORD, never the command line."""
    arguments = ["--no-password"]
    if settings_dict.get("HOST"):
        arguments.append(f"--host={settings_dict['HOST']}")
    if settings_dict.get("PORT"):
        arguments.append(f"--port={settings_dict['PORT']}")
    if settings_dict.get("USER"):
        arguments.append(f"--username={settings_dict['USER']}")
    env = {**os.environ}
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    options = settings_dict.get("OPTIONS") or {}
    for option, variable in (
        ("sslmode", "PGSSLMODE"),
        ("sslrootcert", "PGSSLROOTCERT"),
        ("sslcert", "PGSSLCERT"),
        ("sslkey", "PGSSLKEY"),
        ("connect_timeout", "PGCONNECT_TIMEOUT"),
    ):
        if options.get(option):
            env[variable] = str(options[option])
    return arguments, env


def run_tool(arguments, env, what):
    try:
        result = subprocess.run(arguments, env=env, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise BackupError(f"La commande {arguments[0]} est introuvable ({what}).") from None
    if result.returncode != 0:
        details = result.stderr.strip() or result.stdout.strip() or "aucun message"
        if "No space left on device" in details:
            raise BackupError(f"Plus de place sur le disque ({what}) : {details}")
        name = Path(arguments[0]).name
        raise BackupError(f"{name} a échoué ({what}, code {result.returncode}) : {details}")
    return result


def remove_stale_leftovers(folder, prefix):
    """Remove the hidden leftovers of an interrupted run (a crash or a kill), once they are a day old."""
    now = time.time()
    for path in folder.glob(f".{prefix}*"):
        try:
            if now - path.lstat().st_mtime < STALE_SECONDS:
                continue
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
        except OSError:
            continue


# --- Backup ---


class HashingReader:
    """Wraps a file tarfile reads from, and hashes what it reads: every file is read once."""

    def __init__(self, file):
        self.file = file
        self.digest = hashlib.sha256()

    def read(self, size=-1):
        data = self.file.read(size)
        self.digest.update(data)
        return data


def dump_sqlite(work_dir):
    """Snapshot of the SQLite database through the backup API; counts and migrations read in the snapshot."""
    source_path = Path(settings.DATABASES[DEFAULT_DB_ALIAS]["NAME"]).resolve()
    if not source_path.is_file():
        raise BackupError(f"La base SQLite « {source_path} » n'existe pas : rien à sauvegarder.")
    target = work_dir / DATABASE_FILES["sqlite"]
    source = sqlite3.connect(source_path.as_uri() + "?mode=ro", uri=True)
    try:
        snapshot = sqlite3.connect(target)
        try:
            source.backup(snapshot)  # one step: a read lock for the whole copy, so a consistent snapshot
            cursor = snapshot.cursor()
            counts = count_rows(cursor, quote_sqlite, counted_tables())
            migrations = latest_migrations(cursor)
        finally:
            snapshot.close()
    except sqlite3.Error as error:
        raise BackupError(f"Lecture de la base SQLite impossible : {error}.") from error
    finally:
        source.close()
    return target, {"name": source_path.name}, counts, migrations


def dump_postgresql(work_dir):
    """pg_dump of the snapshot of a transaction that counts the rows: the counts are those of the dump."""
    pg_dump = find_tool("pg_dump")
    connection = connections[DEFAULT_DB_ALIAS]
    settings_dict = connection.settings_dict
    target = work_dir / DATABASE_FILES["postgresql"]
    arguments, env = postgres_arguments_and_env(settings_dict)
    with transaction.atomic(using=DEFAULT_DB_ALIAS), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot(), current_setting('server_version')")
        snapshot, server_version = cursor.fetchone()
        counts = count_rows(cursor, connection.ops.quote_name, counted_tables())
        migrations = latest_migrations(cursor)
        run_tool(
            [
                pg_dump,
                *arguments,
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--snapshot={snapshot}",
                f"--file={target}",
                f"--dbname={settings_dict['NAME']}",
            ],
            env,
            "sauvegarde de la base PostgreSQL",
        )
    return target, {"name": settings_dict["NAME"], "server_version": server_version}, counts, migrations


def media_files(media_root, skip):
    """(path, archive name) of every regular file under MEDIA_ROOT, in a stable order; links are left out."""
    if not media_root.is_dir():
        return
    skip = {path.resolve() for path in skip}
    for directory, subdirectories, filenames in os.walk(media_root):
        directory = Path(directory)
        subdirectories[:] = sorted(name for name in subdirectories if (directory / name).resolve() not in skip)
        for name in sorted(filenames):
            path = directory / name
            if path.is_symlink() or not path.is_file():
                continue
            relative = path.relative_to(media_root).as_posix()
            yield path, f"{MEDIA_PREFIX}/{relative}"


def add_file(tar, path, name):
    info = tarfile.TarInfo(name)
    stat = path.stat()
    info.size = stat.st_size
    info.mtime = int(stat.st_mtime)
    info.mode = 0o644
    with open(path, "rb") as file:
        reader = HashingReader(file)
        tar.addfile(info, reader)
    return {"name": name, "size": info.size, "sha256": reader.digest.hexdigest()}


def create_backup(output_dir=None, keep=None, log=print):
    """Write one archive into ``output_dir`` and return its path. Raises BackupError with a French message."""
    output_dir = Path(output_dir) if output_dir else default_backup_dir()
    engine = database_engine()
    if engine == "postgresql":
        find_tool("pg_dump")  # before anything is written
    media_root = Path(settings.MEDIA_ROOT)
    bucket = getattr(settings, "MEDIA_S3_BUCKET", "")  # media in a bucket (pages/s3.py): not in the archive
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BackupError(
            f"Impossible de créer le dossier des sauvegardes « {output_dir} » : {error.strerror or error}."
        ) from None
    remove_stale_leftovers(output_dir, ARCHIVE_PREFIX)
    now = timezone.localtime()
    final = output_dir / f"{ARCHIVE_PREFIX}{now:%Y%m%d-%H%M%S}{ARCHIVE_SUFFIX}"
    number = 2
    while final.exists():
        final = output_dir / f"{ARCHIVE_PREFIX}{now:%Y%m%d-%H%M%S}-{number}{ARCHIVE_SUFFIX}"
        number += 1
    partial = output_dir / f".{final.name}.partiel"
    work_dir = None
    try:
        work_dir = Path(tempfile.mkdtemp(prefix=f".{ARCHIVE_PREFIX}en-cours-", dir=output_dir))
        log(f"Sauvegarde de la base {ENGINE_LABELS[engine]}…")
        dump, database, counts, migrations = (dump_postgresql if engine == "postgresql" else dump_sqlite)(work_dir)
        files = []
        if bucket:
            log(MEDIA_IN_BUCKET.format(bucket=bucket))
        log("Écriture de l'archive (base et fichiers des médias)…" if not bucket else "Écriture de l'archive (base)…")
        # Readable by its owner only, whatever the umask: an archive holds personal data (messages, registrations).
        with open(partial, "wb", opener=lambda path, flags: os.open(path, flags, 0o600)) as raw:
            with tarfile.open(fileobj=raw, mode="w:gz", compresslevel=6, format=tarfile.PAX_FORMAT) as tar:
                database_entry = add_file(tar, dump, DATABASE_FILES[engine])
                for path, name in [] if bucket else media_files(media_root, skip=[output_dir]):
                    files.append(add_file(tar, path, name))
                manifest = {
                    "format": FORMAT,
                    "format_version": FORMAT_VERSION,
                    "created_at": now.isoformat(),
                    "engine": engine,
                    "database": {**database, **database_entry},
                    "versions": {
                        "django": django.get_version(),
                        "wagtail": wagtail.__version__,
                        "python": platform.python_version(),
                    },
                    "migrations": migrations,
                    "counts": counts,
                    "media": {"files": len(files), "bytes": sum(entry["size"] for entry in files)},
                    "files": files,
                }
                data = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
                info = tarfile.TarInfo(MANIFEST_NAME)
                info.size = len(data)
                info.mtime = int(now.timestamp())
                info.mode = 0o644
                tar.addfile(info, io.BytesIO(data))
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(partial, final)  # the final name only ever holds a whole archive
    except OSError as error:
        raise BackupError(os_error_message(error, "écriture de la sauvegarde")) from None
    finally:
        if work_dir is not None:
            shutil.rmtree(work_dir, ignore_errors=True)
        partial.unlink(missing_ok=True)
    size = final.stat().st_size
    pages = counts.get(apps.get_model("wagtailcore", "Page")._meta.db_table, 0)
    log(f"Sauvegarde écrite : {final} ({format_size(size)} ; {pages} pages, {len(files)} fichiers de médias).")
    if keep:
        for old in rotate(output_dir, keep):
            log(f"Ancienne sauvegarde supprimée : {old.name}")
    return final


def rotate(output_dir, keep):
    """Delete all but the ``keep`` newest archives of ``output_dir`` (only files named like ours)."""
    archives = sorted(path for path in Path(output_dir).iterdir() if ARCHIVE_NAME.match(path.name) and path.is_file())
    old = archives[:-keep] if keep > 0 else []
    for path in old:
        path.unlink()
    return old


def format_size(size):
    for unit in ("octets", "Ko", "Mo", "Go"):
        if size < 1024 or unit == "Go":
            return f"{size} {unit}" if unit == "octets" else f"{size:.1f} {unit}".replace(".", ",")
        size /= 1024


# --- Restore ---


def check_member(member):
    """Only our own names, regular files and folders; no absolute path, no '..'. Returns the member's kind."""
    name = member.name
    path = PurePosixPath(name)
    if name.startswith("/") or "\\" in name or path.is_absolute() or ".." in path.parts or not path.parts:
        raise BackupError(
            f"L'archive contient un chemin refusé : « {name} » (chemin absolu ou qui remonte avec « .. »). "
            "Ce n'est pas une sauvegarde du site : rien n'a été restauré."
        )
    if not (member.isfile() or member.isdir()):
        raise BackupError(
            f"L'archive contient « {name} », qui n'est ni un fichier ni un dossier (lien, périphérique…). "
            "Ce n'est pas une sauvegarde du site : rien n'a été restauré."
        )
    if name == MANIFEST_NAME:
        return "manifest"
    if name in DATABASE_FILES.values():
        return "database"
    if path.parts[0] == MEDIA_PREFIX:
        return "media"
    raise BackupError(f"L'archive contient « {name} », inconnu d'une sauvegarde du site : rien n'a été restauré.")


def unreadable(archive, error):
    return BackupError(
        f"L'archive « {archive} » est illisible ou endommagée ({error}). Ce n'est pas une sauvegarde du site, ou elle "
        "a été tronquée ou abîmée pendant une copie : rien n'a été restauré."
    )


def read_manifest(archive):
    """Open the archive, check every member's name and type, and read the manifest."""
    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(f"Archive introuvable : « {archive} ».")
    try:
        with tarfile.open(archive, "r:gz") as tar:
            members = tar.getmembers()
            kinds = {member.name: check_member(member) for member in members}
            if MANIFEST_NAME not in kinds:
                raise BackupError(
                    f"L'archive « {archive} » n'a pas de manifest.json : ce n'est pas une sauvegarde du site."
                )
            manifest = json.loads(tar.extractfile(MANIFEST_NAME).read().decode())
    except BackupError:
        raise
    except (tarfile.TarError, EOFError, zlib.error, OSError, UnicodeDecodeError, ValueError) as error:
        raise unreadable(archive, error) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"L'archive « {archive} » n'est pas une sauvegarde du site (manifeste inconnu).")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"Cette sauvegarde est au format {manifest.get('format_version')}, cette version du site lit le format "
            f"{FORMAT_VERSION} : restaurez-la avec la version du site qui l'a écrite."
        )
    return manifest


def tables_phrase(count):
    return f"{count} table" if count == 1 else f"{count} tables"


def existing_tables():
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.vendor == "sqlite" and not Path(connection.settings_dict["NAME"]).exists():
        return []  # connecting would create the file (or fail when its folder is missing)
    with connection.cursor() as cursor:
        return connection.introspection.table_names(cursor)


def extract_and_verify(archive, manifest, staging):
    """Extract the archive into ``staging`` (tarfile's data filter) and check every file against the manifest."""
    expected = {entry["name"]: entry for entry in [manifest["database"], *manifest["files"]]}
    try:
        with tarfile.open(archive, "r:gz") as tar:
            members = [member for member in tar.getmembers() if member.name != MANIFEST_NAME]
            files_in_archive = {member.name for member in members if member.isfile()}
            tar.extractall(staging, members=members, filter="data")
    except (tarfile.TarError, EOFError, zlib.error, UnicodeDecodeError, ValueError) as error:
        raise unreadable(archive, error) from None
    except OSError as error:
        if error.errno in (errno.ENOSPC, errno.EDQUOT):
            raise BackupError(os_error_message(error, "lecture de l'archive")) from None
        raise unreadable(archive, error) from None
    missing = sorted(set(expected) - files_in_archive)
    extra = sorted(files_in_archive - set(expected))
    if missing or extra:
        raise BackupError(
            "L'archive ne correspond pas à son manifeste ("
            + ", ".join([f"manquant : {name}" for name in missing[:5]] + [f"en trop : {name}" for name in extra[:5]])
            + ") : rien n'a été restauré."
        )
    for name, entry in expected.items():
        path = staging / name
        if path.stat().st_size != entry["size"] or sha256_of(path) != entry["sha256"]:
            raise BackupError(
                f"Le fichier « {name} » de l'archive est abîmé (taille ou empreinte sha256 différente de celle du "
                "manifeste) : rien n'a été restauré."
            )


def wipe_postgresql():
    """Empty the database for ``--force``: its public schema and everything in it."""
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("DROP SCHEMA public CASCADE")
        cursor.execute("CREATE SCHEMA public")


def restore_postgresql(dump):
    pg_restore = find_tool("pg_restore")
    connection = connections[DEFAULT_DB_ALIAS]
    arguments, env = postgres_arguments_and_env(connection.settings_dict)
    run_tool([pg_restore, "--list", str(dump)], env, "lecture de la sauvegarde PostgreSQL")
    connection.close()
    run_tool(
        [
            pg_restore,
            *arguments,
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",  # all or nothing: a failure leaves the database as it was
            f"--dbname={connection.settings_dict['NAME']}",
            str(dump),
        ],
        env,
        "restauration de la base PostgreSQL",
    )


def restore_sqlite(dump):
    target = Path(settings.DATABASES[DEFAULT_DB_ALIAS]["NAME"]).resolve()
    connections.close_all()
    try:
        source = sqlite3.connect(dump.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            verdict = source.execute("PRAGMA integrity_check").fetchone()[0]
            if verdict != "ok":
                raise BackupError(f"La base SQLite de l'archive est abîmée ({verdict}) : rien n'a été restauré.")
            target.parent.mkdir(parents=True, exist_ok=True)
            destination = sqlite3.connect(target)
            try:
                source.backup(destination)  # one transaction on the destination: all or nothing
            finally:
                destination.close()
        finally:
            source.close()
    except sqlite3.DatabaseError as error:
        raise BackupError(f"Restauration de la base SQLite impossible : {error}.") from None


def restore_media(staging, media_root):
    """Move the media files into MEDIA_ROOT, each under a temporary name first. Returns (written, replaced)."""
    source_root = staging / MEDIA_PREFIX
    written = replaced = 0
    if not source_root.is_dir():
        return written, replaced
    media_root = media_root.resolve()
    for path in sorted(source_root.rglob("*")):
        if not path.is_file():
            continue
        destination = (media_root / path.relative_to(source_root)).resolve()
        if not destination.is_relative_to(media_root):  # tarfile's data filter already refused it; twice is cheap
            raise BackupError(f"Chemin refusé hors du dossier des médias : « {destination} ».")
        destination.parent.mkdir(parents=True, exist_ok=True)
        temporary = destination.with_name(f".{destination.name}.restauration")
        shutil.move(path, temporary)
        replaced += destination.exists()
        os.replace(temporary, destination)
        written += 1
    return written, replaced


def verify_counts(manifest):
    """Count the restored tables; returns (rows for the key tables, mismatches)."""
    connection = connections[DEFAULT_DB_ALIAS]
    expected = manifest["counts"]
    present = set(existing_tables())
    with connection.cursor() as cursor:
        actual = count_rows(cursor, connection.ops.quote_name, [table for table in expected if table in present])
    mismatches = [(table, count, actual.get(table)) for table, count in expected.items() if actual.get(table) != count]
    return actual, mismatches


def pending_migrations():
    connection = connections[DEFAULT_DB_ALIAS]
    executor = MigrationExecutor(connection)
    return executor.migration_plan(executor.loader.graph.leaf_nodes())


def restore_archive(archive, force=False, confirm=None, log=print):
    """Restore ``archive`` into the configured (empty) database and MEDIA_ROOT. Returns the verified counts.

    ``confirm(message)`` is asked before a non-empty database is overwritten with ``force``; it returns a bool.
    """
    archive = Path(archive)
    engine = database_engine()
    log(f"Lecture de l'archive « {archive} »…")
    manifest = read_manifest(archive)
    archived_engine = manifest.get("engine")
    if archived_engine != engine:
        raise BackupError(
            f"Cette sauvegarde vient d'une base {ENGINE_LABELS.get(archived_engine, archived_engine)}, la base "
            f"configurée ici est {ENGINE_LABELS[engine]} : restaurez-la dans une base du même moteur (réglez "
            "DATABASE_URL). Rien n'a été restauré."
        )
    log(
        f"Sauvegarde du {manifest.get('created_at')} : base {ENGINE_LABELS[engine]}, Django "
        f"{manifest['versions'].get('django')}, Wagtail {manifest['versions'].get('wagtail')}, "
        f"{manifest['media']['files']} fichiers de médias."
    )
    if engine == "postgresql":
        find_tool("pg_restore")
    tables = existing_tables()
    if tables:
        where = connections[DEFAULT_DB_ALIAS].settings_dict["NAME"]
        if not force:
            raise BackupError(
                f"La base de destination « {where} » n'est pas vide ({tables_phrase(len(tables))}) : la "
                "restauration se fait dans une base vide (PostgreSQL : createdb ; SQLite : un fichier qui "
                "n'existe pas encore). Pour l'écraser quand même, relancez avec --force. Rien n'a été restauré."
            )
        question = (
            f"La base « {where} » contient déjà {tables_phrase(len(tables))} : tout son contenu sera "
            "effacé et remplacé par la sauvegarde."
        )
        if confirm is not None and not confirm(question):
            raise BackupError("Restauration annulée : rien n'a été modifié.")
    media_root = Path(settings.MEDIA_ROOT)
    staging_parent = media_root.parent if os.access(media_root.parent, os.W_OK) else None
    with tempfile.TemporaryDirectory(prefix=".cai-restauration-", dir=staging_parent) as staging:
        staging = Path(staging)
        log("Vérification des fichiers de l'archive (tailles et empreintes sha256)…")
        try:
            extract_and_verify(archive, manifest, staging)
            dump = staging / DATABASE_FILES[engine]
            log(f"Restauration de la base {ENGINE_LABELS[engine]}…")
            if engine == "postgresql":
                if tables:
                    wipe_postgresql()
                restore_postgresql(dump)
            else:
                restore_sqlite(dump)
            log(f"Restauration des médias dans « {media_root} »…")
            written, replaced = restore_media(staging, media_root)
        except OSError as error:
            raise BackupError(os_error_message(error, "restauration")) from None
    connections.close_all()
    log(f"{written} fichiers de médias restaurés" + (f" (dont {replaced} remplacés)." if replaced else "."))
    actual, mismatches = verify_counts(manifest)
    for table, label in key_tables():
        if table in manifest["counts"]:
            log(f"  {label} : {actual.get(table, 'table absente')} (sauvegarde : {manifest['counts'][table]})")
    if mismatches:
        details = ", ".join(f"{table} : {got} au lieu de {count}" for table, count, got in mismatches[:10])
        raise BackupError(f"La base restaurée ne compte pas les mêmes lignes que la sauvegarde : {details}.")
    log(f"Les {len(actual)} tables comptent les mêmes lignes que la sauvegarde.")
    plan = pending_migrations()
    if plan:
        log(
            f"Attention : {len(plan)} migrations de ce code ne sont pas encore appliquées à cette sauvegarde : lancez "
            "« python manage.py migrate »."
        )
    return actual
