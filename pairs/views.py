"""A caring mother's view of a child she is paired with."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from pairs.selectors.pairs import paired_child_or_404


@login_required
def pair_detail(request: HttpRequest, pair_id: int) -> HttpResponse:
    paired = paired_child_or_404(request.user, pair_id)
    return render(request, "pairs/pair_detail.html", {"paired": paired})
