"""The pairs side's places in the rest of the site: its item in the people back office's menu,
its section of ``/me/`` and its part of a person's data download (hooks the people side
calls, see ``people.wagtail_hooks``, ``people.views.me`` and ``people.personal_data``)."""

from wagtail import hooks

from pairs.admin.pairs import PairViewSet
from pairs.personal_data import concerns_of, pairs_of, visits_of
from pairs.selectors.pairs import own_active_pairs, paired_children
from pairs.selectors.visits import due_for_mother
from people.views.me import MeSection

ORDER_PAIRS = 30  # after her application, before her children
ORDER_VISITS_DUE = 31  # right after the children she cares for


@hooks.register("register_people_admin_viewset")
def pairs_menu_item():
    return (30, PairViewSet)


@hooks.register("me_page_sections")
def me_pairs_section(request, my):
    """The children she cares for, once she is an approved mother (or still paired)."""
    children = paired_children(request.user)
    if not children and not (my.application and my.application.is_approved):
        return None
    return MeSection(ORDER_PAIRS, "pairs/me_pairs.html", {"paired_children": children})


@hooks.register("me_page_sections")
def me_visits_due_section(request, my):
    """The visits due on her active pairs, each with a button to log it."""
    if not own_active_pairs(request.user).exists():
        return None
    return MeSection(
        ORDER_VISITS_DUE,
        "pairs/me_visits_due.html",
        {"due_on_pairs": due_for_mother(request.user)},
        stylesheet="pairs/visits.css",
    )


@hooks.register("personal_data_sections")
def personal_data_pairs(user):
    return {"pairs": pairs_of(user), "visits": visits_of(user), "concerns": concerns_of(user)}
