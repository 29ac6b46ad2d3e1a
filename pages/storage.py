"""The default storage: Django's FileSystemStorage without the partial file it leaves when writing fails (disk
full, read-only folder), and a note of the files each request wrote, so that a failed upload can remove them
(``pages.uploads.UploadFailureMiddleware``). Apart from pages.uploads because Django builds the storage while the
models load (Wagtail's rendition field asks for it), before Wagtail's forms and views can be imported."""

import contextlib
import contextvars
import logging
import os

from django.core.files.storage import FileSystemStorage

logger = logging.getLogger(__name__)

# Names tried by the current _save (Django retries another name when one is taken meanwhile).
_attempts = contextvars.ContextVar("upload_attempts", default=None)
# Files written during the current upload request: {name: storage}.
_written = contextvars.ContextVar("upload_written", default=None)


class SafeFileSystemStorage(FileSystemStorage):
    """FileSystemStorage that removes its partial file when writing fails (Django's leaves it: disk full,
    read-only folder), and notes each file it writes for ``UploadFailureMiddleware``."""

    def _save(self, name, content):
        tried = [name]
        token = _attempts.set(tried)
        try:
            name = super()._save(name, content)
        except BaseException:
            self._remove_partial(tried[-1])
            raise
        finally:
            _attempts.reset(token)
        written = _written.get()
        if written is not None:
            written[name] = self
        return name

    def get_available_name(self, name, max_length=None):
        name = super().get_available_name(name, max_length=max_length)
        tried = _attempts.get()
        if tried is not None:
            tried.append(name)
        return name

    def _remove_partial(self, name):
        try:
            os.remove(self.path(name))
        except FileNotFoundError:
            pass
        except OSError:
            logger.exception("Could not remove the partial file %s", name)


@contextlib.contextmanager
def files_written_in_request():
    """Within this block (an upload request), the files the storage writes are noted."""
    token = _written.set({})
    try:
        yield
    finally:
        _written.reset(token)


def remove_written_files():
    """After a failed upload request, whose database work was rolled back: its files go too."""
    written = _written.get() or {}
    for name, storage in list(written.items()):
        try:
            storage.delete(name)
        except OSError:
            logger.exception("Could not remove %s after a failed upload", name)
        written.pop(name, None)
