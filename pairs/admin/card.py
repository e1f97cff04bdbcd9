"""The pairing card (爱心结对卡) of a pair, printed on A6: the mother's name and phone, the
child's given name and nothing more of her, and the county women's federation's contact."""

from django.utils.translation import gettext_lazy

from pairs.admin.records import ScopedRecordView
from pairs.models import Pair
from people.admin.base import AuditedReadMixin
from people.scope import staff_scope


class PairCardView(AuditedReadMixin, ScopedRecordView):
    model = Pair
    template_name = "pairs/admin/pair_card.html"
    page_title = gettext_lazy("Pairing card")

    def scoped_queryset(self):
        pairs = Pair.objects.active().select_related("mother", "child", "county")
        scoped = staff_scope(pairs, self.request.user)
        return scoped if scoped is not None else Pair.objects.none()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pair = self.object
        context["card"] = {
            "mother_name": pair.mother.name,
            "mother_phone": pair.mother.phone,
            "child_first_name": pair.child.first_name,
            "started_on": pair.started_on,
            "county": pair.county,
        }
        return context
