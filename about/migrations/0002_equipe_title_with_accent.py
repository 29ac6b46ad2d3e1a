"""The team page is titled "Équipe" (issue 10), no longer "Equipe" as the old site spelled it (issue 2).

Renames a team page titled exactly "Equipe": its title, its draft title and the title in its latest revision (so that
publishing the draft does not bring the old spelling back). A title staff changed is left alone; running it again
changes nothing. Going back leaves the accent (nothing to undo).
"""

from django.db import migrations
from django.db.models import Q

OLD_TITLE = "Equipe"
NEW_TITLE = "Équipe"


def add_accent(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Revision = apps.get_model("wagtailcore", "Revision")
    team_pages = Page.objects.filter(content_type__app_label="about", content_type__model="teampage")
    for page in team_pages.filter(Q(title=OLD_TITLE) | Q(draft_title=OLD_TITLE)):
        if page.title == OLD_TITLE:
            page.title = NEW_TITLE
        if page.draft_title == OLD_TITLE:
            page.draft_title = NEW_TITLE
        page.save(update_fields=["title", "draft_title"])
        revision = Revision.objects.filter(pk=page.latest_revision_id).first()
        if revision is not None and revision.content.get("title") == OLD_TITLE:
            revision.content["title"] = NEW_TITLE
            revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("about", "0001_initial"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(add_accent, migrations.RunPython.noop)]
