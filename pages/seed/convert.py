"""Give an existing page a more specific type, in place: same id, URL, tree position, children and history.

Used by the seed when a later version gives a seeded URL its own page type (a generic content page becomes
the news index, say). Shared fields (title, slug, intro, SEO, note for editors…) are kept; the old type's own
fields that the new type lacks are dropped.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import Page, Revision

from pages.models import BasePage


@transaction.atomic
def convert_page(page, new_model):
    old = page.specific
    old_model = type(old)
    new = new_model(page_ptr_id=page.pk)
    for field in Page._meta.concrete_fields:
        setattr(new, field.attname, getattr(old, field.attname))
    shared = {f.attname for f in BasePage._meta.concrete_fields} - {f.attname for f in Page._meta.concrete_fields}
    new_fields = {f.attname for f in new_model._meta.concrete_fields}
    for name in shared & new_fields:
        setattr(new, name, getattr(old, name))
    new_ct = ContentType.objects.get_for_model(new_model)
    new.content_type = new_ct
    new.save_base(raw=True)  # inserts the new type's own row only; the wagtailcore_page row stays

    for field in old_model._meta.local_many_to_many:
        field.remote_field.through.objects.filter(**{field.m2m_field_name(): page.pk}).delete()
    old_model.objects.filter(pk=page.pk)._raw_delete(old_model.objects.db)
    Page.objects.filter(pk=page.pk).update(content_type=new_ct)
    Revision.objects.filter(base_content_type=ContentType.objects.get_for_model(Page), object_id=str(page.pk)).update(
        content_type=new_ct
    )
    converted = new_model.objects.get(pk=page.pk)
    revision = converted.save_revision()
    if page.live:
        revision.publish()
    return converted
