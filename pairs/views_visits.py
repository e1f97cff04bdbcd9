"""A caring mother's pages about her visits: log a visit (三必访) on her phone and raise a
concern (家庭变故, 生活困难) on her pair. Both write through ``pairs.services``."""

import uuid
from datetime import timedelta

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pairs import services
from pairs.models import Festival, PairConcern, VisitKind
from pairs.selectors.pairs import own_active_pairs, paired_child_or_404
from pairs.selectors.visits import recent_visits
from people.errors import DomainError

TEXT = {"rows": 3, "maxlength": 1000}


class VisitForm(forms.Form):
    visited_on = forms.DateField(
        label=gettext_lazy("Date of the visit"),
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind of visit"), choices=VisitKind.choices, widget=forms.RadioSelect
    )
    festival = forms.ModelChoiceField(
        label=gettext_lazy("Which festival"),
        queryset=Festival.objects.none(),
        required=False,
        help_text=gettext_lazy("Only for a festival visit."),
    )
    what_was_done = forms.CharField(
        label=gettext_lazy("What we did"),
        widget=forms.Textarea(TEXT),
        max_length=1000,
        required=False,
    )
    needs_noticed = forms.CharField(
        label=gettext_lazy("Needs I noticed"),
        widget=forms.Textarea(TEXT),
        max_length=1000,
        required=False,
    )
    follow_up_wanted = forms.CharField(
        label=gettext_lazy("Follow-up wanted"),
        widget=forms.Textarea(TEXT),
        max_length=1000,
        required=False,
    )
    client_token = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["festival"].queryset = Festival.objects.filter(
            date__gte=today - timedelta(days=60), date__lte=today + timedelta(days=30)
        )


class ConcernForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("What happened"),
        choices=PairConcern.Kind.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=gettext_lazy("A few words"),
        widget=forms.Textarea(TEXT),
        max_length=1000,
        required=False,
    )


def _own_pair(request: HttpRequest, pair_id: int):
    paired = paired_child_or_404(request.user, pair_id)
    return paired, own_active_pairs(request.user).select_related("mother").get(pk=pair_id)


@login_required
def visit_new(request: HttpRequest, pair_id: int) -> HttpResponse:
    paired, pair = _own_pair(request, pair_id)
    if request.method == "POST":
        form = VisitForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.visit_log(actor=request.user, pair=pair, **data)
            except DomainError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(request, _("Your visit is saved. Thank you!"))
                return redirect(reverse("pairs:pair_detail", args=[pair.pk]) + "?saved=1")
    else:
        festival = request.GET.get("festival")
        form = VisitForm(
            initial={
                "visited_on": timezone.localdate(),
                "kind": request.GET.get("kind", VisitKind.HOME),
                "festival": festival if (festival or "").isdigit() else None,
                "client_token": uuid.uuid4(),
            }
        )
    # A draft kept in her phone (visit-draft.js) whose token was saved already is dropped.
    saved_tokens = " ".join(
        str(visit.client_token) for visit in recent_visits(request.user, pair.pk)
    )
    return render(
        request,
        "pairs/visit_form.html",
        {"paired": paired, "form": form, "saved_tokens": saved_tokens},
    )


@login_required
def concern_new(request: HttpRequest, pair_id: int) -> HttpResponse:
    paired, pair = _own_pair(request, pair_id)
    form = ConcernForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.concern_raise(actor=request.user, pair=pair, **form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(
                request,
                _("Thank you for telling us. A visit is now due; the county federation knows."),
            )
            return redirect("pairs:pair_detail", pair.pk)
    return render(request, "pairs/concern_form.html", {"paired": paired, "form": form})
