"""Every picture on the site is described: CmsImage's alt text is compulsory."""

import io

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.models import Collection

import pytest
from PIL import Image

from cms.models import CmsImage


def _png(name: str = "mothers.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), "orange").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_image_without_alt_text_fails_validation(db):
    image = CmsImage(
        title="走访", file=_png(), collection=Collection.get_first_root_node(), description=""
    )

    with pytest.raises(ValidationError) as excinfo:
        image.full_clean()

    assert "description" in excinfo.value.message_dict, (
        f"an image without alt text passed validation: {excinfo.value.message_dict}"
    )


def test_admin_image_upload_rejects_missing_alt_text(editor_client):
    response = editor_client.post(
        reverse("wagtailimages:add"), {"title": "走访", "file": _png(), "description": ""}
    )

    assert response.status_code == 200, "the upload was accepted (or failed oddly)"
    assert "description" in response.context["form"].errors, "no alt text error on the form"
    assert not CmsImage.objects.exists(), "an image without alt text was saved"


def test_admin_image_upload_with_alt_text_is_saved(editor_client):
    response = editor_client.post(
        reverse("wagtailimages:add"),
        {"title": "走访", "file": _png(), "description": "爱心妈妈在孩子家中辅导作业"},
    )

    assert response.status_code == 302, response.context["form"].errors
    image = CmsImage.objects.get()
    assert image.description == "爱心妈妈在孩子家中辅导作业"
