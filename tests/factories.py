"""Small factories for content items, used by the apps' tests."""

import datetime
import io

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from news.models import NewsIndexPage, NewsPage
from publications.models import PublicationFile, PublicationIndexPage, PublicationPage, PublicationType
from thematiques.models import ThematiquePage
from trainings.models import TrainingIndexPage, TrainingPage, TrainingSession


def theme(slug):
    return ThematiquePage.objects.get(slug=slug)


def make_image(title="Photo", size=(800, 450)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (10, 90, 112)).save(buffer, "PNG")
    image = get_image_model()(title=title, file=ImageFile(buffer, name=f"{title.lower().replace(' ', '-')}.png"))
    image.save()
    return image


def publish(index, page, themes=()):
    index.add_child(instance=page)
    page.thematiques.set(themes)
    page.save_revision().publish()
    return page


def make_news(title, published_on, themes=(), image=None, **fields):
    index = NewsIndexPage.objects.get()
    slug = fields.pop("slug", None) or f"news-{NewsPage.objects.count() + 1}"
    page = NewsPage(title=title, slug=slug, published_on=published_on, image=image, intro=f"Intro {title}", **fields)
    return publish(index, page, themes)


def make_training(title, sessions, themes=(), audiences=(), **fields):
    """``sessions``: (date, "09:30", "16:30") tuples."""
    index = TrainingIndexPage.objects.get()
    page = TrainingPage(
        title=title, slug=f"formation-{TrainingPage.objects.count() + 1}", intro=f"Intro {title}", **fields
    )
    for order, (day, start, end) in enumerate(sessions):
        page.sessions.add(
            TrainingSession(
                sort_order=order,
                date=day,
                starts_at=datetime.time.fromisoformat(start),
                ends_at=datetime.time.fromisoformat(end),
                place_name="Salle A",
                place_address="Rue de l'Exemple 1, 5000 Namur",
            )
        )
    page.audiences.set(audiences)
    return publish(index, page, themes)


def make_document(title, size=2048):
    document = get_document_model()(title=title)
    document.file.save(f"{title.lower().replace(' ', '-')}.pdf", ContentFile(b"%PDF-1.4\n" + b"0" * size), save=False)
    document.save()
    return document


def make_publication(title, year, type_name="Guide", themes=(), documents=(), **fields):
    index = PublicationIndexPage.objects.get()
    page = PublicationPage(
        title=title,
        slug=f"publication-{PublicationPage.objects.count() + 1}",
        year=year,
        publication_type=PublicationType.objects.get(name=type_name),
        intro=f"Intro {title}",
        **fields,
    )
    for order, document in enumerate(documents):
        page.files.add(PublicationFile(sort_order=order, document=document))
    return publish(index, page, themes)
