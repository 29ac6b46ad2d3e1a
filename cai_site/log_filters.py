"""Logging helpers named in ``settings.LOGGING``."""

import logging


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
