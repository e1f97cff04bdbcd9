"""``/me/``: a person's own page, and a caring mother's view of a paired child."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from enrollment import selectors, selectors_bookings


@login_required
def me(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "enrollment/me.html",
        {
            "my": selectors.my_page(request.user, children_page=request.GET.get("page")),
            "bookings": selectors_bookings.my_bookings(request.user),
        },
    )


@login_required
def pair_detail(request: HttpRequest, pair_id: int) -> HttpResponse:
    paired = selectors.paired_child_or_404(request.user, pair_id)
    return render(request, "enrollment/pair_detail.html", {"paired": paired})
