"""A real SMTP server for tests (aiosmtpd on 127.0.0.1 and a free port), as a pytest plugin.

    def test_something(smtp_server):
        ...  # code that sends mail through Django
        message = smtp_server.wait_for(1)[0]  # an email.message.EmailMessage
        assert message["Subject"] == "…"

The fixture points Django at it with the real SMTP backend (and a short timeout), so a test sees what a mail
server would receive: headers, encodings, attachments. ``stop()`` makes the port refuse connections, like a mail
server that is down; ``start()`` brings it back on the same port.
"""

import email
import email.policy
import socket
import time

import pytest
from aiosmtpd.controller import Controller

HOST = "127.0.0.1"


def free_port():
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


class SMTPServer:
    def __init__(self, port):
        self.port = port
        self.messages = []  # email.message.EmailMessage, in the order received
        self.envelopes = []  # (MAIL FROM, [RCPT TO…]) of each message
        self._controller = None

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd's handler hook
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        self.messages.append(email.message_from_bytes(envelope.original_content, policy=email.policy.default))
        return "250 Message accepted for delivery"

    @property
    def running(self):
        return self._controller is not None

    def start(self):
        if self.running:
            return
        # server_hostname spares aiosmtpd a (possibly slow) lookup of the machine's fully qualified name.
        self._controller = Controller(self, hostname=HOST, port=self.port, server_hostname="localhost")
        self._controller.start()

    def stop(self):
        if not self.running:
            return
        controller, self._controller = self._controller, None
        controller.stop()
        controller.loop.close()

    def wait_for(self, count, timeout=5.0):
        """The messages received once there are at least ``count`` of them (fails after ``timeout`` seconds)."""
        deadline = time.monotonic() + timeout
        while len(self.messages) < count:
            if time.monotonic() > deadline:
                raise AssertionError(f"expected {count} message(s) on the test SMTP server, got {len(self.messages)}")
            time.sleep(0.01)
        return self.messages


@pytest.fixture
def smtp_server(settings):
    """A running SMTP server that Django sends mail to; its ``messages`` are what it received."""
    server = SMTPServer(free_port())
    server.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = HOST
    settings.EMAIL_PORT = server.port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 3
    yield server
    server.stop()
