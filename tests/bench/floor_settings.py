"""Settings for ``rush.py --floor``: the site's settings with the booking POST replaced by a
view that does everything around a booking but the booking (see ``floor_urls``)."""

from cms.settings import *  # noqa: F403

ROOT_URLCONF = "tests.bench.floor_urls"
