import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0008_pending_content_block"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [
        migrations.AddField(
            model_name="siteidentity",
            name="description",
            field=models.TextField(
                blank=True,
                help_text=(
                    "Une ou deux phrases (150 caractères environ) que les moteurs de recherche affichent sous le "
                    "titre d'une page qui n'a ni description pour les moteurs de recherche ni introduction. Vide : "
                    "la phrase de présentation."
                ),
                verbose_name="Description du site",
            ),
        ),
        migrations.AddField(
            model_name="siteidentity",
            name="default_sharing_image",
            field=models.ForeignKey(
                blank=True,
                help_text=(
                    "Montrée quand une page est partagée sur les réseaux sociaux et n'a pas d'image de partage à "
                    "elle (ni d'image, pour une actualité). Format paysage, au moins 1200 × 630 pixels ; elle est "
                    "recadrée à ce format."
                ),
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="wagtailimages.image",
                verbose_name="Image de partage par défaut",
            ),
        ),
    ]
