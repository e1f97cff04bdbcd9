"""The caring mothers' ledger (爱心妈妈台账): the federation's own list of its volunteers,
matched by mobile number within the county. A mother the ledger adds has no account
(``Volunteer.user`` is empty) and is approved: the ledger is the federation's decision.
A mother who applied on the site keeps what she wrote: her row is left unchanged."""

from django.utils import timezone
from django.utils.translation import gettext as _

from import_export import fields

from pairs.ledgers import layouts
from pairs.ledgers.resources import LedgerResource, batched
from pairs.ledgers.widgets import ChoiceWordWidget, CountWidget, PhoneWidget, TextWidget
from people.models import Volunteer


def phone_of(row: dict) -> str | None:
    try:
        return PhoneWidget().clean(row.get(layouts.PHONE)) or None
    except ValueError:
        return None


class MotherLedgerResource(LedgerResource):
    name = fields.Field("name", layouts.NAME, TextWidget(required=True, max_length=50))
    phone = fields.Field("phone", layouts.PHONE, PhoneWidget(required=True))
    township = fields.Field("township", layouts.TOWNSHIP, TextWidget(required=True, max_length=50))
    workplace = fields.Field("workplace", layouts.WORKPLACE, TextWidget(max_length=100))
    sector = fields.Field(
        "sector", layouts.SECTOR, ChoiceWordWidget(layouts.SECTORS, required=True)
    )
    max_children = fields.Field("max_children", layouts.MAX_CHILDREN, CountWidget(), default=1)

    required = (layouts.NAME, layouts.PHONE, layouts.TOWNSHIP, layouts.SECTOR)
    compared = ("name", "township", "workplace", "sector", "max_children")
    example = {
        layouts.NAME: "李红梅",
        layouts.PHONE: "13900139000",
        layouts.COUNTY: "",
        layouts.TOWNSHIP: "城北街道",
        layouts.WORKPLACE: "城北小学",
        layouts.SECTOR: "教育系统",
        layouts.MAX_CHILDREN: 2,
    }

    class Meta(LedgerResource.Meta):
        model = Volunteer
        fields = (
            "name",
            "phone",
            "county_name",
            "township",
            "workplace",
            "sector",
            "max_children",
        )

    def load_existing(self, rows):
        phones = sorted({phone for row in rows if (phone := phone_of(row))})
        self.existing: dict[str, Volunteer] = {}
        for batch in batched(phones):
            mothers = Volunteer.objects.filter(county=self.county, phone__in=batch).order_by("pk")
            for mother in mothers:
                self.existing.setdefault(mother.phone.as_e164, mother)

    def find_existing(self, row):
        phone = phone_of(row)
        return self.existing.get(phone) if phone else None

    def new_instance(self, row):
        return Volunteer(
            county=self.county,
            status=Volunteer.Status.APPROVED,
            reviewed_by=self.actor,
            reviewed_at=timezone.now(),
        )

    def check(self, instance, row, errors):
        if (first := self.first_seen(instance.phone.as_e164, row)) is not None:
            errors["phone"] = [
                _("The same mobile number is already in row %(row)d.") % {"row": first}
            ]

    def unchanged(self, instance, before):
        # Her own application (she has an account) is hers to change, not the ledger's.
        return instance.user_id is not None or super().unchanged(instance, before)
