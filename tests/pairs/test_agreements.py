"""Safety agreements (安全责任书): recorded on the pair's page, the scan checked by content and
size, kept outside the public media folder, served only to the pair's county staff with the
right headers; a pair without one says so on every list of pairs."""

import datetime as dt
import io
import struct
import zlib
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

import pytest

from pairs import services as pair_services
from pairs.models import SafetyAgreement
from people.errors import DomainError
from people.models import AuditEntry
from tests.makers import make_child, make_mother, make_pair
from tests.support import assert_same_queries, queries_to_render

pytestmark = pytest.mark.usefixtures("in_english")

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def png() -> bytes:
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    return Path(settings.PRIVATE_MEDIA_ROOT)


@pytest.fixture
def pair_a(county_a, child_a, coordinator_a):
    return make_pair(make_mother(county_a, name="周妈妈"), child_a, actor=coordinator_a)


def record(pair, actor, **kwargs):
    kwargs.setdefault("signed_on", timezone.localdate())
    kwargs.setdefault("signed_by", "王大爷")
    return pair_services.agreement_record(actor=actor, pair=pair, **kwargs)


def test_the_coordinator_records_an_agreement_with_a_scan(client_a, pair_a, private_root):
    response = client_a.post(
        reverse("people_pairs:agreement", args=[pair_a.pk]),
        {
            "signed_on": timezone.localdate().isoformat(),
            "signed_by": "王大爷",
            "scan": SimpleUploadedFile("王小明的责任书.pdf", PDF, "application/pdf"),
        },
    )

    assert response.status_code == 302
    agreement = SafetyAgreement.objects.get()
    assert agreement.signed_by == "王大爷"
    assert agreement.scan_content_type == "application/pdf"
    assert "王小明" not in agreement.scan.name, "the uploaded name is not kept"
    stored = private_root / agreement.scan.name
    assert stored.read_bytes() == PDF


def test_the_guardians_name_is_encrypted_at_rest(pair_a, coordinator_a):
    from django.db import connection

    agreement = record(pair_a, coordinator_a)

    with connection.cursor() as cursor:
        cursor.execute("SELECT signed_by FROM pairs_safetyagreement WHERE id = %s", [agreement.pk])
        raw = cursor.fetchone()[0]
    assert "王大爷" not in str(raw)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("scan.pdf", b"just some text, not a PDF"),
        ("scan.png", b"<html><script>alert(1)</script></html>"),
        ("scan.jpg", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"),  # a GIF is not accepted
    ],
)
def test_a_scan_is_checked_by_its_content_not_its_name(pair_a, coordinator_a, name, content):
    with pytest.raises(DomainError) as error:
        record(pair_a, coordinator_a, scan=SimpleUploadedFile(name, content))

    assert error.value.field == "scan"
    assert not SafetyAgreement.objects.exists()


def test_a_photo_or_a_pdf_is_accepted_whatever_its_name(pair_a, coordinator_a):
    photo = record(pair_a, coordinator_a, scan=SimpleUploadedFile("scan.bin", png()))
    assert photo.scan_content_type == "image/png"
    assert photo.scan.name.endswith(".png")


def test_a_scan_over_the_size_limit_is_refused(settings, pair_a, coordinator_a):
    settings.PAIRS_AGREEMENT_MAX_BYTES = 100
    big = SimpleUploadedFile("scan.pdf", PDF + b"0" * 200)

    with pytest.raises(DomainError) as error:
        record(pair_a, coordinator_a, scan=big)

    assert error.value.field == "scan"
    assert "too big" in error.value.message


def test_an_agreement_needs_who_signed_and_a_date_not_in_the_future(pair_a, coordinator_a):
    with pytest.raises(DomainError) as error:
        record(pair_a, coordinator_a, signed_by="  ")
    assert error.value.field == "signed_by"
    with pytest.raises(DomainError) as error:
        record(pair_a, coordinator_a, signed_on=timezone.localdate() + dt.timedelta(days=1))
    assert error.value.field == "signed_on"


def test_another_countys_coordinator_cannot_record_one(pair_a, coordinator_b):
    with pytest.raises(DomainError):
        record(pair_a, coordinator_b)


def test_the_scan_is_stored_outside_the_public_media_folder(settings, pair_a, coordinator_a):
    agreement = record(pair_a, coordinator_a, scan=SimpleUploadedFile("s.pdf", PDF))

    path = Path(agreement.scan.path).resolve()
    assert not path.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert path.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
    with pytest.raises(ValueError):
        agreement.scan.url  # noqa: B018 - no public URL exists


def test_the_scan_is_served_with_safe_headers_and_audited(client_a, pair_a, coordinator_a):
    pdf = record(pair_a, coordinator_a, scan=SimpleUploadedFile("s.pdf", PDF))
    photo = record(pair_a, coordinator_a, scan=SimpleUploadedFile("s.png", png()))

    response = client_a.get(reverse("people_pairs:agreement_scan", args=[pdf.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF
    entry = AuditEntry.objects.latest("pk")
    assert (entry.action, entry.object_id) == (AuditEntry.Action.VIEW, str(pdf.pk))

    response = client_a.get(reverse("people_pairs:agreement_scan", args=[photo.pk]))
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline")


def test_another_county_gets_a_404_for_the_scan_and_the_attempt_is_audited(
    client, coordinator_b, pair_a, coordinator_a
):
    from tests.makers import signed_in

    agreement = record(pair_a, coordinator_a, scan=SimpleUploadedFile("s.pdf", PDF))
    signed_in(client, coordinator_b)

    response = client.get(reverse("people_pairs:agreement_scan", args=[agreement.pk]))

    assert response.status_code == 404
    entry = AuditEntry.objects.latest("pk")
    assert (entry.action, entry.actor) == (AuditEntry.Action.DENIED, coordinator_b)


def test_a_pair_without_an_agreement_says_so_on_the_pairs_list_and_pages(
    client_a, pair_a, coordinator_a
):
    mother = pair_a.mother
    pages = [
        "/admin/people/pairs/",
        reverse("people_pairs:inspect", args=[pair_a.pk]),
        reverse("people_volunteers:inspect", args=[mother.pk]),
    ]
    for page in pages:
        assert "No safety agreement" in client_a.get(page).content.decode(), page

    record(pair_a, coordinator_a)

    for page in pages:
        assert "No safety agreement" not in client_a.get(page).content.decode(), page


def test_the_pairs_list_runs_the_same_queries_with_or_without_agreements(
    client_a, county_a, coordinator_a
):
    def add(names, signed):
        for name in names:
            pair = make_pair(make_mother(county_a), make_child(county_obj=county_a, name=name))
            if signed:
                record(pair, coordinator_a)

    add(["王一"], signed=False)
    small = queries_to_render(client_a, "/admin/people/pairs/")
    add(["王二", "王三"], signed=True)
    add(["王四", "王五"], signed=False)
    large = queries_to_render(client_a, "/admin/people/pairs/")

    assert_same_queries(small, large, "the pairs list")


def test_the_agreement_form_uploads_files(client_a, pair_a):
    page = client_a.get(reverse("people_pairs:agreement", args=[pair_a.pk])).content.decode()
    assert 'enctype="multipart/form-data"' in page


def test_an_io_scan_is_read_from_its_start(pair_a, coordinator_a):
    upload = SimpleUploadedFile("s.pdf", PDF)
    upload.file = io.BytesIO(PDF)
    upload.file.seek(10)

    agreement = record(pair_a, coordinator_a, scan=upload)

    assert agreement.scan_content_type == "application/pdf"


def test_her_pairs_on_her_volunteer_page_are_an_audited_read_of_children(client_a, pair_a):
    client_a.get(reverse("people_volunteers:inspect", args=[pair_a.mother.pk]))

    entry = AuditEntry.objects.filter(action=AuditEntry.Action.VIEW).latest("pk")
    assert (entry.object_id, entry.children_shown) == (str(pair_a.mother.pk), 1)
