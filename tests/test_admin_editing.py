"""Editors create each kind of item through the Wagtail admin forms, without a developer."""

from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from news.models import NewsIndexPage, NewsPage
from publications.models import PublicationIndexPage, PublicationPage, PublicationType
from thematiques.models import ThematiquePage
from trainings.models import Audience, Organiser, TrainingIndexPage, TrainingPage

BASE = {"intro": "Une introduction.", "editor_note": ""}


class AdminCreationTests(WagtailPageTestCase):
    def setUp(self):
        self.login()
        self.sante = ThematiquePage.objects.get(slug="sante")

    def test_editor_creates_a_news_item_filed_under_a_thematique(self):
        data = nested_form_data(
            {
                **BASE,
                "title": "Nouvelle actualité",
                "slug": "nouvelle-actualite",
                "published_on": "2026-11-20",
                "image": "",
                "image_alt": "",
                "body": streamfield([("paragraph", rich_text("<p>Texte.</p>"))]),
                "source_url": "",
                "source_name": "",
            }
        )
        data["thematiques"] = [self.sante.pk]  # a multiple choice: one key, several values
        self.assertCanCreate(NewsIndexPage.objects.get(), NewsPage, data)
        self.assertEqual([t.slug for t in NewsPage.objects.get(slug="nouvelle-actualite").thematiques.all()], ["sante"])

    def test_editor_creates_a_training_with_sessions(self):
        data = nested_form_data(
            {
                **BASE,
                "title": "Nouvelle formation",
                "slug": "nouvelle-formation",
                "sessions": inline_formset(
                    [
                        {"date": "2026-12-01", "starts_at": "09:30", "ends_at": "16:30", "place_name": "Salle A"},
                        {"date": "2026-12-08", "starts_at": "09:30", "ends_at": "12:00", "online": True},
                    ],
                    min=1,
                ),
                "body": streamfield([]),
                "is_free": True,
                "price": "",
                "registration_mode": "on_request",
                "registration_deadline": "2026-11-25",
                "registration_url": "",
                "registration_email": "",
            }
        )
        data["audiences"] = [Audience.objects.first().pk]
        data["organisers"] = [Organiser.objects.get(name="CAI Namur").pk]
        data["thematiques"] = [self.sante.pk]
        self.assertCanCreate(TrainingIndexPage.objects.get(), TrainingPage, data)
        training = TrainingPage.objects.get(slug="nouvelle-formation")
        self.assertEqual([s.place_label for s in training.sorted_sessions()], ["Salle A", "En ligne"])
        self.assertEqual([a.name for a in training.audiences.all()], [Audience.objects.first().name])
        self.assertEqual([t.slug for t in training.thematiques.all()], ["sante"])

    def test_editor_creates_a_publication(self):
        data = nested_form_data(
            {
                **BASE,
                "title": "Nouveau guide",
                "slug": "nouveau-guide",
                "publication_type": PublicationType.objects.get(name="Guide").pk,
                "year": "2026",
                "authors": "L'équipe",
                "cover": "",
                "summary": rich_text("<p>Résumé.</p>"),
                "files": inline_formset([]),
                "external_url": "",
                "external_label": "",
            }
        )
        data["thematiques"] = [self.sante.pk]
        self.assertCanCreate(PublicationIndexPage.objects.get(), PublicationPage, data)

    def test_a_session_ending_before_it_starts_is_refused_in_french(self):
        data = nested_form_data(
            {
                **BASE,
                "title": "Formation mal datée",
                "slug": "formation-mal-datee",
                "sessions": inline_formset(
                    [{"date": "2026-12-01", "starts_at": "16:00", "ends_at": "09:00", "place_name": "Salle"}], min=1
                ),
                "body": streamfield([]),
                "is_free": True,
                "registration_mode": "none",
                "action-publish": "publish",
            }
        )
        index = TrainingIndexPage.objects.get()
        response = self.client.post(f"/admin/pages/add/trainings/trainingpage/{index.pk}/", data)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "L&#x27;heure de fin doit suivre l&#x27;heure de début.")
        self.assertFalse(TrainingPage.objects.filter(slug="formation-mal-datee").exists())
