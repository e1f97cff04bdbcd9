"""A guardian's children: consent to the privacy notice, then add, edit and remove.

A guardian who was booking a class when she found she had to add her child first comes back
to that booking afterwards: the booking page sends her here with ``?next=``, which goes
through the consent page and the form (a hidden field) and is followed once the child is
saved, if it is an address of this site.

Adding and editing answer the same whether or not the county already has a child of that
name and date of birth (the service marks a possible duplicate for the coordinator), and are
rate-limited (``CHILD_FORM_RATE_LIMIT``), so the form cannot be used to search the register."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from allauth.core import ratelimit

from people import services
from people.forms.children import ChildForm, PrivacyConsentForm
from people.forms.errors import add_domain_error
from people.selectors import children as selectors


def next_url(request: HttpRequest) -> str:
    """Where to go back to once the child is added: ``next`` if it is on this site, else ""."""
    url = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return url if safe else ""


def _with_next(name: str, next_: str) -> str:
    url = reverse(name)
    return f"{url}?{urlencode({'next': next_})}" if next_ else url


@login_required
@require_http_methods(["GET", "POST"])
def privacy_consent(request: HttpRequest) -> HttpResponse:
    consent = selectors.current_privacy_consent(request.user)
    form = PrivacyConsentForm(request.POST if request.method == "POST" else None)
    if consent is None and request.method == "POST" and form.is_valid():
        services.privacy_consent_give(user=request.user)
        messages.success(request, _("Thank you. You can now add your child."))
        return redirect(_with_next("people:child_add", next_url(request)))
    return render(
        request,
        "people/privacy_consent.html",
        {
            "consent": consent,
            "form": form,
            "notice_version": settings.PRIVACY_NOTICE_VERSION,
            "next": next_url(request),
            "child_add_url": _with_next("people:child_add", next_url(request)),
        },
    )


def _over_the_limit(request: HttpRequest, form: ChildForm) -> bool:
    """Count a submission; if there were too many, say so on the form."""
    if ratelimit.consume(request, action="child_form", user=request.user):
        return False
    form.add_error(
        None,
        _(
            "You have sent this form too many times in a short while. Please try again in "
            "an hour; if you need help, contact your county's women's federation."
        ),
    )
    return True


@login_required
@require_http_methods(["GET", "POST"])
def child_add(request: HttpRequest) -> HttpResponse:
    next_ = next_url(request)
    if selectors.current_privacy_consent(request.user) is None:
        return redirect(_with_next("people:privacy_consent", next_))
    form = ChildForm(request.POST if request.method == "POST" else None)
    context = {"form": form, "child": None, "next": next_}
    if request.method == "POST" and _over_the_limit(request, form):
        return render(request, "people/child_form.html", context, status=429)
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        try:
            child = services.child_create(
                actor=request.user, guardian=request.user, county=fields.pop("county"), **fields
            )
        except services.DomainError as error:
            add_domain_error(form, error)
        else:
            if next_:
                messages.success(
                    request,
                    _("%(name)s has been added. You can finish the booking now.")
                    % {"name": child.name},
                )
                return redirect(next_)
            messages.success(request, _("%(name)s has been added.") % {"name": child.name})
            return redirect("people:me")
    return render(request, "people/child_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def child_edit(request: HttpRequest, child_id: int) -> HttpResponse:
    child = selectors.own_child_or_404(request.user, child_id)
    name = child.name  # as saved: a refused change must not rename the page
    form = ChildForm(
        request.POST if request.method == "POST" else None, initial=ChildForm.initial_for(child)
    )
    context = {"form": form, "child": child, "name": name}
    if request.method == "POST" and _over_the_limit(request, form):
        return render(request, "people/child_form.html", context, status=429)
    if request.method == "POST" and form.is_valid():
        try:
            services.child_update(actor=request.user, child=child, **form.cleaned_data)
        except services.DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("%(name)s's details are saved.") % {"name": child.name})
            return redirect("people:me")
    return render(request, "people/child_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def child_delete(request: HttpRequest, child_id: int) -> HttpResponse:
    child = selectors.own_child_or_404(request.user, child_id)
    if request.method == "POST":
        name = child.name
        try:
            services.child_delete_by_guardian(child=child, guardian=request.user)
        except services.DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("%(name)s's record has been removed; only anonymous counts are kept.")
                % {"name": name},
            )
        return redirect("people:me")
    return render(request, "people/child_delete.html", {"child": child})
