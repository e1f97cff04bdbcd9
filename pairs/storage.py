"""Files that must never be public (scans of safety agreements): stored under
``settings.PRIVATE_MEDIA_ROOT``, outside ``MEDIA_ROOT``, with no URL. They are only ever read
by a back-office view that checks the scope (``pairs.admin.agreements``)."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


@deconstructible
class PrivateStorage(FileSystemStorage):
    """The folder is read from the settings at each use, so that tests can move it."""

    @property
    def base_location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("Private files have no URL; serve them through a checked view.")


private_storage = PrivateStorage()
