"""What the dashboard shows, built from ``dashboard_figures``: sections of figures, each
figure with a link to the back-office list behind it (with the same county, and the month for
visits), the charts with their tables, and the comparison between counties."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from courses.models import TrainingCoursePage
from figures.charts import Chart, bar_chart
from figures.selectors.dashboard import Figures
from figures.selectors.visits import months
from pairs.models import Pair, VisitKind
from people.models import Child, Sector, Volunteer

STAGES = TrainingCoursePage.Stage


@dataclass
class Figure:
    label: str
    value: object
    url: str = ""


@dataclass
class Section:
    title: str
    figures: list[Figure] = field(default_factory=list)


def percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "—"


class Links:
    """URLs of the back-office lists, with the dashboard's county (if one)."""

    def __init__(self, county_id: int | None, month: str):
        self.county = {"county": county_id} if county_id else {}
        self.month = month

    def __call__(self, name: str, **params) -> str:
        query = urlencode({**self.county, **{k: v for k, v in params.items() if v}})
        return reverse(f"{name}:index") + (f"?{query}" if query else "")


def sections(figures: Figures, links: Links) -> list[Section]:
    mothers, children = figures.total("mothers"), figures.total("children")
    pairs, visits = figures.total("pairs"), figures.total("visits")
    trainings, classes = figures.total("trainings"), figures.total("classes")
    volunteers = "people_volunteers"
    sessions = reverse("people_sessions:index") + "?when=recent"
    return [
        Section(
            _("Caring mothers"),
            [
                Figure(label, mothers[f"status.{value}"], links(volunteers, status=value))
                for value, label in Volunteer.Status.choices
            ]
            + [
                Figure(
                    _("Approved, %(sector)s") % {"sector": label},
                    mothers[f"sector.{value}"],
                    links(volunteers, status="approved", sector=value),
                )
                for value, label in Sector.choices
                if mothers[f"sector.{value}"]
            ],
        ),
        Section(
            _("Children"),
            [
                Figure(
                    _("Children on the register"), children["children"], links("people_children")
                ),
                Figure(_("Paired now"), children["paired"], links("people_pairs", status="active")),
                Figure(
                    _("Share paired"),
                    percent(children["paired"], children["children"]),
                    links("people_waiting"),
                ),
            ]
            + [
                Figure(
                    _("%(category)s (paired: %(paired)d)")
                    % {"category": label, "paired": children[f"paired.{value}"]},
                    children[f"category.{value}"],
                    links("people_children", category=value),
                )
                for value, label in Child.Category.choices
            ],
        ),
        Section(
            _("Pairs"),
            [
                Figure(_("Started in the period"), pairs["started"], links("people_pairs")),
                Figure(
                    _("Ended in the period"), pairs["ended"], links("people_pairs", status="ended")
                ),
                Figure(_("Active now"), pairs["active"], links("people_pairs", status="active")),
            ]
            + [
                Figure(
                    _("Ended: %(reason)s") % {"reason": label},
                    pairs[f"ended.{value}"],
                    links("people_pairs", status="ended"),
                )
                for value, label in Pair.EndReason.choices
                if pairs[f"ended.{value}"]
            ],
        ),
        Section(
            _("Trainings and classes"),
            [
                Figure(_("Trainings held"), trainings["courses"], sessions),
                Figure(_("Training sessions held"), trainings["sessions"], sessions),
                Figure(_("Attendance rate"), percent(trainings["present"], trainings["marked"])),
                Figure(_("Summer class sessions held"), classes["sessions"], sessions),
                Figure(_("Participants"), classes["participants"]),
                Figure(_("Seats filled"), percent(classes["taken"], classes["seats"])),
            ],
        ),
        Section(
            _("Visits"),
            [
                Figure(
                    _("Visits in the period"),
                    visits["visits"],
                    links("people_visits", month=links.month),
                ),
                Figure(_("Overdue visits now"), visits["overdue"], links("people_overdue")),
            ]
            + [
                Figure(
                    label,
                    visits[f"kind.{value}"],
                    links("people_visits", kind=value, month=links.month),
                )
                for value, label in VisitKind.choices
                if visits[f"kind.{value}"]
            ],
        ),
    ]


def charts(figures: Figures, county_names: dict[int, str]) -> list[Chart]:
    result = []
    if len(county_names) > 1:
        ids = sorted(county_names, key=county_names.get)
        result.append(
            bar_chart(
                _("Children and pairs by county"),
                [county_names[pk] for pk in ids],
                {
                    _("Children"): [figures.county("children", pk)["children"] for pk in ids],
                    _("Paired"): [figures.county("children", pk)["paired"] for pk in ids],
                },
                horizontal=True,
            )
        )
    visits = figures.total("visits")
    labels = months(visits)
    kinds = [(v, label) for v, label in VisitKind.choices if visits[f"kind.{v}"]]
    result.append(
        bar_chart(
            _("Visits per month"),
            labels,
            {label: [visits[f"month.{m}.{v}"] for m in labels] for v, label in kinds},
            stacked=True,
            no_data=_("No visit in the period"),
        )
    )
    trainings = figures.total("trainings")
    steps = (("booked", _("Booked")), ("attended", _("Attended")), ("completed", _("Completed")))
    result.append(
        bar_chart(
            _("Training completion by stage"),
            [label for _v, label in STAGES.choices],
            {name: [trainings[f"{step}.{v}"] for v, _l in STAGES.choices] for step, name in steps},
            horizontal=True,
        )
    )
    return result


def comparison(figures: Figures, county_names: dict[int, str]) -> list[tuple[str, list]]:
    """Per county: approved mothers, children, paired (share), active pairs, visits, overdue,
    training sessions, class sessions."""
    rows = []
    for pk in sorted(county_names, key=county_names.get):
        children = figures.county("children", pk)
        rows.append(
            (
                county_names[pk],
                [
                    figures.county("mothers", pk)["status.approved"],
                    children["children"],
                    percent(children["paired"], children["children"]),
                    figures.county("pairs", pk)["active"],
                    figures.county("visits", pk)["visits"],
                    figures.county("visits", pk)["overdue"],
                    figures.county("trainings", pk)["sessions"],
                    figures.county("classes", pk)["sessions"],
                ],
            )
        )
    return rows


def yuan(value) -> str:
    return _("%(value)s yuan") % {"value": f"{value:,.0f}"}


def donations_section(totals: dict, links: Links, start, end) -> Section:
    """社会捐赠 in the period (``pairs.selectors.donations.donations_total``), each sum linking
    to the donations list with the same county, kind and dates."""

    def link(kind: str = "") -> str:
        return links(
            "people_donations",
            kind=kind,
            date_after=start.isoformat(),
            date_before=end.isoformat(),
        )

    money, goods = totals["money"], totals["goods"]
    return Section(
        _("Donations"),
        [
            Figure(_("Donations received"), totals["count"], link()),
            Figure(_("Money donated"), yuan(money["value"]), link("money")),
            Figure(_("Goods donated (value)"), yuan(goods["value"]), link("goods")),
            Figure(_("Total value"), yuan(totals["value"]), link()),
        ],
    )
