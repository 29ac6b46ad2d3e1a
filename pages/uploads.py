"""Uploads that fail kindly: images and documents sent through the admin.

- Images are checked on upload (``SafeImageForm``, ``WAGTAILIMAGES_IMAGE_FORM_BASE``): a file Pillow cannot read
  (decompression bomb, truncated file, HTML behind a JPEG header, random bytes) or with more pixels than
  ``WAGTAILIMAGES_MAX_IMAGE_PIXELS`` is a French form error, never a 500; an SVG must be a drawing without scripts.
- A rendition of an image Pillow refuses (stored before these checks) becomes Wagtail's "not found" image, not a 500.
- ``pages.storage.SafeFileSystemStorage`` (``STORAGES["default"]``) leaves no partial file when writing fails (disk
  full, read-only folder) and notes what each request wrote; ``UploadFailureMiddleware`` removes what a failed upload
  wrote (disk, database error) and answers the editor in French. Replaced files are deleted only once the new one is
  committed (``SafeImageForm``, ``SafeDocumentForm``).
"""

import errno
import logging
import re
import struct
from xml.etree import ElementTree

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from PIL import Image as PillowImage
from PIL import ImageSequence
from wagtail.admin.views.generic.chooser import CreateViewMixin as ChooserCreateViewMixin
from wagtail.admin.views.generic.multiple_upload import AddView as MultipleUploadAddView
from wagtail.documents import get_document_model
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images import get_image_model
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm
from wagtail.images.models import Filter, SourceImageIOError
from wagtail.images.views.chooser import ImageUploadViewMixin

from .storage import files_written_in_request, remove_written_files

logger = logging.getLogger(__name__)

# What Pillow raises on a file it cannot read: its decompression-bomb guard, an unidentified or truncated file
# (OSError), a broken structure (SyntaxError, ValueError, EOFError…).
PILLOW_READ_ERRORS = (
    PillowImage.DecompressionBombError,
    PillowImage.DecompressionBombWarning,
    OSError,
    SyntaxError,
    ValueError,
    EOFError,
    IndexError,
    KeyError,
    struct.error,
)

NOT_AN_IMAGE = (
    "Ce fichier n'est pas une image lisible : il est endommagé, incomplet, ou ce n'est pas une image malgré son nom. "
    "Ouvrez-le dans un logiciel d'images, enregistrez-le à nouveau (JPEG, PNG ou WebP) et envoyez cette copie."
)


def french_number(number):
    """12345678 → "12 345 678" (narrow no-break spaces, French typography)."""
    return f"{number:,}".replace(",", "\u202f")


def max_image_pixels():
    return getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", None)


def pixel_limit_text(limit):
    """40000000 → "40 millions de pixels (par exemple 8000 × 5000)" — the limit as an editor reads it."""
    width = int((limit * 8 / 5) ** 0.5) // 100 * 100
    height = int(width * 5 / 8)
    if limit % 1_000_000 == 0:
        amount = f"{french_number(limit // 1_000_000)} millions de pixels"
    else:
        amount = f"{french_number(limit)} pixels"
    return f"{amount} (par exemple {french_number(width)}\u202f×\u202f{french_number(height)})"


def too_many_pixels_message(limit, pixels=None, frames=1):
    counted = "Cette image a trop de pixels" if pixels is None else f"Cette image compte {french_number(pixels)} pixels"
    if frames > 1:
        counted += f" (ses {frames} images d'animation comprises)"
    return (
        f"{counted} : le site accepte au plus {pixel_limit_text(limit)}. "
        "Réduisez-la dans un logiciel d'images avant de l'envoyer."
    )


# --- SVG: a drawing, never a document that runs code -------------------------------------------------------------

SVG_NAMESPACE = "http://www.w3.org/2000/svg"
XHTML_NAMESPACE = "http://www.w3.org/1999/xhtml"
# Elements that run code or embed another document.
SVG_FORBIDDEN_ELEMENTS = {"script", "foreignobject", "iframe", "embed", "object", "handler", "listener"}
# Addresses that run code or open a document when followed; compared without spaces, case or control characters.
SVG_FORBIDDEN_SCHEMES = ("javascript:", "vbscript:", "data:text/html", "data:application/xhtml", "data:image/svg")
_INVISIBLE = re.compile(r"[\s\x00-\x1f\x7f]+")


def _local_name(tag):
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _namespace(tag):
    return tag[1:].split("}", 1)[0] if isinstance(tag, str) and tag.startswith("{") else ""


def svg_problem(content):
    """Why the SVG bytes ``content`` cannot be published as an image, in French; None when it is a plain drawing."""
    if b"<?xml-stylesheet" in content:
        return "Ce fichier SVG appelle une feuille de style externe (« xml-stylesheet »)."
    try:
        root = ElementTree.fromstring(content)
    except ElementTree.ParseError:
        return "Ce fichier n'est pas un dessin SVG valide (XML illisible)."
    if root.tag != f"{{{SVG_NAMESPACE}}}svg":
        return (
            f"Ce fichier n'est pas un dessin SVG : il commence par « <{_local_name(root.tag)}> » au lieu de « <svg> »."
        )
    for element in root.iter():
        name = _local_name(element.tag)
        if name in SVG_FORBIDDEN_ELEMENTS or _namespace(element.tag) == XHTML_NAMESPACE:
            return f"Ce fichier SVG contient un élément « {name} », qui peut exécuter du code."
        for attribute, value in element.attrib.items():
            attribute_name = _local_name(attribute)
            if attribute_name.startswith("on"):
                return f"Ce fichier SVG contient un gestionnaire d'événement « {attribute_name} », qui exécute du code."
            compact = _INVISIBLE.sub("", value).lower()
            if any(scheme in compact for scheme in SVG_FORBIDDEN_SCHEMES):
                return f"Ce fichier SVG contient un lien qui exécute du code (attribut « {attribute_name} »)."
        if name == "style" and element.text and "javascript:" in _INVISIBLE.sub("", element.text).lower():
            return "Ce fichier SVG contient un style qui exécute du code."
    return None


# --- The image field and forms -----------------------------------------------------------------------------------


class SafeImageField(WagtailImageField):
    """Wagtail's image field, with French messages, the pixel limit in its help text, and a file Pillow cannot read
    (or an SVG with code) as a form error instead of an exception."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        formats = self.supported_formats_text
        limits = []
        if self.max_upload_size is not None:
            limits.append(filesizeformat(self.max_upload_size))
        if self.max_image_pixels is not None:
            limits.append(pixel_limit_text(self.max_image_pixels))
        self.help_text = f"Formats acceptés : {formats}."
        if limits:
            self.help_text += f" Au plus {' et '.join(limits)}."
        self.error_messages["invalid_image"] = NOT_AN_IMAGE
        self.error_messages["invalid_image_extension"] = f"Ce format n'est pas accepté. Formats acceptés : {formats}."
        self.error_messages["invalid_image_known_format"] = (
            "Ce fichier n'est pas une image .%(extension)s : son contenu est au format %(image_format)s. "
            "Renommez-le avec la bonne extension ou enregistrez-le à nouveau dans le bon format."
        )
        self.error_messages["file_too_large"] = "Ce fichier est trop lourd (%(file_size)s) : au plus %(max_filesize)s."
        self.error_messages["file_too_large_unknown_size"] = (
            f"Ce fichier est trop lourd : au plus {filesizeformat(self.max_upload_size)}."
            if self.max_upload_size is not None
            else "Ce fichier est trop lourd."
        )

    def check_image_pixel_size(self, f):
        if self.max_image_pixels is None:
            return
        width, height = f.image.get_size()
        frames = f.image.get_frame_count()
        if width * height * frames > self.max_image_pixels:
            raise ValidationError(
                too_many_pixels_message(self.max_image_pixels, width * height * frames, frames),
                code="file_too_many_pixels",
            )

    def to_python(self, data):
        try:
            f = super().to_python(data)
            if f is not None:
                self.check_content(f)
        except ValidationError:
            raise
        except (PillowImage.DecompressionBombError, PillowImage.DecompressionBombWarning) as error:
            limit = self.max_image_pixels or PillowImage.MAX_IMAGE_PIXELS
            raise ValidationError(too_many_pixels_message(limit), code="file_too_many_pixels") from error
        except PILLOW_READ_ERRORS as error:
            raise ValidationError(self.error_messages["invalid_image"], code="invalid_image") from error
        return f

    def check_content(self, f):
        """Read the whole file once, as a rendition would: a truncated or forged image fails here, not later."""
        f.seek(0)
        if f.image.format_name == "svg":
            problem = svg_problem(f.read())
            f.seek(0)
            if problem:
                raise ValidationError(
                    f"{problem} Il est refusé : enregistrez le dessin en « SVG simple », sans script ni lien actif "
                    "(par exemple depuis Inkscape), ou envoyez-le en PNG.",
                    code="unsafe_svg",
                )
            return
        with PillowImage.open(f) as image:
            if image.format == "PNG":
                image.verify()  # every chunk present with its checksum, without decoding the pixels
            elif image.format == "JPEG":
                image.draft(image.mode, (max(1, image.width // 8), max(1, image.height // 8)))
                image.load()  # decoded at 1/8 scale: all the data is read, an eighth of the memory
            else:
                for frame in ImageSequence.Iterator(image):
                    frame.load()
        f.seek(0)


class SafeImageForm(BaseImageForm):
    """The admin's image form (add, edit, multiple upload, chooser upload): ``SafeImageField`` for the file, and a
    replaced file deleted only once the new one is committed (Wagtail deletes it before the transaction ends)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            stock = self.fields["file"]
            self.fields["file"] = SafeImageField(label=stock.label, required=stock.required, widget=stock.widget)

    def save(self, commit=True):
        replaced = self.original_file if (commit and "file" in self.changed_data and self.original_file) else None
        if replaced:
            self.original_file = None  # keeps Wagtail from deleting it now
        instance = super().save(commit=commit)
        if replaced:
            instance.renditions.all().delete()  # their files go on commit (Wagtail's post_delete handler)
            delete_on_commit(replaced.storage, replaced.name)
        return instance


class SafeDocumentForm(BaseDocumentForm):
    """The admin's document form: a replaced file is deleted once the new one is committed (Wagtail deletes it
    before even saving the new one, so a failed save lost both)."""

    def save(self, commit=True):
        replaced = self.original_file if (commit and "file" in self.changed_data and self.original_file) else None
        if replaced:
            self.original_file = None
        instance = super().save(commit=commit)
        if replaced:
            delete_on_commit(replaced.storage, replaced.name)
        return instance


def delete_on_commit(storage, name):
    transaction.on_commit(lambda: storage.delete(name))


# --- Renditions of images stored before these checks --------------------------------------------------------------

_stock_filter_run = Filter.run


def _guarded_filter_run(self, image, output, source=None):
    try:
        return _stock_filter_run(self, image, output, source=source)
    except SourceImageIOError:
        raise
    except (PillowImage.DecompressionBombError, PillowImage.DecompressionBombWarning, OSError, SyntaxError) as error:
        logger.warning("Image %s could not be read to make a rendition: %s", getattr(image, "pk", None), error)
        raise SourceImageIOError(str(error)) from error


def install_rendition_guard():
    """Make a file Pillow refuses a "source image not found", which every Wagtail image tag draws as a broken image
    instead of failing the page (Wagtail has no hook around rendition making short of a custom image model)."""
    Filter.run = _guarded_filter_run


# --- The editor's answer when an upload fails on the server -----------------------------------------------------

CONTACT = "Rien n'a été enregistré. Prévenez l'administrateur du site."
DISK_FULL = "L'espace disque du serveur est plein : le fichier n'a pas pu être enregistré. " + CONTACT
READ_ONLY = "Le dossier des fichiers du serveur refuse l'écriture : le fichier n'a pas pu être enregistré. " + CONTACT
WRITE_FAILED = "Le serveur n'a pas pu écrire le fichier. " + CONTACT
DATABASE_FAILED = (
    "La base de données n'a pas pu enregistrer ce fichier. Rien n'a été enregistré : réessayez dans quelques "
    "minutes, et prévenez l'administrateur du site si cela se répète."
)


def failure_message(error):
    """The French message for a server-side failure of an upload, or None when it is not one."""
    if isinstance(error, DatabaseError):
        return DATABASE_FAILED
    if isinstance(error, OSError):
        if error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
            return DISK_FULL
        if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return READ_ONLY
        return WRITE_FAILED
    return None


class UploadFailureMiddleware:
    """An upload in the admin is all or nothing: its request runs in one transaction, and when saving fails on the
    server (disk full, read-only folder, database error) the transaction is rolled back, the files the request wrote
    are removed, and the editor reads why in French: a form error for the multiple uploader and the chooser, the
    page again with a message for the add and edit pages. Nothing saved before is touched."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_admin_upload(request):
            return self.get_response(request)
        with files_written_in_request():
            try:
                # A savepoint when already in a transaction (tests): a failure leaves the connection usable.
                with transaction.atomic():
                    response = self.get_response(request)
            except DatabaseError as error:  # the commit itself
                request.upload_failure = error
            failure = getattr(request, "upload_failure", None)
            if failure is None:
                return response
            logger.error("Upload failed on the server (%s): %s", request.path, failure, exc_info=failure)
            remove_written_files()
            return failure_response(request, failure_message(failure))

    def process_exception(self, request, exception):
        if not is_admin_upload(request) or failure_message(exception) is None:
            return None
        request.upload_failure = exception
        transaction.set_rollback(True)
        # Stands in for Django's 500 until the transaction is rolled back; __call__ answers instead.
        return HttpResponse(status=500)


def is_admin_upload(request):
    return (
        request.method == "POST"
        and request.content_type == "multipart/form-data"
        and request.path.startswith(reverse("wagtailadmin_home"))
    )


def failure_response(request, message):
    view_class = getattr(request.resolver_match.func, "view_class", None)
    if view_class is not None and issubclass(view_class, MultipleUploadAddView):
        return JsonResponse({"success": False, "error_message": message})  # as Wagtail answers an invalid file
    if view_class is not None and issubclass(view_class, ChooserCreateViewMixin):
        return chooser_form_response(request, view_class, message)
    messages.error(request, message)
    return HttpResponseRedirect(request.get_full_path(), status=303)


def chooser_form_response(request, view_class, message):
    """The chooser's upload tab again, with the message as the error of its file field."""
    match = request.resolver_match
    view = view_class(**match.func.view_initkwargs)
    view.setup(request, *match.args, **match.kwargs)
    view.model = get_image_model() if issubclass(view_class, ImageUploadViewMixin) else get_document_model()
    view.form = view.get_creation_form()
    view.form.is_valid()
    view.form.add_error("file", forms.ValidationError(message, code="server_failure"))
    return view.get_reshow_creation_form_response()
