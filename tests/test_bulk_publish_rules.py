"""The page listing's bulk « Publier » applies the same publishing rules as the edit form: an empty news item, a
training without session or a publication with nothing to read stay unpublished, with a French message."""

from html import unescape

import pytest
from django.contrib.messages import get_messages

from news.factories import NewsPageFactory
from news.models import NEWS_WITHOUT_TEXT
from publications.factories import PublicationPageFactory
from publications.models import EMPTY_PUBLICATION
from trainings.factories import TrainingPageFactory
from trainings.models import TRAINING_WITHOUT_SESSION, TRAINING_WITHOUT_TEXT

pytestmark = pytest.mark.django_db


def bulk_publish(client, page):
    return client.post(f"/admin/bulk/wagtailcore/page/publish/?id={page.pk}", {"include_descendants": ""})


def draft(page, **changes):
    """The page taken offline, with ``changes`` saved as its latest (draft) version."""
    page.unpublish()
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision()
    return page


@pytest.fixture
def superuser_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("chef", "chef@cai.example", "x"))
    return client


def test_an_empty_news_draft_is_not_published_in_bulk(superuser_client):
    news = draft(NewsPageFactory(title="Brève vide"), intro="", body=[])
    response = bulk_publish(superuser_client, news)
    assert response.status_code == 302
    news.refresh_from_db()
    assert not news.live
    assert [unescape(str(message)).strip() for message in get_messages(response.wsgi_request)] == [
        f"« Brève vide » : {NEWS_WITHOUT_TEXT}"
    ]


def test_a_news_draft_with_text_is_published_in_bulk(superuser_client):
    news = draft(NewsPageFactory(title="Brève écrite"), intro="Un texte à lire.")
    bulk_publish(superuser_client, news)
    news.refresh_from_db()
    assert news.live


def test_the_rules_read_the_latest_draft_not_the_live_version(superuser_client):
    news = NewsPageFactory(title="Brève publiée", intro="Un texte à lire.")
    news.intro = ""
    news.body = []
    revision = news.save_revision()
    bulk_publish(superuser_client, news)
    news.refresh_from_db()
    assert news.live_revision_id != revision.pk


def test_a_training_draft_without_session_or_text_is_not_published_in_bulk(superuser_client):
    training = draft(TrainingPageFactory(title="Formation vide"), intro="", body=[], sessions=[])
    response = bulk_publish(superuser_client, training)
    training.refresh_from_db()
    assert not training.live
    texts = [unescape(str(message)).strip() for message in get_messages(response.wsgi_request)]
    assert texts == [
        f"« Formation vide » : {TRAINING_WITHOUT_TEXT}",
        f"« Formation vide » : {TRAINING_WITHOUT_SESSION}",
    ]


def test_a_publication_draft_with_nothing_to_read_is_not_published_in_bulk(superuser_client):
    publication = draft(PublicationPageFactory(title="Publication vide"), summary="", intro="", external_url="")
    publication.files.all().delete()
    publication.save_revision()
    response = bulk_publish(superuser_client, publication)
    publication.refresh_from_db()
    assert not publication.live
    texts = [unescape(str(message)).strip() for message in get_messages(response.wsgi_request)]
    assert texts == [f"« Publication vide » : {EMPTY_PUBLICATION}"]
