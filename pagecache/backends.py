"""The embedded page cache's backend: Django's file-based cache without compression.

Django's ``FileBasedCache`` compresses every value with zlib. A cached page is read far more often than written,
and decompressing it was the largest single cost of a hit (about 80 µs of some 400 µs in a worker, measured with
cProfile on the home page): stored as plain pickles, pages take about four times the disk (tens of kilobytes each,
``MAX_ENTRIES`` of them at most) and every hit is that much cheaper.
"""

import pickle

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.files import locks


class UncompressedFileBasedCache(FileBasedCache):
    def get(self, key, default=None, version=None):
        try:
            with open(self._key_to_file(key, version), "rb") as f:
                if not self._is_expired(f):
                    return pickle.load(f)
        except FileNotFoundError:
            pass
        return default

    def _write_content(self, file, timeout, value):
        file.write(pickle.dumps(self.get_backend_timeout(timeout), self.pickle_protocol))
        file.write(pickle.dumps(value, self.pickle_protocol))

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            with open(self._key_to_file(key, version), "r+b") as f:
                try:
                    locks.lock(f, locks.LOCK_EX)
                    if self._is_expired(f):
                        return False
                    value = pickle.load(f)
                    f.seek(0)
                    self._write_content(f, timeout, value)
                    f.truncate()
                    return True
                finally:
                    locks.unlock(f)
        except FileNotFoundError:
            return False
