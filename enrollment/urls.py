"""Public pages about people: volunteer application, /me/, guardians' children."""

app_name = "enrollment"

urlpatterns: list = []
