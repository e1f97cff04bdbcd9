"""The home page's live figures: shown when the programme has some, counts only (no name),
cached (a second render runs no figure query)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from figures.home import home_figures
from tests import factories
from tests.figures.world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def home():
    return factories.home_page()


def test_the_home_page_shows_the_figures_and_no_name(client, home):
    build_world()
    html = client.get(home.url).content.decode()
    assert "home-figures" in html
    numbers = dict(home_figures())
    assert list(numbers.values()) == [4, 3, 1, 1, 3]  # mothers, paired, trainings, classes, visits
    for name in ("甲0", "甲1", "乙一", "甲家", "用户"):
        assert name not in html.split("home-figures")[1].split("</section>")[0]


def test_without_figures_the_home_page_shows_none(client, home):
    assert "home-figures" not in client.get(home.url).content.decode()


def test_a_second_render_runs_no_figure_query(client, home):
    build_world()
    client.get(home.url)
    with CaptureQueriesContext(connection) as second:
        client.get(home.url)
    figure_tables = ("people_volunteer", "pairs_pair", "pairs_visit", "enrollment_booking")
    assert not [q for q in second.captured_queries if any(t in q["sql"] for t in figure_tables)]
