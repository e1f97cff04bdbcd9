"""A person's own account: data download and account deletion (allauth does the rest)."""

from django.urls import path

from people.views import account

urlpatterns = [
    path("me/data.json", account.data_export, name="account_data_export"),
    path("me/delete/", account.account_delete, name="account_delete"),
]
