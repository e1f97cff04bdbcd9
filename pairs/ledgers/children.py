"""The children's ledger (儿童台账): one row a child of the county, matched with the records
already there by the keyed hash of name and date of birth (never by decrypting), created
with source "ledger" and the people side's rules (``people.services.child_fields_check``,
``child_identity_set``)."""

from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from import_export import fields

from pairs.ledgers import layouts
from pairs.ledgers.resources import LedgerResource, batched
from pairs.ledgers.widgets import (
    ChoiceWordWidget,
    DateWidget,
    IdNumberWidget,
    PhoneWidget,
    TextWidget,
    text_of,
)
from people.errors import DomainError
from people.fields import lookup_hash
from people.models import Child
from people.services import child_fields_check, child_identity_set


def identity_of(row: dict) -> str | None:
    """The keyed hash a child of this row would have, or None if name or date is unreadable."""
    name = text_of(row.get(layouts.NAME))
    try:
        dob = DateWidget().clean(row.get(layouts.DATE_OF_BIRTH))
    except ValueError:
        return None
    return lookup_hash(name, dob.isoformat()) if name and dob else None


def id_hash_of(row: dict) -> str | None:
    try:
        number = IdNumberWidget().clean(row.get(layouts.ID_NUMBER))
    except ValueError:
        return None
    return lookup_hash(number) if number else None


class ChildLedgerResource(LedgerResource):
    name = fields.Field("name", layouts.NAME, TextWidget(required=True, max_length=50))
    gender = fields.Field(
        "gender", layouts.GENDER, ChoiceWordWidget(layouts.GENDERS, required=True)
    )
    date_of_birth = fields.Field("date_of_birth", layouts.DATE_OF_BIRTH, DateWidget(required=True))
    id_number = fields.Field("id_number", layouts.ID_NUMBER, IdNumberWidget())
    township = fields.Field("township", layouts.TOWNSHIP, TextWidget(required=True, max_length=50))
    address = fields.Field("address", layouts.ADDRESS, TextWidget(max_length=200))
    category = fields.Field(
        "category", layouts.CATEGORY, ChoiceWordWidget(layouts.CATEGORIES, required=True)
    )
    school_stage = fields.Field(
        "school_stage", layouts.SCHOOL_STAGE, ChoiceWordWidget(layouts.SCHOOL_STAGES, required=True)
    )
    guardian_name = fields.Field("guardian_name", layouts.GUARDIAN_NAME, TextWidget(max_length=50))
    guardian_phone = fields.Field("guardian_phone", layouts.GUARDIAN_PHONE, PhoneWidget())
    relationship = fields.Field(
        "relationship", layouts.RELATIONSHIP, ChoiceWordWidget(layouts.RELATIONSHIPS)
    )
    needs = fields.Field("needs", layouts.NEEDS, TextWidget(max_length=2000))
    special_needs = fields.Field(
        "special_needs", layouts.SPECIAL_NEEDS, TextWidget(max_length=2000)
    )

    required = (
        layouts.NAME,
        layouts.GENDER,
        layouts.DATE_OF_BIRTH,
        layouts.TOWNSHIP,
        layouts.CATEGORY,
        layouts.SCHOOL_STAGE,
    )
    compared = (
        "name",
        "gender",
        "date_of_birth",
        "id_number",
        "township",
        "address",
        "category",
        "school_stage",
        "guardian_name",
        "guardian_phone",
        "relationship",
        "needs",
        "special_needs",
    )
    example = {
        layouts.NAME: "张小花",
        layouts.GENDER: "女",
        layouts.DATE_OF_BIRTH: "2015-03-02",
        layouts.ID_NUMBER: "",
        layouts.COUNTY: "",
        layouts.TOWNSHIP: "城北街道",
        layouts.ADDRESS: "城北街道幸福村12号",
        layouts.CATEGORY: "留守儿童",
        layouts.SCHOOL_STAGE: "小学",
        layouts.GUARDIAN_NAME: "张奶奶",
        layouts.GUARDIAN_PHONE: "13800138000",
        layouts.RELATIONSHIP: "祖父母",
        layouts.NEEDS: "学业辅导、陪伴",
        layouts.SPECIAL_NEEDS: "",
    }

    class Meta(LedgerResource.Meta):
        model = Child
        fields = (
            "name",
            "gender",
            "date_of_birth",
            "id_number",
            "county_name",
            "township",
            "address",
            "category",
            "school_stage",
            "guardian_name",
            "guardian_phone",
            "relationship",
            "needs",
            "special_needs",
        )

    def load_existing(self, rows):
        identities = sorted({key for row in rows if (key := identity_of(row))})
        id_hashes = sorted({key for row in rows if (key := id_hash_of(row))})
        self.existing: dict[str, Child] = {}
        for batch in batched(identities):
            children = (
                Child.objects.active()
                .filter(county=self.county, identity_hash__in=batch)
                # The original record first, then those marked as its possible duplicates.
                .order_by(F("possible_duplicate_of").asc(nulls_first=True), "pk")
            )
            for child in children:
                self.existing.setdefault(child.identity_hash, child)
        self.id_owners: dict[str, int] = {}
        for batch in batched(id_hashes):
            self.id_owners.update(
                Child.objects.filter(id_number_hash__in=batch).values_list("id_number_hash", "pk")
            )

    def find_existing(self, row):
        key = identity_of(row)
        return self.existing.get(key) if key else None

    def new_instance(self, row):
        return Child(county=self.county, source=Child.Source.LEDGER)

    def check(self, instance, row, errors):
        try:
            child_fields_check({"name": instance.name, "date_of_birth": instance.date_of_birth})
        except DomainError as error:
            self.domain_error(errors, error, "name")
            return
        child_identity_set(instance)
        if (first := self.first_seen(instance.identity_hash, row)) is not None:
            errors["name"] = [_("The same child is already in row %(row)d.") % {"row": first}]
        if instance.id_number_hash:
            owner = self.id_owners.get(instance.id_number_hash)
            if owner is not None and owner != instance.pk:
                errors["id_number"] = [_("A child with this ID number is already registered.")]
            elif (first := self.first_seen("id:" + instance.id_number_hash, row)) is not None:
                errors["id_number"] = [
                    _("The same ID number is already in row %(row)d.") % {"row": first}
                ]

    def get_bulk_update_fields(self):
        return [
            *self.compared,
            "birth_year",
            "identity_hash",
            "name_hash",
            "id_number_hash",
            "updated_at",
        ]

    def before_save_instance(self, instance, row, **kwargs):
        instance.updated_at = timezone.now()
