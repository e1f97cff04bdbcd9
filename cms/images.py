"""The Wagtail admin's image form (``WAGTAILIMAGES_IMAGE_FORM_BASE``), used by the single
and the multiple upload alike: a picture that cannot be decoded (a PNG cut short by an
interrupted upload, a corrupt JPEG) is refused with a message, not a server error."""

from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from cms.models import CmsImage

BROKEN_IMAGE = _("This picture is damaged or incomplete. Please upload it again.")


class DecodedImageField(WagtailImageField):
    """Wagtail's image field, which decodes the picture to measure it; Pillow's decoding
    errors (OSError for a truncated file, SyntaxError and ValueError for corrupt chunks)
    become a form error."""

    def check_image_pixel_size(self, f) -> None:
        try:
            super().check_image_pixel_size(f)
        except (OSError, SyntaxError, ValueError) as error:
            raise ValidationError(BROKEN_IMAGE, code="invalid_image") from error


class ImageForm(BaseImageForm):
    file = DecodedImageField(
        label=capfirst(CmsImage._meta.get_field("file").verbose_name),
        widget=BaseImageForm.Meta.widgets["file"],
    )
