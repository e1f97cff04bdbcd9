"""A report's tables, from the same figures as the dashboard: one table per section
(mothers, children, pairs, trainings and classes, visits, donations) and, for the city, the
comparison between counties with a total row."""

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from cms.models import County
from figures.admin.sections import Links, comparison, donations_section, percent, sections
from figures.selectors.dashboard import dashboard_figures
from figures.selectors.scope import Scope
from pairs.selectors.donations import donations_total


@dataclass
class Table:
    title: str
    headers: list[str]
    rows: list[list] = field(default_factory=list)


def comparison_headers() -> list[str]:
    return [
        _("County"),
        _("Approved mothers"),
        _("Children"),
        _("Share paired"),
        _("Active pairs"),
        _("Visits"),
        _("Overdue"),
        _("Training sessions"),
        _("Class sessions"),
    ]


def report_tables(user, *, county_id: int | None, start: date, end: date) -> list[Table]:
    """The tables of the report on ``county_id`` (None: every county) for ``start``–``end``.
    ``user`` is the one who asked (the donations' scope); the county was checked when the job
    was made."""
    scope = Scope((county_id,) if county_id else None, start, end)
    figures = dashboard_figures(scope)
    links = Links(county_id, "")
    parts = [
        *sections(figures, links),
        donations_section(
            donations_total(user, county_id=county_id, start=start, end=end), links, start, end
        ),
    ]
    tables = [
        Table(part.title, [_("Figure"), _("Value")], [[f.label, f.value] for f in part.figures])
        for part in parts
    ]
    if county_id is None:
        names = dict(County.objects.filter(pk__in=figures.county_ids()).values_list("pk", "name"))
        rows = [[name, *values] for name, values in comparison(figures, names)]
        children = figures.total("children")
        rows.append(
            [
                _("Total"),
                figures.total("mothers")["status.approved"],
                children["children"],
                percent(children["paired"], children["children"]),
                figures.total("pairs")["active"],
                figures.total("visits")["visits"],
                figures.total("visits")["overdue"],
                figures.total("trainings")["sessions"],
                figures.total("classes")["sessions"],
            ]
        )
        tables.append(Table(_("Comparison between counties"), comparison_headers(), rows))
    return tables
