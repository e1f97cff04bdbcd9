"""A caring mother's view of a child she is paired with: what is due, her recent visits, and
the three things she must know about the child (三必清), which she confirms one small form per
topic."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pairs.models import PairKnowledge
from pairs.selectors.pairs import knowledge_of, own_active_pair_or_404, paired_child_or_404
from pairs.selectors.visits import due_on_own_pair, recent_visits
from pairs.services import knowledge_confirm
from pairs.services.knowledge import NOTE_MAX_LENGTH
from people.errors import DomainError
from people.forms.errors import add_domain_error


class KnowledgeForm(forms.Form):
    topic = forms.ChoiceField(choices=PairKnowledge.Topic.choices, widget=forms.HiddenInput)
    note = forms.CharField(
        label=gettext_lazy("Short note for the women's federation"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def _form(known, data=None) -> KnowledgeForm:
    """The topic's own form; its fields' ids name the topic (three forms on one page)."""
    note = known.record.note if known.record else ""
    return KnowledgeForm(
        data, initial={"topic": known.topic, "note": note}, auto_id=f"id_{known.topic}_%s"
    )


@login_required
def pair_detail(request: HttpRequest, pair_id: int) -> HttpResponse:
    paired = paired_child_or_404(request.user, pair_id)
    pair = own_active_pair_or_404(request.user, pair_id)
    known_topics = knowledge_of(pair)
    posted_topic = request.POST.get("topic") if request.method == "POST" else None
    forms_by_topic = {known.topic: _form(known) for known in known_topics}
    if posted_topic in forms_by_topic:
        known = next(k for k in known_topics if k.topic == posted_topic)
        form = forms_by_topic[posted_topic] = _form(known, request.POST)
        if form.is_valid():
            try:
                knowledge_confirm(
                    actor=request.user,
                    pair=pair,
                    topic=form.cleaned_data["topic"],
                    note=form.cleaned_data["note"],
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("Thank you: confirmed."))
                return redirect("pairs:pair_detail", pair_id=pair_id)
    topics = [{"known": known, "form": forms_by_topic[known.topic]} for known in known_topics]
    context = {
        "paired": paired,
        "topics": topics,
        "due": due_on_own_pair(request.user, pair_id),
        "visits": recent_visits(request.user, pair_id),
        "saved": "saved" in request.GET,
    }
    return render(request, "pairs/pair_detail.html", context)
