from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from stories.models import StorySeries


class StorySeriesViewSet(SnippetViewSet):
    model = StorySeries
    icon = "list-ol"
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["name", "slug"]
    panels = ["name", "slug", "description"]


register_snippet(StorySeriesViewSet)
