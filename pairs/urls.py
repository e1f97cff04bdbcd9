"""Public pages about pairs: a caring mother's paired child."""

from django.urls import path

from pairs import views

app_name = "pairs"

urlpatterns = [
    path("me/pairs/<id:pair_id>/", views.pair_detail, name="pair_detail"),
]
