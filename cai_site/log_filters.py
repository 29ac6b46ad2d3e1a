"""Logging helpers named in ``settings.LOGGING``."""

import logging
import time


class WithoutTraceback(logging.Filter):
    """Keep the record's message, drop its traceback: one line in the logs.

    For noise that needs no investigation: a request with a Host header the site does not serve (scanners, DNS
    records pointing at the server) is logged by Django as an error *with* its exception, which printed fourteen
    lines of traceback for each probe. The message already says everything ("Invalid HTTP_HOST header: …").
    """

    def filter(self, record):
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        return True


class OncePerError(logging.Filter):
    """Let the same error through once per window (per process): one mail per fault, not one per request.

    When the database goes away, every request fails the same way; without this, ADMINS would get a mail for each
    visitor. Two records are "the same" when they come from the same logger with the same exception type and
    message (or, without an exception, the same message template), whatever the address requested.
    """

    def __init__(self, window_seconds=600):
        super().__init__()
        self.window_seconds = window_seconds
        self.last_sent = {}

    def signature(self, record):
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            return (record.name, type(error).__qualname__, str(error))
        return (record.name, str(record.msg))

    def filter(self, record):
        now = time.monotonic()
        signature = self.signature(record)
        last = self.last_sent.get(signature)
        if last is not None and now - last < self.window_seconds:
            return False
        if len(self.last_sent) > 1000:  # a flood of distinct errors must not grow the memory without end
            self.last_sent.clear()
        self.last_sent[signature] = now
        return True
