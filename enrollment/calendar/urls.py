"""``/calendar/…`` (mounted by ``cms.urls``)."""

from django.urls import path

from enrollment.calendar import views

app_name = "calendar"

urlpatterns = [
    path("sessions.ics", views.sessions_feed, name="sessions_feed"),
    path("sessions/<id:session_id>.ics", views.session_event, name="session_event"),
    path("u/<str:token>.ics", views.personal_feed, name="personal_feed"),
    path("link/", views.calendar_link, name="link"),
]
