"""The default storage when the media live in an S3-compatible bucket (several app servers: settings "Media on S3").

- Images and their renditions are public objects whose addresses are not signed: whole pages are cached, and a
  signed address kept in a cached page would expire while the page is still served.
- Documents (``documents/``) are private objects: only the app reads them, and Wagtail's document view
  (``WAGTAILDOCS_SERVE_METHOD = "serve_view"``) streams them after its own checks (private collections, view
  restrictions). Their bucket address answers 403.
- An uploaded SVG is a document that could run scripts, and a bucket cannot send the sandboxing
  Content-Security-Policy the app gives it (``cai_site.views.SVG_POLICY``): its address points to the app
  (``cai_site.views.serve_stored_svg``, URL name ``stored_svg``), which streams it with that header. In the bucket
  it is stored as an attachment too, in case someone opens its bucket address anyway.
- Like ``pages.storage.SafeFileSystemStorage``, each file written is noted for ``UploadFailureMiddleware``, so a
  failed upload removes its objects from the bucket. No partial object needs removing: S3 makes an object visible
  only once its upload is complete (and s3transfer aborts a multipart upload that fails).
"""

from django.urls import reverse
from storages.backends.s3 import S3Storage

from .storage import _written

PRIVATE_PREFIXES = ("documents/",)
SVG_SUFFIXES = (".svg", ".svgz")


def is_svg(name):
    return name.lower().endswith(SVG_SUFFIXES)


def is_private(name):
    return name.startswith(PRIVATE_PREFIXES)


class MediaS3Storage(S3Storage):
    """S3Storage with per-object ACLs (documents private, the rest public-read), unsigned addresses, SVGs served
    through the app, and the written files noted for a failed upload's clean-up."""

    querystring_auth = False  # public objects, addresses that never expire (cached pages)
    file_overwrite = False  # a new upload never replaces another file of the same name (as on disk)
    default_acl = None  # set per object below
    # (class attributes win over the AWS_* settings of the same meaning: storages.base.BaseStorage)

    def get_object_parameters(self, name):
        params = super().get_object_parameters(name)
        params["ACL"] = "private" if is_private(name) else "public-read"
        if is_svg(name):
            params["ContentDisposition"] = "attachment"
        return params

    def url(self, name, parameters=None, expire=None, http_method=None):
        if is_svg(name) and not is_private(name):
            return reverse("stored_svg", kwargs={"name": name})
        return super().url(name, parameters=parameters, expire=expire, http_method=http_method)

    def _save(self, name, content):
        name = super()._save(name, content)
        written = _written.get()
        if written is not None:
            written[name] = self
        return name
