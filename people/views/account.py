"""A person's own account: downloading her data and deleting her account.

Everything else about an account (sign-in, codes, email, phone, password, two-step
verification) is django-allauth's, under /accounts/.
"""

import json

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from allauth.account.decorators import reauthentication_required

from people import services
from people.personal_data import personal_data


@never_cache
@require_GET
@login_required
def data_export(request: HttpRequest) -> HttpResponse:
    """Her own data as a JSON file (no audit entry: it is her own, not a child's record read
    by staff)."""
    data = personal_data(request.user)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    filename = f"my-data-{timezone.localdate().isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label=gettext_lazy("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        if not user.has_usable_password():
            # She signs in with codes only; allauth asked her for a fresh code instead.
            del self.fields["password"]

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not correct."))
        return password


def _without_password(request: HttpRequest) -> bool:
    return not request.user.has_usable_password()


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
@reauthentication_required(allow_get=True, enabled=_without_password)
def account_delete(request: HttpRequest) -> HttpResponse:
    """A page that says what deleting the account does; the POST, with her password,
    deletes it and signs her out."""
    user = request.user
    form = AccountDeleteForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            services.account_delete(user=user)
        except services.DomainError as error:
            form.add_error(None, error.message)
        else:
            logout(request)
            messages.success(
                request, _("Your account has been deleted. Thank you for caring for children.")
            )
            return redirect("/")
    context = {
        "form": form,
        "has_children": user.children.exists(),
        "volunteer": getattr(user, "volunteer", None),
    }
    return render(request, "people/account/delete.html", context)
