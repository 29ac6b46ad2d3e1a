"""The embedded page cache's file backend: Django's file-based cache, values stored as plain pickles."""

import pickle
import time

import pytest
import time_machine

from pagecache.backends import UncompressedFileBasedCache


@pytest.fixture
def files(tmp_path):
    return UncompressedFileBasedCache(str(tmp_path), {"TIMEOUT": 60})


def test_values_round_trip_and_are_stored_uncompressed(files, tmp_path):
    page = b"<!DOCTYPE html>" + b"x" * 20_000
    files.set("page", page)
    assert files.get("page") == page
    assert files.get_many(["page", "absent"]) == {"page": page}
    (stored,) = [path for path in tmp_path.iterdir() if path.suffix == ".djcache"]
    with open(stored, "rb") as f:
        pickle.load(f)  # the expiry
        assert pickle.load(f) == page  # no zlib
    assert stored.stat().st_size > 20_000


def test_add_incr_delete_and_expiry_behave_as_djangos(files):
    assert files.add("n", 1) and not files.add("n", 5)
    assert files.incr("n") == 2
    files.set("short", "v", timeout=1)
    with time_machine.travel(time.time() + 2):
        assert files.get("short", "expiré") == "expiré"
    assert files.delete("n") and files.get("n") is None


def test_touch_gives_a_new_lifetime_and_keeps_the_value(files):
    files.set("page", "contenu", timeout=1)
    assert files.touch("page", timeout=100)
    with time_machine.travel(time.time() + 5):
        assert files.get("page") == "contenu"
    assert not files.touch("absent")
