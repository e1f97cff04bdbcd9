"""Public pages about bookings: booking sessions, her bookings."""

from django.urls import include, path

from enrollment.views import bookings

app_name = "enrollment"

urlpatterns = [
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
