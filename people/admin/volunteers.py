"""Volunteer applications (招募) in the back office: the county's list, an application's
page, and the coordinator's three answers (approve, ask for more information, decline),
each through ``people.services``."""

from django.db.models import Count, Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.views import generic

import django_filters

from cms.models import County
from people import services
from people.admin.base import (
    BlankAsDashMixin,
    CountyScopedFilterSet,
    ObjectActionView,
    PeopleIndexView,
    PeopleViewSet,
    ScopedObjectMixin,
    inspect_sections,
)
from people.admin.forms import ApproveForm, DeclineForm, RequestInfoForm
from people.models import Volunteer

Status = Volunteer.Status


def volunteers_for(user):
    return (
        Volunteer.objects.visible_to(user)
        .select_related("county")
        .prefetch_related("skills")
        .annotate(active_pairs=Count("pairs", filter=Q(pairs__status="active")))
    )


def skills_label(volunteer: Volunteer) -> str:
    return "、".join(skill.name for skill in volunteer.skills.all())


def capacity_label(volunteer: Volunteer) -> str:
    return f"{volunteer.active_pairs} / {volunteer.max_children}"


def review_actions(volunteer: Volunteer) -> list[str]:
    """The answers a coordinator can give this application now."""
    if volunteer.status == Status.WITHDRAWN or volunteer.user_id is None:
        return []
    actions = []
    if volunteer.status != Status.APPROVED:
        actions.append("approve")
    if volunteer.status in (Status.SUBMITTED, Status.NEEDS_INFO):
        actions.append("request_info")
    if volunteer.status != Status.DECLINED:
        actions.append("decline")
    return actions


class VolunteerFilterSet(CountyScopedFilterSet):
    county = django_filters.ModelChoiceFilter(
        label=gettext_lazy("County"), queryset=County.objects.all()
    )

    class Meta:
        model = Volunteer
        fields = ["status", "sector", "county"]


class VolunteerIndexView(PeopleIndexView):
    def get_base_queryset(self):
        return volunteers_for(self.request.user)

    @cached_property
    def columns(self):
        title_column_class = self._get_title_column_class(TitleColumn)
        return [
            title_column_class(
                "name", label=_("Name"), get_url=lambda v: self.get_inspect_url(v), sort_key="name"
            ),
            Column("county", label=_("County"), sort_key="county", classname="people-wide"),
            Column(
                "sector",
                label=_("Work sector"),
                accessor="get_sector_display",
                classname="people-wide",
            ),
            Column("skills", label=_("Skills"), accessor=skills_label),
            Column(
                "capacity",
                label=_("Children (paired / offered)"),
                accessor=capacity_label,
                classname="people-wide",
            ),
            StatusTagColumn(
                "status",
                label=_("Status"),
                accessor="get_status_display",
                primary=lambda v: v.status in (Status.SUBMITTED, Status.NEEDS_INFO),
                sort_key="status",
            ),
            DateColumn(
                "submitted_at",
                label=_("Submitted at"),
                sort_key="submitted_at",
                classname="people-wide",
            ),
        ]

    @cached_property
    def no_results_message(self):
        if self.is_filtering:
            return _("No application matches these filters.")
        return _(
            "No applications yet. Women apply through the public “Become a caring mother” "
            "form; their applications appear here for the coordinators of their county."
        )


class VolunteerInspectView(ScopedObjectMixin, BlankAsDashMixin, generic.InspectView):
    template_name = "people/admin/volunteer_inspect.html"

    def scoped_queryset(self):
        return volunteers_for(self.request.user)

    def get_fields(self):
        return [
            "name",
            "phone",
            "county",
            "township",
            "sector",
            "workplace",
            "skills",
            "max_children",
            "availability",
            "status",
            "status_message",
            "submitted_at",
            "reviewed_at",
            "reviewed_by",
        ]

    def get_reviewed_by_display_value(self):
        reviewer = self.object.reviewed_by
        return reviewer.get_full_name() if reviewer else ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        can_review = self.user_has_permission("change")
        namespace = self.index_url_name.rsplit(":", 1)[0]
        names = {
            "approve": _("Approve"),
            "request_info": _("Ask for more information"),
            "decline": _("Decline"),
        }
        context["review_actions"] = [
            {
                "name": action,
                "label": names[action],
                "url": reverse(f"{namespace}:{action}", args=[self.object.pk]),
            }
            for action in (review_actions(self.object) if can_review else [])
        ]
        context["extra_sections"] = inspect_sections(
            "volunteer_admin_sections", self.request, self.object
        )
        return context


class ReviewView(ObjectActionView):
    model = Volunteer
    template_name = "people/admin/volunteer_review.html"
    action = ""

    def scoped_queryset(self):
        return Volunteer.objects.visible_to(self.request.user).select_related("county", "user")

    def get(self, request, *args, **kwargs):
        if self.action not in review_actions(self.object):
            return self.not_now()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.action not in review_actions(self.object):
            return self.not_now()
        return super().post(request, *args, **kwargs)

    def not_now(self):
        messages.error(
            self.request,
            _("This application is %(status)s; that answer is not possible now.")
            % {"status": self.object.get_status_display()},
        )
        return redirect(self.get_success_url())


class ApproveView(ReviewView):
    action = "approve"
    form_class = ApproveForm
    page_title = gettext_lazy("Approve the application")
    intro = gettext_lazy(
        "She becomes a caring mother: she can book trainings and be paired with a child. "
        "She is told by message."
    )
    submit_label = gettext_lazy("Approve")
    success_message = gettext_lazy("%(object)s is now a caring mother.")

    def perform(self, form) -> None:
        services.volunteer_approve(volunteer=self.object, reviewer=self.request.user)


class RequestInfoView(ReviewView):
    action = "request_info"
    form_class = RequestInfoForm
    page_title = gettext_lazy("Ask for more information")
    submit_label = gettext_lazy("Send the request")
    success_message = gettext_lazy("%(object)s has been asked for more information.")

    def perform(self, form) -> None:
        services.volunteer_request_info(
            volunteer=self.object, reviewer=self.request.user, message=form.cleaned_data["message"]
        )


class DeclineView(ReviewView):
    action = "decline"
    form_class = DeclineForm
    page_title = gettext_lazy("Decline the application")
    submit_label = gettext_lazy("Decline")
    destructive = True
    success_message = gettext_lazy("The application of %(object)s has been declined.")

    def perform(self, form) -> None:
        services.volunteer_decline(
            volunteer=self.object, reviewer=self.request.user, reason=form.cleaned_data["reason"]
        )


class VolunteerViewSet(PeopleViewSet):
    model = Volunteer
    name = "people_volunteers"
    url_prefix = "people/volunteers"
    icon = "group"
    menu_label = gettext_lazy("Volunteers")
    menu_order = 200
    views = ("inspect",)
    index_view_class = VolunteerIndexView
    inspect_view_class = VolunteerInspectView
    inspect_template_name = "people/admin/volunteer_inspect.html"
    filterset_class = VolunteerFilterSet
    ordering = "-submitted_at"
    review_views = {"approve": ApproveView, "request_info": RequestInfoView, "decline": DeclineView}

    def extra_urlpatterns(self) -> list:
        return [
            self.action_path(
                name,
                self.construct_view(
                    view_class,
                    model=self.model,
                    index_url_name=self.get_url_name("index"),
                    inspect_url_name=self.get_url_name("inspect"),
                    header_icon=self.icon,
                ),
            )
            for name, view_class in self.review_views.items()
        ]
