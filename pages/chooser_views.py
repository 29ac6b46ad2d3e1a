"""The chooser views behind ``pages.choosers``: Wagtail's image and document choosers, whose upload form starts
on the collection named by ``?collection=<id>`` (an unknown id is ignored; the form's choices do not change)."""

from wagtail.documents import get_document_model_string
from wagtail.documents.views.chooser import (
    DocumentChooseResultsView,
    DocumentChooserUploadView,
    DocumentChooserViewSet,
    DocumentChooseView,
)
from wagtail.images import get_image_model
from wagtail.images.views.chooser import (
    ImageChooseResultsView,
    ImageChooserViewSet,
    ImageChooseView,
    ImageUploadView,
)
from wagtail.models import Collection

from .choosers import DOCUMENTS_VIEWSET, IMAGES_VIEWSET, PARAMETER


class StartInCollectionMixin:
    def start_collection(self):
        value = self.request.GET.get(PARAMETER, "")
        if not value.isdigit():
            return None
        return Collection.objects.filter(pk=int(value)).first()

    def get_creation_form_kwargs(self):
        kwargs = super().get_creation_form_kwargs()
        collection = self.start_collection()
        if collection is not None and "data" not in kwargs:
            kwargs["initial"] = {**kwargs.get("initial", {}), "collection": collection.pk}
        return kwargs


class ImageChooseInCollectionView(StartInCollectionMixin, ImageChooseView):
    pass


class ImageChooseResultsInCollectionView(StartInCollectionMixin, ImageChooseResultsView):
    pass


class ImageUploadInCollectionView(StartInCollectionMixin, ImageUploadView):
    pass


class DocumentChooseInCollectionView(StartInCollectionMixin, DocumentChooseView):
    pass


class DocumentChooseResultsInCollectionView(StartInCollectionMixin, DocumentChooseResultsView):
    pass


class DocumentUploadInCollectionView(StartInCollectionMixin, DocumentChooserUploadView):
    pass


class ImageInCollectionChooserViewSet(ImageChooserViewSet):
    choose_view_class = ImageChooseInCollectionView
    choose_results_view_class = ImageChooseResultsInCollectionView
    create_view_class = ImageUploadInCollectionView
    preserve_url_parameters = [*ImageChooserViewSet.preserve_url_parameters, PARAMETER]
    register_widget = False  # Wagtail's chooser stays the default for image fields


class DocumentInCollectionChooserViewSet(DocumentChooserViewSet):
    choose_view_class = DocumentChooseInCollectionView
    choose_results_view_class = DocumentChooseResultsInCollectionView
    create_view_class = DocumentUploadInCollectionView
    preserve_url_parameters = [*DocumentChooserViewSet.preserve_url_parameters, PARAMETER]
    register_widget = False  # Wagtail's chooser stays the default for document fields


image_viewset = ImageInCollectionChooserViewSet(
    IMAGES_VIEWSET, model=get_image_model(), url_prefix="images/chooser-in-collection"
)
document_viewset = DocumentInCollectionChooserViewSet(
    DOCUMENTS_VIEWSET, model=get_document_model_string(), url_prefix="documents/chooser-in-collection"
)
