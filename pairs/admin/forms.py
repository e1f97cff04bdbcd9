"""The back office's forms about pairs."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminDateInput

from pairs.models import Pair
from people.models import Child, Volunteer


class PairCreateForm(WagtailAdminModelForm):
    """Pair an approved mother with a child of the same county who has no caring mother."""

    class Meta:
        model = Pair
        fields = ["mother", "child", "started_on"]
        widgets = {"started_on": AdminDateInput}

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.fields["started_on"].initial = timezone.localdate
        if for_user is not None:
            self.fields["mother"].queryset = (
                Volunteer.objects.visible_to(for_user)
                .approved()
                .select_related("county")
                .order_by("county__sort_order", "name")
            )
            self.fields["mother"].label_from_instance = lambda mother: (
                f"{mother.name}（{mother.county.name}，{mother.get_sector_display()}）"
            )
            self.fields["child"].queryset = (
                Child.objects.for_staff(for_user)
                .active()
                .exclude(pairs__status=Pair.Status.ACTIVE)
                .select_related("county")
            )
            self.fields["child"].label_from_instance = lambda child: (
                f"{child.name}（{child.county.name}，{child.birth_year}）"
            )
        self.fields["mother"].help_text = _("Only approved caring mothers are listed.")
        self.fields["child"].help_text = _("Only children without a caring mother are listed.")


class PairEndForm(forms.Form):
    end_reason = forms.ChoiceField(label=_("Why does the pair end?"), choices=Pair.EndReason)
    ended_on = forms.DateField(
        label=_("Ended on"), initial=timezone.localdate, widget=AdminDateInput
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        help_text=_("Required when the reason is “Other”."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
