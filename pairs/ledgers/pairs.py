"""The pairs' ledger (结对台账): a mother (by mobile number) and a child (by name and date
of birth, or ID number, through the keyed hashes) of the county, and the day they were
paired. A pair already active is left unchanged; the rules of ``pairs.services.pair_create``
are checked for the whole file at once (an approved mother, room for one more child, the
child without another caring mother, no start in the future)."""

from collections import Counter

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from import_export import fields

from pairs.ledgers import layouts
from pairs.ledgers.resources import LedgerResource, batched
from pairs.ledgers.widgets import DateWidget, IdNumberWidget, PhoneWidget, TextWidget, text_of
from pairs.models import Pair
from people.fields import lookup_hash
from people.models import Child, Volunteer


def _clean(widget, row: dict, column: str):
    try:
        return widget.clean(row.get(column))
    except ValueError:
        return None


def keys_of(row: dict) -> tuple[str | None, str | None, str | None]:
    """(mother's phone, child's identity hash, child's ID number hash) of a row."""
    phone = _clean(PhoneWidget(), row, layouts.MOTHER_PHONE) or None
    name = text_of(row.get(layouts.CHILD_NAME))
    dob = _clean(DateWidget(), row, layouts.CHILD_DATE_OF_BIRTH)
    number = _clean(IdNumberWidget(), row, layouts.CHILD_ID_NUMBER)
    identity = lookup_hash(name, dob.isoformat()) if name and dob else None
    return phone, identity, lookup_hash(number) if number else None


class PairLedgerResource(LedgerResource):
    mother_phone = fields.Field(None, layouts.MOTHER_PHONE, PhoneWidget(required=True))
    mother_name = fields.Field(None, layouts.MOTHER_NAME, TextWidget(max_length=50))
    child_name = fields.Field(None, layouts.CHILD_NAME, TextWidget(required=True, max_length=50))
    child_date_of_birth = fields.Field(None, layouts.CHILD_DATE_OF_BIRTH, DateWidget())
    child_id_number = fields.Field(None, layouts.CHILD_ID_NUMBER, IdNumberWidget())
    started_on = fields.Field("started_on", layouts.STARTED_ON, DateWidget(required=True))

    required = (layouts.MOTHER_PHONE, layouts.CHILD_NAME, layouts.STARTED_ON)
    example = {
        layouts.MOTHER_PHONE: "13900139000",
        layouts.MOTHER_NAME: "李红梅",
        layouts.CHILD_NAME: "张小花",
        layouts.CHILD_DATE_OF_BIRTH: "2015-03-02",
        layouts.CHILD_ID_NUMBER: "",
        layouts.COUNTY: "",
        layouts.STARTED_ON: "2024-09-01",
    }

    class Meta(LedgerResource.Meta):
        model = Pair
        fields = (
            "mother_phone",
            "mother_name",
            "child_name",
            "child_date_of_birth",
            "child_id_number",
            "county_name",
            "started_on",
        )

    def keys(self, row: dict) -> tuple[str | None, str | None, str | None]:
        """``keys_of(row)``, worked out once a row (parsing phone numbers is slow)."""
        number = row.get(layouts.ROW_NUMBER)
        if number not in self.row_keys:
            self.row_keys[number] = keys_of(row)
        return self.row_keys[number]

    def load_existing(self, rows):
        self.row_keys: dict[int, tuple] = {}
        keys = [self.keys(row) for row in rows]
        phones = sorted({k[0] for k in keys if k[0]})
        identities = sorted({k[1] for k in keys if k[1]})
        id_hashes = sorted({k[2] for k in keys if k[2]})
        self.mothers: dict[str, Volunteer] = {}
        for batch in batched(phones):
            mothers = (
                Volunteer.objects.filter(county=self.county, phone__in=batch)
                .annotate(active=Count("pairs", filter=Q(pairs__status=Pair.Status.ACTIVE)))
                .order_by("-status", "pk")  # an approved record before an application
            )
            for mother in mothers:
                self.mothers.setdefault(mother.phone.as_e164, mother)
        self.children: dict[str, Child] = {}
        children = Child.objects.active().filter(county=self.county)
        for batch in batched(identities):
            for child in children.filter(identity_hash__in=batch).order_by("-pk"):
                self.children[child.identity_hash] = child  # the oldest record wins
        for batch in batched(id_hashes):
            for child in children.filter(id_number_hash__in=batch):
                self.children["id:" + child.id_number_hash] = child
        child_ids = [child.pk for child in self.children.values()]
        self.active: dict[int, Pair] = {}
        for batch in batched(child_ids):
            for pair in Pair.objects.active().filter(child_id__in=batch):
                self.active[pair.child_id] = pair
        self.added: Counter[int] = Counter()

    def lookup(self, row: dict) -> tuple[Volunteer | None, Child | None]:
        phone, identity, id_hash = self.keys(row)
        mother = self.mothers.get(phone) if phone else None
        child = (self.children.get("id:" + id_hash) if id_hash else None) or (
            self.children.get(identity) if identity else None
        )
        return mother, child

    def get_or_init_instance(self, instance_loader, row):
        mother, child = self.lookup(row)
        pair = self.active.get(child.pk) if child else None
        if pair is not None and mother is not None and pair.mother_id == mother.pk:
            return pair, False
        return Pair(mother=mother, child=child, county=self.county, created_by=self.actor), True

    def import_instance(self, instance, row, **kwargs):
        if instance.pk:
            instance.ledger_unchanged = True  # an active pair is history, never rewritten
            return
        super().import_instance(instance, row, **kwargs)

    def check(self, instance, row, errors):
        mother, child = self.lookup(row)
        if mother is None:
            errors["mother_phone"] = [_("No caring mother of this county has this number.")]
        elif not mother.is_approved:
            errors["mother_phone"] = [_("Only an approved caring mother can be paired.")]
        elif mother.active + self.added[mother.pk] >= mother.max_children:
            errors["mother_phone"] = [
                _("%(name)s already cares for %(count)d children, as many as she offered.")
                % {"name": mother.name, "count": mother.active + self.added[mother.pk]}
            ]
        if child is None:
            column = layouts.CHILD_ID_NUMBER if row.get(layouts.CHILD_ID_NUMBER) else None
            errors["child_id_number" if column else "child_name"] = [
                _("No child of this county has this name and date of birth (or ID number).")
            ]
        elif child.pk in self.active:
            errors["child_name"] = [_("This child already has an active caring mother.")]
        if instance.started_on and instance.started_on > self.today:
            errors["started_on"] = [_("A pair cannot start in the future.")]
        if errors:
            return
        instance.mother, instance.child = mother, child
        # Later rows of the file see this pair: the child is taken, the mother has one more.
        self.active[child.pk] = instance
        self.added[mother.pk] += 1

    def get_bulk_update_fields(self):
        return []
