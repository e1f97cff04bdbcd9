"""Public pages about people: volunteer application, /me/, guardians' children."""

from django.urls import include, path

from enrollment.views import children, me, volunteers

app_name = "enrollment"

urlpatterns = [
    path("volunteer/", volunteers.volunteer_about, name="volunteer"),
    path("volunteer/apply/", volunteers.volunteer_apply, name="volunteer_apply"),
    path("me/", me.me, name="me"),
    path("me/pairs/<int:pair_id>/", me.pair_detail, name="pair_detail"),
    path("me/children/consent/", children.privacy_consent, name="privacy_consent"),
    path("me/children/add/", children.child_add, name="child_add"),
    path("me/children/<int:child_id>/edit/", children.child_edit, name="child_edit"),
    path("me/children/<int:child_id>/delete/", children.child_delete, name="child_delete"),
]

# The staff side (check-in) and the training record, in this namespace too.
urlpatterns += [path("", include("enrollment.urls_staff"))]
