"""The pairs side's places in the rest of the site: its items in the people back office's menu,
its sections of a child's and a mother's back-office pages (pair history; her pairs and the
children who need her) and its action on a child's page (moving county), its sections of
``/me/`` and its part of a person's data download (hooks the people side calls, see
``people.wagtail_hooks``, ``people.admin.base.inspect_sections``, ``people.admin.children``,
``people.views.me`` and ``people.personal_data``)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from wagtail import hooks
from wagtail.admin.widgets import Button

from pairs.admin.adjustments import AdjustmentFlagViewSet
from pairs.admin.concerns import ConcernViewSet
from pairs.admin.donations import DonationViewSet
from pairs.admin.festivals import FestivalViewSet
from pairs.admin.followups import FollowUpCallViewSet
from pairs.admin.ledgers import LedgerViewSet
from pairs.admin.matching import WaitingViewSet
from pairs.admin.overdue import OverdueViewSet
from pairs.admin.pairs import PairViewSet
from pairs.admin.sections import child_pair_history, volunteer_pairs
from pairs.admin.visits import VisitViewSet
from pairs.personal_data import concerns_of, pairs_of, visits_of
from pairs.selectors.pairs import own_active_pairs, paired_children
from pairs.selectors.visits import due_for_mother
from people.roles import may_manage_county
from people.views.me import MeSection

ORDER_PAIRS = 30  # after her application, before her children
ORDER_VISITS_DUE = 31  # right after the children she cares for

# The people back office's menu, in the order of a coordinator's day: her pairs, the children
# waiting for a mother, visits and what is overdue, concerns, her calls, pairs to review; the
# ledgers; festivals (city staff) last.
MENU = (
    (30, PairViewSet),
    (31, WaitingViewSet),
    (32, VisitViewSet),
    (33, OverdueViewSet),
    (34, ConcernViewSet),
    (35, FollowUpCallViewSet),
    (36, AdjustmentFlagViewSet),
    (60, LedgerViewSet),
    (70, DonationViewSet),
    (85, FestivalViewSet),
)
for order, viewset in MENU:
    hooks.register("register_people_admin_viewset", lambda o=order, v=viewset: (o, v))

hooks.register("child_admin_sections", child_pair_history)
hooks.register("volunteer_admin_sections", volunteer_pairs)


@hooks.register("people_child_admin_buttons")
def child_move_button(request, child):
    if child.anonymised_at or not may_manage_county(request.user, child.county_id):
        return []
    url = reverse("people_adjustments:move-child", args=[child.pk])
    return [Button(_("Move to another county"), url=url, icon_name="arrow-right", priority=50)]


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
