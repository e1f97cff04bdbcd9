"""The site's URLs as development has them (``SERVE_MEDIA`` on): with the media server."""

from cms.urls import media_urlpatterns
from cms.urls import urlpatterns as site_urlpatterns

urlpatterns = [*media_urlpatterns(), *site_urlpatterns]
