"""The current time in Europe/Brussels. Tests replace ``now`` to move the clock."""

from django.utils import timezone


def now():
    return timezone.localtime()
