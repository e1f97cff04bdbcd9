"""Fixtures shared by the booking tests of tests/enrollment/."""

import pytest

from tests.enrollment.attendance_support import at, joined
from tests.makers import make_mother


@pytest.fixture
def mother(lishi):
    """A mother of 离石区 approved 60 days ago, so sessions of the last weeks count for her."""
    return joined(make_mother(lishi, name="刘芳"), at(-60))
