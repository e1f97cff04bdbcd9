"""/me/: how she wants to be told (email or text message), a section of her page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from people.errors import DomainError
from people.forms.notices import NotifyByForm
from people.services.notifications import channel_for, notify_by_set
from people.views.me import MeSection

ORDER_NOTICES = 55  # after her application, before her account


def notices_section(request, my) -> MeSection:
    user = request.user
    form = NotifyByForm(initial={"notify_by": channel_for(user) or user.NotifyBy.EMAIL})
    return MeSection(ORDER_NOTICES, "people/me/notices.html", {"notify_by_form": form})


@login_required
@require_POST
def notify_by(request: HttpRequest) -> HttpResponse:
    form = NotifyByForm(request.POST)
    if form.is_valid():
        try:
            notify_by_set(user=request.user, notify_by=form.cleaned_data["notify_by"])
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Saved: this is how we will tell you."))
    return redirect(reverse("people:me") + "#notices-heading")
