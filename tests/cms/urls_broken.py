"""A URL that fails, to see the 500 page as the site serves it."""

from django.urls import path

from cms.urls import urlpatterns as site_urlpatterns


def broken(request):
    raise RuntimeError("a bug")


urlpatterns = [path("broken/", broken), *site_urlpatterns]
