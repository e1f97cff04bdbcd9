"""Public pages about pairs: a caring mother's paired child, her visits and concerns."""

from django.urls import path

from pairs import views, views_visits

app_name = "pairs"

urlpatterns = [
    path("me/pairs/<id:pair_id>/", views.pair_detail, name="pair_detail"),
    path("me/pairs/<id:pair_id>/visits/new/", views_visits.visit_new, name="visit_new"),
    path("me/pairs/<id:pair_id>/concerns/new/", views_visits.concern_new, name="concern_new"),
]
