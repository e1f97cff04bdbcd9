from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from courses.snippets import (
    ClassCategory,
    County,
    Lecturer,
    PartnerOrganisation,
    TrainingTopic,
    Venue,
)


class CountyViewSet(SnippetViewSet):
    model = County
    icon = "globe"
    list_display = ["name", "slug", "sort_order"]
    ordering = ["sort_order", "name"]
    panels = ["name", "slug", "sort_order", "contact_phone", "contact_address"]


class VenueViewSet(SnippetViewSet):
    model = Venue
    icon = "site"
    list_display = ["name", "county", "address"]
    list_filter = ["county"]
    search_fields = ["name", "address"]

    def get_queryset(self, request):
        return Venue.objects.select_related("county")


class LecturerViewSet(SnippetViewSet):
    model = Lecturer
    icon = "user"
    list_display = ["name", "title"]
    search_fields = ["name", "title"]


class PartnerViewSet(SnippetViewSet):
    model = PartnerOrganisation
    icon = "group"
    list_display = ["name", "website"]
    search_fields = ["name"]


class ClassCategoryViewSet(SnippetViewSet):
    model = ClassCategory
    icon = "tag"
    list_display = ["name", "slug", "sort_order"]
    panels = ["name", "slug", "sort_order"]


class TrainingTopicViewSet(SnippetViewSet):
    model = TrainingTopic
    icon = "tag"
    list_display = ["name", "slug", "sort_order"]
    panels = ["name", "slug", "sort_order"]


class CourseDataGroup(SnippetViewSetGroup):
    menu_label = _("Course data")
    menu_icon = "folder-open-inverse"
    menu_order = 300
    items = (
        CountyViewSet,
        VenueViewSet,
        LecturerViewSet,
        PartnerViewSet,
        ClassCategoryViewSet,
        TrainingTopicViewSet,
    )


register_snippet(CourseDataGroup)
