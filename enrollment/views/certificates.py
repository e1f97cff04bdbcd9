"""A caring mother's training record (``/me/training/``), her certificates, and the public
page where anyone checks a certificate's verification code (no sign-in)."""

import re

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from enrollment.selectors import training
from enrollment.selectors.certificates import certificate_by_code, certificate_for
from people.models import Volunteer

# What a verification code is made of (digits, letters, dashes: see certificate_code).
CODE_CHARACTERS = re.compile(r"[0-9A-Za-z-]{1,64}")


def _volunteer(user) -> Volunteer | None:
    return Volunteer.objects.filter(user=user).first()


@login_required
def training_record(request: HttpRequest) -> HttpResponse:
    volunteer = _volunteer(request.user)
    return render(
        request,
        "enrollment/certificates/training_record.html",
        {"volunteer": volunteer, "record": training.training_record(volunteer)},
    )


@login_required
def certificate(request: HttpRequest, course_id: int) -> HttpResponse:
    found = certificate_for(_volunteer(request.user), course_id)
    if found is None:
        raise Http404
    return render(
        request,
        "enrollment/certificates/certificate.html",
        {"certificate": found, "verify_path": _verify_path(found.code)},
    )


def _verify_path(code: str) -> str:
    return reverse("enrollment:certificate_verify", args=[code])


def certificate_lookup(request: HttpRequest) -> HttpResponse:
    """A form to type a code in; sends to the code's page. Something that cannot be a code
    (a slash, say, which no code URL can hold) is answered "not found" right here."""
    code = request.GET.get("code", "").strip()
    if not code:
        return render(request, "enrollment/certificates/verify.html", {"lookup": True})
    if not CODE_CHARACTERS.fullmatch(code):
        return _verify_page(request, None, code[:100])
    return redirect(_verify_path(code))


def certificate_verify(request: HttpRequest, code: str) -> HttpResponse:
    return _verify_page(request, certificate_by_code(code), code)


def _verify_page(request: HttpRequest, found, code: str) -> HttpResponse:
    return render(
        request,
        "enrollment/certificates/verify.html",
        {"certificate": found, "code": code},
        status=200 if found else 404,
    )
