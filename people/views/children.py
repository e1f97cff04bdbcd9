"""A guardian's children: consent to the privacy notice, then add, edit and remove.

Adding and editing answer the same whether or not the county already has a child of that
name and date of birth (the service marks a possible duplicate for the coordinator), and are
rate-limited (``CHILD_FORM_RATE_LIMIT``), so the form cannot be used to search the register."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from allauth.core import ratelimit

from people import services
from people.forms.children import ChildForm, PrivacyConsentForm
from people.forms.errors import add_domain_error
from people.selectors import children as selectors


@login_required
@require_http_methods(["GET", "POST"])
def privacy_consent(request: HttpRequest) -> HttpResponse:
    consent = selectors.current_privacy_consent(request.user)
    form = PrivacyConsentForm(request.POST if request.method == "POST" else None)
    if consent is None and request.method == "POST" and form.is_valid():
        services.privacy_consent_give(user=request.user)
        messages.success(request, _("Thank you. You can now add your child."))
        return redirect("people:child_add")
    return render(
        request,
        "people/privacy_consent.html",
        {"consent": consent, "form": form, "notice_version": settings.PRIVACY_NOTICE_VERSION},
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
    if selectors.current_privacy_consent(request.user) is None:
        return redirect("people:privacy_consent")
    form = ChildForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and _over_the_limit(request, form):
        return render(request, "people/child_form.html", {"form": form, "child": None}, status=429)
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        try:
            child = services.child_create(
                actor=request.user, guardian=request.user, county=fields.pop("county"), **fields
            )
        except services.DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("%(name)s has been added.") % {"name": child.name})
            return redirect("people:me")
    return render(request, "people/child_form.html", {"form": form, "child": None})


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
