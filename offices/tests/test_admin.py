"""Staff keep offices up to date in the admin: hours, closures, exceptional openings, with French errors."""

from datetime import time

from django.urls import reverse
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from offices.models import OfficeIndexPage, OfficePage


def office_form(**overrides):
    data = {
        "title": "Bureau de Ciney",
        "slug": "ciney",
        "editor_note": "",
        "intro": "",
        "commune": "Ciney",
        "street_address": "Rue de l'Exemple 2",
        "postal_code": "5590",
        "latitude": "50.296",
        "longitude": "5.1",
        "phone": "",
        "email": "ciney@example.org",
        "public_transport": "",
        "step_free_access": "oui",
        "access_notes": "",
        "languages": "français, arabe",
        "appointment": "sur-rendez-vous",
        "photo": "",
        "photo_alt": "",
        "opening_slots": inline_formset(
            [
                {"weekday": "0", "opens": "09:00", "closes": "12:00"},
                {"weekday": "0", "opens": "13:30", "closes": "16:00"},
            ]
        ),
        "exceptions": inline_formset(
            [
                {"kind": "closure", "start_date": "2027-07-19", "end_date": "2027-07-30", "reason": "congés d'été"},
                {
                    "kind": "opening",
                    "start_date": "2027-07-21",
                    "end_date": "",
                    "reason": "permanence",
                    "opens": "10:00",
                    "closes": "12:00",
                },
            ]
        ),
    }
    data.update(overrides)
    return nested_form_data(data)


class OfficeAdminTests(WagtailPageTestCase):
    def setUp(self):
        self.login()
        self.index = OfficeIndexPage.objects.get()

    def test_staff_create_an_office_with_its_hours_and_exceptions(self):
        self.assertCanCreate(self.index, OfficePage, office_form())
        office = OfficePage.objects.get(slug="ciney")
        self.assertEqual(
            [(slot.weekday, slot.opens, slot.closes) for slot in office.opening_slots.order_by("opens")],
            [(0, time(9), time(12)), (0, time(13, 30), time(16))],
        )
        self.assertEqual(sorted(office.exceptions.values_list("kind", flat=True)), ["closure", "opening"])

    def test_bad_hours_get_french_errors_and_nothing_is_saved(self):
        data = office_form(
            opening_slots=inline_formset([{"weekday": "0", "opens": "16:00", "closes": "09:00"}]),
            exceptions=inline_formset([{"kind": "closure", "start_date": "2027-07-19", "end_date": "", "reason": ""}]),
            latitude="50.3",
            longitude="",
        )
        url = reverse("wagtailadmin_pages:add", args=("offices", "officepage", self.index.pk))
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 200)
        content = response.content.decode()
        for message in [
            "L&#x27;heure de fermeture doit suivre l&#x27;heure d&#x27;ouverture",
            "Indiquez la raison de la fermeture",
            "Indiquez la latitude et la longitude, ou aucune des deux.",
        ]:
            self.assertIn(message, content)
        self.assertFalse(OfficePage.objects.filter(slug="ciney").exists())
