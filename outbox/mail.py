"""The one way the site sends mail: stored in the caller's transaction, sent once it commits, retried until sent.

    with transaction.atomic():
        submission.save()
        queue_mail(kind="contact", to=[...], subject="…", body="…")

The mail is a row of ``OutgoingMail`` written in the same transaction as the caller's data: if the transaction
rolls back, there is neither a mail nor a send; if it commits, ``deliver`` sends it. A send that fails (SMTP
server down, refused, timeout…) is recorded and logged, never raised: the visitor still gets their confirmation
page, and ``send_pending_mail`` (from cron) retries every unsent mail.
"""

import logging
import mimetypes
import re
from collections import Counter

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone

from .models import OutgoingAttachment, OutgoingMail

logger = logging.getLogger("outbox")

SUBJECT_MAX_LENGTH = OutgoingMail._meta.get_field("subject").max_length
ERROR_MAX_LENGTH = OutgoingMail._meta.get_field("last_error").max_length

# Line breaks (CR, LF and the other characters str.splitlines() breaks on) and other control characters: in a
# header they could start a new header; they are replaced by one space.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]+")

# What deliver() and send_pending() report for each mail.
SENT, FAILED, ALREADY_SENT = "sent", "failed", "already-sent"


def single_line(text, max_length):
    return CONTROL_CHARACTERS.sub(" ", str(text)).strip()[:max_length].strip()


def address_list(addresses, name):
    # A bare string would be read as a list of characters, as EmailMessage refuses it.
    if isinstance(addresses, str):
        raise TypeError(f'"{name}" must be a list of addresses, not a string.')
    return [str(address).strip() for address in addresses]


def queue_mail(*, kind, to, subject, body, reply_to=(), attachments=(), from_email=None):
    """Store a mail and send it once the caller's transaction commits; returns the saved ``OutgoingMail``.

    Call it inside the transaction that stores what the mail is about. ``attachments`` are
    ``(filename, content, mimetype)`` tuples (content as bytes, or text encoded in UTF-8).
    """
    to = address_list(to, "to")
    if not to:
        raise ValueError("A mail needs at least one recipient.")
    mail = OutgoingMail.objects.create(
        kind=single_line(kind, OutgoingMail._meta.get_field("kind").max_length),
        from_email=single_line(from_email or settings.DEFAULT_FROM_EMAIL, 254),
        to=to,
        reply_to=address_list(reply_to, "reply_to"),
        subject=single_line(subject, SUBJECT_MAX_LENGTH),
        body=body,
    )
    OutgoingAttachment.objects.bulk_create(
        OutgoingAttachment(
            mail=mail,
            filename=single_line(filename, 200),
            mimetype=single_line(mimetype or mimetypes.guess_type(filename)[0] or "application/octet-stream", 100),
            content=content.encode() if isinstance(content, str) else bytes(content),
        )
        for filename, content, mimetype in attachments
    )
    # robust: should deliver() ever raise, the error is logged instead of reaching the visitor after the commit.
    # (A lambda, not functools.partial: Django names the callback by its __qualname__ when it logs that error.)
    transaction.on_commit(lambda: deliver(mail.pk), robust=True)
    return mail


def as_email_message(mail, connection=None):
    message = EmailMessage(
        subject=mail.subject,
        body=mail.body,
        from_email=mail.from_email,
        to=mail.to,
        reply_to=mail.reply_to,
        connection=connection,
    )
    for attachment in mail.attachments.all():
        # PostgreSQL returns a BinaryField as a memoryview.
        message.attach(attachment.filename, bytes(attachment.content), attachment.mimetype)
    return message


def describe_error(error):
    """A short description of a failed send for staff and logs, without the SMTP password."""
    text = f"{type(error).__name__}: {error}"
    if settings.EMAIL_HOST_PASSWORD:
        text = text.replace(settings.EMAIL_HOST_PASSWORD, "***")
    return single_line(text, ERROR_MAX_LENGTH)


def deliver(mail_id):
    """Send one stored mail unless it is sent already; return SENT, FAILED or ALREADY_SENT. Never raises."""
    try:
        with transaction.atomic():
            # On PostgreSQL the row stays locked until the result is saved, and a mail another process is sending
            # right now is skipped: two processes (the commit of a form and send_pending_mail from cron) never send
            # it both. SQLite has no row locks (Django leaves select_for_update out there) and lets one writer at a
            # time: re-reading the row and checking its status is enough for a development site.
            mail = OutgoingMail.objects.select_for_update(skip_locked=True).filter(pk=mail_id).first()
            if mail is None or mail.is_sent:
                return ALREADY_SENT  # sent already, being sent by another process, or deleted
            mail.attempts += 1
            try:
                sent = as_email_message(mail, connection=get_connection()).send()
                if not sent:
                    raise RuntimeError("the mail backend sent nothing")
            except Exception as error:  # any failure: SMTP down, refused, timeout, bad header…
                mail.status = OutgoingMail.Status.FAILED
                mail.last_error = describe_error(error)
                logger.warning(
                    "Mail %s (%s) not sent, attempt %s: %s", mail.pk, mail.kind, mail.attempts, mail.last_error
                )
            else:
                mail.status = OutgoingMail.Status.SENT
                mail.sent_at = timezone.now()
                mail.last_error = ""
            mail.save(update_fields=["status", "attempts", "last_error", "sent_at"])
            return SENT if mail.is_sent else FAILED
    except Exception:  # the database itself failed: the mail stays unsent and send_pending_mail will retry it
        logger.exception("Mail %s: could not read or record its delivery", mail_id)
        return FAILED


def send_pending(limit=None):
    """Try to send every unsent mail (pending or failed), oldest first; return the counts of each outcome."""
    unsent = OutgoingMail.objects.unsent().order_by("created_at", "pk").values_list("pk", flat=True)
    if limit is not None:
        unsent = unsent[:limit]
    counts = Counter({SENT: 0, FAILED: 0, ALREADY_SENT: 0})
    counts.update(deliver(mail_id) for mail_id in list(unsent))
    return counts


def purge_mail(cutoff):
    """Delete the mails created before ``cutoff`` (with their attachments); return how many mails."""
    _, deleted = OutgoingMail.objects.filter(created_at__lt=cutoff).delete()
    return deleted.get(OutgoingMail._meta.label, 0)
