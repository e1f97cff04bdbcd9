"""Recruitment (招募): the public page about becoming a caring mother, and the application."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from people import services
from people.forms.errors import add_domain_error
from people.forms.volunteers import VolunteerApplicationForm
from people.models import Volunteer
from people.selectors import applications as selectors

# An application in one of these states is shown, not offered again as a form.
SETTLED = (Volunteer.Status.SUBMITTED, Volunteer.Status.APPROVED)


def volunteer_about(request: HttpRequest) -> HttpResponse:
    application = selectors.own_application(request.user) if request.user.is_authenticated else None
    return render(
        request,
        "people/volunteer_about.html",
        {"application": application, "training_url": selectors.training_index_url()},
    )


@login_required
def volunteer_apply(request: HttpRequest) -> HttpResponse:
    application = selectors.own_application(request.user)
    if application is not None and application.status in SETTLED:
        return render(request, "people/volunteer_apply.html", {"application": application})

    if request.method == "POST":
        form = VolunteerApplicationForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                volunteer = services.volunteer_apply(
                    user=request.user, **(data | {"skills": list(data["skills"])})
                )
            except services.DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "Thank you! Your application has gone to the women's federation of "
                        "%(county)s. You can follow it on this page."
                    )
                    % {"county": volunteer.county.name},
                )
                return redirect("people:me")
    else:
        form = VolunteerApplicationForm(
            initial=VolunteerApplicationForm.initial_for(request.user, application)
        )
    return render(
        request, "people/volunteer_apply.html", {"application": application, "form": form}
    )
