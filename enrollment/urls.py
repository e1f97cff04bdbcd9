"""Public pages about people and bookings: volunteer application, /me/, guardians'
children, booking sessions, her bookings."""

from django.urls import include, path

from enrollment.views import bookings, children, me, volunteers

app_name = "enrollment"

urlpatterns = [
    path("volunteer/", volunteers.volunteer_about, name="volunteer"),
    path("volunteer/apply/", volunteers.volunteer_apply, name="volunteer_apply"),
    path("me/", me.me, name="me"),
    path("me/pairs/<id:pair_id>/", me.pair_detail, name="pair_detail"),
    path("me/children/consent/", children.privacy_consent, name="privacy_consent"),
    path("me/children/add/", children.child_add, name="child_add"),
    path("me/children/<id:child_id>/edit/", children.child_edit, name="child_edit"),
    path("me/children/<id:child_id>/delete/", children.child_delete, name="child_delete"),
    path("sessions/<id:session_id>/book/", bookings.session_book, name="session_book"),
    path(
        "trainings/book-all/<id:course_page_id>/",
        bookings.training_book_all,
        name="training_book_all",
    ),
    path("me/bookings/<id:booking_id>/", bookings.booking_detail, name="booking_detail"),
    path("me/bookings/<id:booking_id>/cancel/", bookings.booking_cancel, name="booking_cancel"),
    path("me/bookings/<id:booking_id>/accept/", bookings.offer_accept, name="offer_accept"),
]

# The staff side (check-in) and the training record, in this namespace too.
urlpatterns += [path("", include("enrollment.urls_staff"))]
