"""The festivals: seeded for 2026–2028 by a data migration, kept by city staff only through
the service, and a festival visits were logged for cannot be deleted."""

import datetime as dt
import uuid

from django.conf import settings

import pytest

from cms.celery import app
from pairs import services
from pairs.models import Festival, VisitKind
from people.errors import DomainError
from tests.makers import make_child, make_mother, make_pair

pytestmark = pytest.mark.usefixtures("in_english")

FESTIVALS = "/admin/people/festivals/"


@pytest.mark.django_db
def test_the_festivals_of_2026_to_2028_are_seeded():
    seeded = {(f.name, f.date.year) for f in Festival.objects.all()}
    for year in (2026, 2027, 2028):
        assert {("六一", year), ("中秋", year), ("春节", year)} <= seeded
    assert Festival.objects.get(name="中秋", date__year=2026).date == dt.date(2026, 9, 25)


def test_city_staff_add_and_change_a_festival(city_client):
    city_client.post(f"{FESTIVALS}new/", {"name": "重阳", "date": "2026-10-18"})
    festival = Festival.objects.get(name="重阳")

    city_client.post(f"{FESTIVALS}edit/{festival.pk}/", {"name": "重阳节", "date": "2026-10-18"})

    festival.refresh_from_db()
    assert festival.name == "重阳节"


def test_a_coordinator_cannot_keep_festivals(coordinator_a):
    with pytest.raises(DomainError):
        services.festival_save(actor=coordinator_a, name="重阳", date=dt.date(2026, 10, 18))


def test_a_festival_with_visits_cannot_be_deleted(city_client, county_a, coordinator_a):
    festival = Festival.objects.create(name="测试节", date=dt.date.today())
    pair = make_pair(make_mother(county_a), make_child(county_obj=county_a), actor=coordinator_a)
    services.visit_log(
        actor=coordinator_a,
        pair=pair,
        visited_on=dt.date.today(),
        kind=VisitKind.FESTIVAL,
        festival=festival,
        client_token=uuid.uuid4(),
    )

    response = city_client.post(f"{FESTIVALS}delete/{festival.pk}/")

    assert response.status_code == 302
    assert Festival.objects.filter(pk=festival.pk).exists()


def test_the_daily_check_is_a_registered_task_on_the_beat_schedule():
    app.loader.import_default_modules()
    entry = settings.CELERY_BEAT_SCHEDULE["check-pair-adjustments"]
    assert entry["task"] == "pairs.check_adjustments" in app.tasks
