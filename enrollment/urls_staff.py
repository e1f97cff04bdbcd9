"""The staff side of bookings and a mother's training record, in the ``enrollment`` namespace
(included from ``enrollment/urls.py``): the door check-in, /me/training/, certificates and
their public verification page. The attendance sheets are in the Wagtail admin
(``enrollment/admin/attendance.py``)."""

from django.urls import path

from enrollment.views import certificates, staff

urlpatterns = [
    path("check-in/<uuid:token>/", staff.check_in, name="check_in"),
    path("me/training/", certificates.training_record, name="training_record"),
    path("me/certificates/<id:course_id>/", certificates.certificate, name="certificate"),
    path("certificates/verify/", certificates.certificate_lookup, name="certificate_lookup"),
    path(
        "certificates/verify/<str:code>/",
        certificates.certificate_verify,
        name="certificate_verify",
    ),
]
