"""An office photo is described by a person: its file name is refused as a description."""

import pytest
from django.core.exceptions import ValidationError

from offices.factories import OfficePageFactory
from pages.factories import ImageFactory

pytestmark = pytest.mark.django_db


def test_the_file_name_is_refused_as_the_photo_description():
    photo = ImageFactory(title="facade_bureau", file__filename="facade_bureau.png")
    office = OfficePageFactory.build(photo=photo, photo_alt="Facade bureau")
    with pytest.raises(ValidationError) as raised:
        office.clean()
    assert "nom du fichier" in raised.value.message_dict["photo_alt"][0]
    office.photo_alt = "La porte vitrée de l'accueil, au rez-de-chaussée"
    office.clean()
