from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

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
    path("search/", views.search, name="search"),
    path("accounts/", include("allauth.urls")),
    path("", include("enrollment.urls_account")),
    path("", include("enrollment.urls")),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.SERVE_MEDIA:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns.append(path("", include(wagtail_urls)))
