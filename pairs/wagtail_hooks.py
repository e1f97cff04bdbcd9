"""The pairs side's places in the rest of the site: its items in the people back office's menu
(pairs, children waiting for a mother), its sections of a child's and a mother's back-office
pages (pair history; her pairs and the children who need her), its section of ``/me/`` and
its part of a person's data download (hooks the people side calls, see
``people.wagtail_hooks``, ``people.admin.base.inspect_sections``, ``people.views.me`` and
``people.personal_data``)."""

from wagtail import hooks

from pairs.admin.ledgers import LedgerViewSet
from pairs.admin.matching import WaitingViewSet
from pairs.admin.pairs import PairViewSet
from pairs.admin.sections import child_pair_history, volunteer_pairs
from pairs.personal_data import pairs_of
from pairs.selectors.pairs import paired_children
from people.views.me import MeSection

ORDER_PAIRS = 30  # after her application, before her children


@hooks.register("register_people_admin_viewset")
def pairs_menu_item():
    return (30, PairViewSet)


@hooks.register("register_people_admin_viewset")
def waiting_children_menu_item():
    return (35, WaitingViewSet)


@hooks.register("register_people_admin_viewset")
def ledgers_menu_item():
    return (60, LedgerViewSet)


hooks.register("child_admin_sections", child_pair_history)
hooks.register("volunteer_admin_sections", volunteer_pairs)


@hooks.register("me_page_sections")
def me_pairs_section(request, my):
    """The children she cares for, once she is an approved mother (or still paired)."""
    children = paired_children(request.user)
    if not children and not (my.application and my.application.is_approved):
        return None
    return MeSection(ORDER_PAIRS, "pairs/me_pairs.html", {"paired_children": children})


@hooks.register("personal_data_sections")
def personal_data_pairs(user):
    return {"pairs": pairs_of(user)}
