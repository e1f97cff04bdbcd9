"""A broken picture uploaded in the Wagtail admin (a PNG cut short, as an interrupted upload
leaves it) gets a clear message on the form, not a server error."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

import pytest
from PIL import Image

from cms.models import CmsImage

BROKEN_IMAGE = "This picture is damaged or incomplete. Please upload it again."


def truncated_png(name: str = "cut.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.effect_noise((400, 300), 64).convert("RGB").save(buffer, format="PNG")
    data = buffer.getvalue()
    return SimpleUploadedFile(name, data[: len(data) // 2], content_type="image/png")


@pytest.fixture
def no_raise(editor_client):
    editor_client.raise_request_exception = False
    return editor_client


def _upload_form_errors(response) -> str:
    assert response.status_code != 500, "a truncated PNG upload was a server error"
    return str(response.context["form"].errors) if response.context else response.content.decode()


def test_the_add_image_form_refuses_a_truncated_png(no_raise):
    response = no_raise.post(
        reverse("wagtailimages:add"),
        {"title": "走访", "file": truncated_png(), "description": "爱心妈妈在孩子家中"},
    )

    errors = _upload_form_errors(response)
    assert response.status_code == 200, f"answered {response.status_code}"
    with translation.override("zh-hans"):
        assert translation.gettext(BROKEN_IMAGE) in errors, f"no clear message: {errors}"
    assert not CmsImage.objects.exists(), "a damaged picture was saved"


def test_the_multiple_upload_refuses_a_truncated_png(no_raise):
    response = no_raise.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": truncated_png(), "description": "爱心妈妈在孩子家中"},
        headers={"x-requested-with": "XMLHttpRequest"},
    )

    assert response.status_code != 500, "a truncated PNG upload was a server error"
    body = response.json()
    assert body["success"] is False, f"a damaged picture was accepted: {body}"
    assert not CmsImage.objects.exists(), "a damaged picture was saved"


def test_an_image_is_still_edited_without_uploading_it_again(editor_client):
    from tests.factories import ImageFactory

    image = ImageFactory()
    response = editor_client.post(
        reverse("wagtailimages:edit", args=[image.pk]),
        {
            "title": "新的标题",
            "description": "爱心妈妈在孩子家中",
            "collection": image.collection_id,
        },
    )

    assert response.status_code == 302, response.context["form"].errors
    image.refresh_from_db()
    assert image.title == "新的标题"
