"""A document in a private collection reaches nobody who is not allowed: Wagtail's serve
view checks the collection's view restriction, and the development media server does not
hand out the documents folder (in production the proxy serves only images, README)."""

from django.core.files.base import ContentFile

from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

import pytest

from tests.factories import ImageFactory
from tests.makers import make_user

SECRET = b"%PDF-1.4 children's ledger"


@pytest.fixture
def private_document(db):
    collection = Collection.get_first_root_node().add_child(name="内部资料")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = get_document_model()(title="台账", collection=collection)
    document.file.save("ledger.pdf", ContentFile(SECRET))
    return document


@pytest.mark.urls("tests.cms.urls_serve_media")
def test_anonymous_visitors_get_no_private_document(client, private_document):
    served = client.get(private_document.url)
    assert served.status_code == 302, "Wagtail's document view served a private document"
    # To a sign-in page (Wagtail's front-end login URL, whichever view that is).
    assert "login" in served["Location"], f"sent to {served['Location']}, not to sign in"

    media = client.get("/media/" + private_document.file.name)
    assert media.status_code == 404, "the media server hands out documents"
    assert SECRET not in b"".join(getattr(media, "streaming_content", [media.content]))


@pytest.mark.urls("tests.cms.urls_serve_media")
def test_the_media_server_refuses_documents_by_any_path(client, private_document):
    name = private_document.file.name.split("/", 1)[1]
    for path in (f"images/../documents/{name}", f"./documents/{name}", f"/documents/{name}"):
        assert client.get(f"/media/{path}").status_code == 404, f"/media/{path} was served"


@pytest.mark.urls("tests.cms.urls_serve_media")
def test_the_media_server_still_serves_images(client, db):
    image = ImageFactory()

    assert client.get(image.file.url).status_code == 200, "an original image was not served"
    rendition = image.get_rendition("fill-360x240")
    assert client.get(rendition.url).status_code == 200, "a rendition was not served"


def test_a_signed_in_person_may_open_a_login_restricted_document(client, private_document):
    client.force_login(make_user())
    response = client.get(private_document.url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == SECRET
