"""Public pages about people: the volunteer application, /me/, guardians' children."""

from django.urls import path

from people.views import children, me, notices, volunteers

app_name = "people"

urlpatterns = [
    path("volunteer/", volunteers.volunteer_about, name="volunteer"),
    path("volunteer/apply/", volunteers.volunteer_apply, name="volunteer_apply"),
    path("me/", me.me, name="me"),
    path("me/notices/", notices.notify_by, name="notify_by"),
    path("me/children/consent/", children.privacy_consent, name="privacy_consent"),
    path("me/children/add/", children.child_add, name="child_add"),
    path("me/children/<id:child_id>/edit/", children.child_edit, name="child_edit"),
    path("me/children/<id:child_id>/delete/", children.child_delete, name="child_delete"),
]
