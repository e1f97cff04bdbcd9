from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from allauth.mfa.models import Authenticator

from cms import views

# allauth.mfa registers its Authenticator model in Django's admin, which would show a staff
# member's two-step verification secret to whoever opens it: no admin lists it.
admin.site.unregister(Authenticator)

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("search/", views.search, name="search"),
    path("accounts/", include("allauth.urls")),
    path("", include("people.urls_account")),
    path("", include("people.urls")),
    path("", include("pairs.urls")),
    path("", include("enrollment.urls")),
    path("calendar/", include("enrollment.calendar.urls")),
    path("django-admin/", admin.site.urls),
    # Wagtail's choosers (images, documents, snippets) look the chosen id up as given, and an
    # id that is not a number is a server error there (ValueError); those answer 404 here.
    # Every chooser model here has an integer id (a snippet with a text id would need this
    # narrowed to the other choosers).
    re_path(
        r"^admin/(?:[\w-]+/)+chosen/(?P<pk>[^/]*[^0-9/][^/]*)/$",
        views.not_found,
        name="admin_chooser_bad_id",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]


def media_urlpatterns() -> list:
    """Development's media server: images only, never documents (see views.public_media)."""
    return [re_path(r"^media/(?P<path>.*)$", views.public_media, name="public_media")]


if settings.SERVE_MEDIA:
    urlpatterns += media_urlpatterns()

urlpatterns.append(path("", include(wagtail_urls)))
