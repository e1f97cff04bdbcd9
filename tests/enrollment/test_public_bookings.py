"""The public booking pages: the Book button on course pages, the confirmation page (whom to
book for, and why not the others), booking, the waiting list, refusals shown as messages
(never a 500), and a whole training booked in one step."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

import pytest

from courses.models import Session, SummerClassPage
from enrollment import services
from enrollment.models import Booking
from tests import factories
from tests.makers import make_child, make_guardian, make_mother, make_pair, make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]
Status = Booking.Status


def training(*days: float, capacity: int = 2, **kwargs):
    return factories.TrainingCoursePageFactory(
        sessions=[factories.session_in(d, capacity=capacity, **kwargs) for d in days]
    )


def summer_class(capacity: int = 2, fmt=SummerClassPage.Format.CHILD, days: float = 7):
    return factories.SummerClassPageFactory(
        format=fmt,
        age_min=6,
        age_max=12,
        sessions=[factories.session_in(days, capacity=capacity)],
    )


def book_url(session: Session) -> str:
    return reverse("enrollment:session_book", args=[session.pk])


def text(response) -> str:
    return response.content.decode()


# Course pages ----------------------------------------------------------------------------------


def test_an_open_session_on_the_course_page_has_a_book_button_and_seats_left(client):
    course = training(7, capacity=5)
    session = course.sessions.get()

    html = text(client.get(course.url))

    assert f'href="{book_url(session)}"' in html
    assert "Book a seat" in html and "5 seats left" in html
    assert "coming soon" not in html


def test_a_full_session_offers_the_waiting_list(client, lishi):
    course = training(7, capacity=1)
    session = course.sessions.get()
    services.booking_create(session=session, booker=make_mother(lishi))

    html = text(client.get(course.url))

    assert "Fully booked" in html and "Join the waiting list" in html
    assert f'href="{book_url(session)}"' in html


def test_a_session_not_open_yet_or_closed_has_no_book_button(client):
    now = dt.datetime.now(dt.UTC)
    course = factories.TrainingCoursePageFactory(
        sessions=[
            factories.session_in(7, booking_opens=now + dt.timedelta(days=2)),
            factories.session_in(8, booking_closes=now - dt.timedelta(hours=1)),
        ]
    )

    html = text(client.get(course.url))

    assert "Booking not open yet" in html and "Booking closed" in html
    for session in course.sessions.all():
        assert book_url(session) not in html


def test_the_course_page_shows_her_own_booking_instead_of_the_book_button(client, lishi):
    course = training(7, capacity=5)
    session = course.sessions.get()
    mother = make_mother(lishi)
    booking = services.booking_create(session=session, booker=mother)
    client.force_login(mother)

    html = text(client.get(course.url))

    assert reverse("enrollment:booking_detail", args=[booking.pk]) in html
    assert book_url(session) not in html


def test_a_training_with_several_open_sessions_offers_booking_them_all(client):
    course = training(7, 14, 21)

    html = text(client.get(course.url))

    assert reverse("enrollment:training_book_all", args=[course.pk]) in html
    assert "Book all 3 sessions in one step" in html


def test_a_training_whose_sessions_are_the_same_lesson_is_booked_one_session_at_a_time(
    client, lishi
):
    """No 'book all' for alternatives: a mother takes one seat of the lesson, not three."""
    course = training(7, 14, 21)
    course.session_plan = course.SessionPlan.ALTERNATIVES
    course.save_revision().publish()
    client.force_login(make_mother(lishi))
    book_all = reverse("enrollment:training_book_all", args=[course.pk])

    html = text(client.get(course.url))

    assert book_all not in html
    assert "The sessions are the same lesson on different dates" in html
    assert client.get(book_all).status_code == 404
    assert client.post(book_all).status_code == 404
    assert not Booking.objects.exists()


# The confirmation page and booking -------------------------------------------------------------


def test_booking_needs_an_account_and_comes_back_after_signing_in(client):
    session = training(7).sessions.get()

    for response in (client.get(book_url(session)), client.post(book_url(session))):
        assert response.status_code == 302
        assert response.url == f"{reverse('account_login')}?next={book_url(session)}"


def test_a_mother_confirms_and_books_a_training_seat(client, lishi):
    session = training(7, capacity=2).sessions.get()
    mother = make_mother(lishi)
    client.force_login(mother)

    page = text(client.get(book_url(session)))
    response = client.post(book_url(session), follow=True)

    assert "You are booking one seat for yourself." in page and "Confirm the booking" in page
    booking = Booking.objects.get(session=session)
    assert booking.status == Status.CONFIRMED and booking.volunteer.user == mother
    assert response.redirect_chain[-1][0] == reverse("enrollment:booking_detail", args=[booking.pk])
    assert "The seat is confirmed." in text(response)


def test_the_messages_name_the_class_and_write_the_date_as_the_site_does(client, lishi, settings):
    settings.LANGUAGE_CODE = "zh-hans"
    session = training(7, capacity=2).sessions.get()
    client.force_login(make_mother(lishi))
    chinese = {"HTTP_ACCEPT_LANGUAGE": "zh-CN,zh;q=0.9"}
    when = timezone.localtime(session.start)
    written = f"{when.year}年{when.month}月{when.day}日 {when:%H:%M}"

    booked = text(client.post(book_url(session), follow=True, **chinese))
    booking = Booking.objects.get(session=session)
    cancel = reverse("enrollment:booking_cancel", args=[booking.pk])
    cancelled = text(client.post(cancel, follow=True, **chinese))

    assert f"{session.course.title}（{written}）" in booked
    assert f"{session.course.title}（{written}）" in cancelled
    assert f"{when:%Y-%m-%d %H:%M}" not in booked + cancelled


def test_someone_who_is_not_an_approved_mother_is_told_trainings_are_for_mothers(client):
    session = training(7).sessions.get()
    client.force_login(make_user())

    page = text(client.get(book_url(session)))
    response = client.post(book_url(session))

    assert "Trainings are for approved caring mothers." in page
    assert response.status_code == 200
    assert "Trainings are for" in text(response)
    assert not Booking.objects.exists()


def test_a_guardian_chooses_among_her_children_of_the_right_age(client, lishi):
    session = summer_class().sessions.get()
    guardian = make_guardian()
    young = make_child(guardian=guardian, county_obj=lishi, name="张小雨", age=8)
    old = make_child(guardian=guardian, county_obj=lishi, name="张大山", age=15)
    client.force_login(guardian)

    html = text(client.get(book_url(session)))

    assert f'value="{young.pk}"' in html
    assert f'value="{old.pk}"' not in html
    assert "This class is for ages 6 to 12; 大山 will be 15." in html


def test_when_her_only_child_is_booked_the_page_links_to_that_booking(client, lishi):
    session = summer_class().sessions.get()
    guardian = make_guardian()
    child = make_child(guardian=guardian, county_obj=lishi, name="张小雨", age=8)
    booking = services.booking_create(session=session, booker=guardian, child=child)
    client.force_login(guardian)

    html = text(client.get(book_url(session)))

    assert "小雨 is already booked for this session." in html
    assert f'href="{reverse("enrollment:booking_detail", args=[booking.pk])}"' in html


def test_a_guardian_without_a_child_adds_one_and_comes_back_to_this_booking(client, lishi):
    session = summer_class().sessions.get()
    client.force_login(make_guardian())
    url = book_url(session)

    html = client.get(url).content.decode()

    assert f'href="/me/children/add/?next={url}"' in html


def test_a_guardian_books_her_child_and_is_waitlisted_when_the_class_is_full(client, lishi):
    session = summer_class(capacity=1).sessions.get()
    first, second = make_guardian(), make_guardian()
    first_child = make_child(guardian=first, county_obj=lishi, name="张小雨")
    second_child = make_child(guardian=second, county_obj=lishi, name="李小华")

    client.force_login(first)
    client.post(book_url(session), {"child": first_child.pk})
    client.force_login(second)
    response = client.post(book_url(session), {"child": second_child.pk}, follow=True)

    assert Booking.objects.get(child=first_child).status == Status.CONFIRMED
    assert Booking.objects.get(child=second_child).status == Status.WAITLISTED
    # The message says so; the booking page she lands on gives her place in the queue.
    assert "小华 is on the waiting list" in text(response)
    assert "Position 1 on the waiting list" in text(response)


def test_a_guardian_books_two_children_in_one_step(client, lishi):
    session = summer_class(capacity=5).sessions.get()
    guardian = make_guardian()
    children = [
        make_child(guardian=guardian, county_obj=lishi, name=name) for name in ("张小雨", "张小雪")
    ]
    client.force_login(guardian)

    response = client.post(book_url(session), {"child": [c.pk for c in children]}, follow=True)

    assert Booking.objects.filter(session=session, status=Status.CONFIRMED).count() == 2
    assert response.redirect_chain[-1][0] == reverse("people:me")


def test_a_guardian_cannot_book_someone_elses_child(client, lishi):
    session = summer_class().sessions.get()
    guardian = make_guardian()
    make_child(guardian=guardian, county_obj=lishi)
    other_child = make_child(guardian=make_guardian(), county_obj=lishi, name="李小华")
    client.force_login(guardian)

    response = client.post(book_url(session), {"child": other_child.pk})

    assert response.status_code == 200
    assert "Choose among the children listed." in text(response)
    assert not Booking.objects.exists()


def test_a_refusal_from_the_rules_is_shown_on_the_page(client, lishi):
    session = summer_class().sessions.get()
    guardian = make_guardian()
    child = make_child(guardian=guardian, county_obj=lishi, name="张小雨")
    services.booking_create(session=session, booker=guardian, child=child)
    client.force_login(guardian)

    response = client.post(book_url(session), {"child": child.pk})

    assert response.status_code == 200
    assert "小雨 is already booked for this session." in text(response)
    assert Booking.objects.count() == 1


def test_a_busy_session_asks_to_try_again_instead_of_failing(client, lishi, monkeypatch):
    session = training(7).sessions.get()
    client.force_login(make_mother(lishi))

    def busy(**kwargs):
        raise services.SessionBusy()

    monkeypatch.setattr(services, "booking_create", busy)
    response = client.post(book_url(session))

    assert response.status_code == 200
    assert "Please try again." in text(response)


def test_a_mother_books_a_parent_child_class_with_her_paired_child(client, lishi):
    session = summer_class(capacity=4, fmt=SummerClassPage.Format.PARENT_CHILD).sessions.get()
    mother = make_mother(lishi)
    child = make_child(county_obj=lishi, name="王小明")
    make_pair(mother, child)
    client.force_login(mother)

    html = text(client.get(book_url(session)))
    client.post(book_url(session), {"child": child.pk})

    assert f'value="{child.pk}"' in html and "two seats" in html
    booking = Booking.objects.get(session=session)
    assert booking.kind == Booking.Kind.PAIR and booking.seats == 2


def test_a_parent_child_class_without_a_pair_says_so(client, lishi):
    session = summer_class(fmt=SummerClassPage.Format.PARENT_CHILD).sessions.get()
    client.force_login(make_mother(lishi))

    html = text(client.get(book_url(session)))

    assert "you have no active pair" in html
    index = session.course.get_parent()
    assert f'href="{index.url}?format=child"' in html, "no way on to the classes for children"


def test_a_cancelled_session_cannot_be_booked(client, lishi):
    session = training(7, is_cancelled=True).sessions.get()
    client.force_login(make_mother(lishi))

    page = text(client.get(book_url(session)))
    response = client.post(book_url(session))

    assert "This session cannot be booked now." in page
    assert "This session has been cancelled." in text(response)
    assert not Booking.objects.exists()


# A whole training ------------------------------------------------------------------------------


def test_a_mother_books_every_session_of_a_training_and_hears_about_each(client, lishi):
    course = training(7, 14, 21, capacity=1)
    first, second, third = course.sessions.order_by("start")
    mother = make_mother(lishi)
    services.booking_create(session=second, booker=make_mother(lishi))  # second is full
    services.booking_create(session=third, booker=mother)  # third already hers
    client.force_login(mother)
    url = reverse("enrollment:training_book_all", args=[course.pk])

    page = text(client.get(url))
    response = client.post(url)

    assert "Book every session" in page
    html = text(response)
    assert Booking.objects.get(session=first, volunteer=mother.volunteer).status == "confirmed"
    assert Booking.objects.get(session=second, volunteer=mother.volunteer).status == "waitlisted"
    assert "You have already booked this session." in html
    assert "1 confirmed, 1 on the waiting list, 1 not booked" in html


def test_booking_a_whole_training_is_for_approved_mothers(client):
    course = training(7, 14)
    client.force_login(make_user())

    response = client.post(reverse("enrollment:training_book_all", args=[course.pk]))

    assert "Trainings are for approved caring mothers." in text(response)
    assert not Booking.objects.exists()


# A confirmed contact -----------------------------------------------------------------------


def test_without_a_confirmed_contact_the_page_says_how_to_confirm_and_nothing_is_booked(
    client, lishi
):
    from allauth.account.models import EmailAddress

    session = summer_class(capacity=5).sessions.get()
    guardian = make_guardian()
    child = make_child(guardian=guardian, county_obj=lishi, name="张小雨")
    EmailAddress.objects.filter(user=guardian).update(verified=False)
    client.force_login(guardian)

    page = text(client.get(book_url(session)))
    assert "Confirm your mobile number or your email address before booking" in page
    assert reverse("account_change_phone") in page and reverse("account_email") in page
    assert "Confirm the booking" not in page

    response = client.post(book_url(session), {"child": child.pk})
    assert response.status_code == 200
    said = text(response).count("Confirm your mobile number or your email address before booking")
    assert said == 1, f"the refusal is said {said} times"
    assert not Booking.objects.exists()


def test_a_mother_without_a_confirmed_contact_cannot_book_a_whole_training(client, lishi):
    from allauth.account.models import EmailAddress

    course = training(3, 10)
    mother = make_mother(lishi)
    EmailAddress.objects.filter(user=mother).update(verified=False)
    client.force_login(mother)
    url = reverse("enrollment:training_book_all", args=[course.pk])

    assert "Confirm your mobile number" in text(client.get(url))
    client.post(url)
    assert not Booking.objects.exists()


def test_my_page_asks_her_to_confirm_a_contact_until_she_has(client):
    from allauth.account.models import EmailAddress

    guardian = make_guardian()
    client.force_login(guardian)
    me = reverse("people:me")
    assert "you need one of them to book" not in text(client.get(me))

    EmailAddress.objects.filter(user=guardian).update(verified=False)
    page = text(client.get(me))
    assert "you need one of them to book" in page and reverse("account_change_phone") in page
