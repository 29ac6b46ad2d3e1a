"""Scheduled publication fires: one run of ``publish_scheduled`` puts live what is due and nothing else, and the
shipped timer, cron line and development server run it every minute."""

import configparser
import datetime
import importlib.util
import threading
import time
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from pages.models import StandardPage

ROOT = Path(__file__).resolve().parent.parent


def scheduled_page(parent, title, go_live_at):
    """A new page under the seeded tree, published with a go-live date as the admin's "Publier" does with one:
    the revision is approved to go live at that time and the page stays a draft until then."""
    page = parent.add_child(instance=StandardPage(title=title, intro="Une introduction.", live=False))
    page.go_live_at = go_live_at
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.mark.django_db
def test_a_page_due_in_the_past_minute_goes_live_after_one_run_and_a_future_one_does_not(page_at):
    parent = page_at("/presentation/")
    now = timezone.now()
    with time_machine.travel(now - datetime.timedelta(minutes=10), tick=False):  # scheduled earlier today
        due = scheduled_page(parent, "Due", now - datetime.timedelta(seconds=30))
        later = scheduled_page(parent, "Plus tard", now + datetime.timedelta(minutes=10))
    assert not due.live and due.get_latest_revision().approved_go_live_at == due.go_live_at
    assert not later.live and later.get_latest_revision().approved_go_live_at == later.go_live_at

    with time_machine.travel(now, tick=False):
        call_command("publish_scheduled")

    due.refresh_from_db()
    later.refresh_from_db()
    assert due.live and due.live_revision == due.get_latest_revision()
    assert due.get_latest_revision().approved_go_live_at is None
    assert not later.live and later.get_latest_revision().approved_go_live_at is not None
    assert StandardPage.objects.live().filter(pk=due.pk).exists()

    with time_machine.travel(now + datetime.timedelta(minutes=11), tick=False):
        call_command("publish_scheduled")
    later.refresh_from_db()
    assert later.live


def test_the_systemd_timer_runs_publish_scheduled_every_minute():
    service = configparser.ConfigParser(strict=False, interpolation=None)
    service.read(ROOT / "deploy/cai-publish.service")
    assert service["Service"]["ExecStart"].endswith("manage.py publish_scheduled")
    assert service["Service"]["Type"] == "oneshot"
    timer = configparser.ConfigParser(interpolation=None)
    timer.read(ROOT / "deploy/cai-publish.timer")
    assert timer["Timer"]["OnCalendar"] == "minutely"
    assert timer["Install"]["WantedBy"] == "timers.target"


def test_the_crontab_runs_publish_scheduled_every_minute():
    lines = [line.split() for line in (ROOT / "deploy/crontab.example").read_text().splitlines()]
    jobs = [line for line in lines if line and not line[0].startswith("#")]
    publish = [job for job in jobs if "publish_scheduled" in job]
    assert len(publish) == 1
    assert publish[0][:5] == ["*", "*", "*", "*", "*"]


def load_dev_script():
    spec = importlib.util.spec_from_file_location("dev_script", ROOT / "scripts/dev.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_development_server_runs_publish_scheduled_every_minute():
    dev = load_dev_script()
    assert dev.PUBLISH_INTERVAL == 60
    assert dev.start_scheduler.__defaults__ == (60, dev.publish_scheduled_once)


def test_the_development_scheduler_runs_at_once_then_each_interval_until_stopped():
    dev = load_dev_script()
    runs = []
    three_runs = threading.Event()

    def task():
        runs.append(1)
        if len(runs) == 3:
            three_runs.set()

    stop, thread = dev.start_scheduler(interval=0.01, task=task)
    assert three_runs.wait(timeout=5)
    stop.set()
    thread.join(timeout=5)
    assert not thread.is_alive()
    count = len(runs)
    time.sleep(0.05)
    assert len(runs) == count  # nothing runs after the stop


def test_the_development_scheduler_runs_once_at_start_and_stops_without_waiting_the_interval():
    dev = load_dev_script()
    ran = threading.Event()
    stop, thread = dev.start_scheduler(interval=3600, task=ran.set)
    assert ran.wait(timeout=5)
    stop.set()
    thread.join(timeout=5)
    assert not thread.is_alive() and thread.daemon


def test_the_development_scheduler_runs_the_publish_command(monkeypatch):
    dev = load_dev_script()
    calls = []

    class Done:
        returncode = 0

    monkeypatch.setattr(dev.subprocess, "run", lambda args, **kwargs: calls.append(args) or Done())
    assert dev.publish_scheduled_once() == 0
    assert calls == [[str(dev.venv_python()), str(dev.ROOT / "manage.py"), "publish_scheduled"]]
