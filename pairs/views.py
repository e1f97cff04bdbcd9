"""A caring mother's view of a child she is paired with: what is due, her recent visits."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from pairs.selectors.pairs import paired_child_or_404
from pairs.selectors.visits import due_on_own_pair, recent_visits


@login_required
def pair_detail(request: HttpRequest, pair_id: int) -> HttpResponse:
    paired = paired_child_or_404(request.user, pair_id)
    context = {
        "paired": paired,
        "due": due_on_own_pair(request.user, pair_id),
        "visits": recent_visits(request.user, pair_id),
        "saved": "saved" in request.GET,
    }
    return render(request, "pairs/pair_detail.html", context)
