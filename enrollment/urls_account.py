"""A person's own account: data download and account deletion (allauth does the rest)."""

urlpatterns: list = []
