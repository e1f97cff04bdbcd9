"""The figures' places in the rest of the site: the dashboard in the people back office's
menu (hook ``register_people_admin_viewset``, see ``people.wagtail_hooks``) and the home
page's headline figures (hook ``home_page_figures``, called by ``cms.models.HomePage``)."""

from wagtail import hooks

from figures.admin.dashboard import DashboardViewSet
from figures.admin.reports import ReportViewSet
from figures.home import home_figures

ORDER_DASHBOARD = 10  # first: the coordinator's overview before her lists
ORDER_REPORTS = 101

hooks.register("register_people_admin_viewset", lambda: (ORDER_DASHBOARD, DashboardViewSet))
hooks.register("register_people_admin_viewset", lambda: (ORDER_REPORTS, ReportViewSet))


@hooks.register("home_page_figures")
def program_figures(request):
    return home_figures()
