"""The ledgers staff export as .xlsx, with the federation's Chinese headers; every cell
neutralised against formulas (``cms.exports.safe_cell``).

One ledger is one entry of ``EXPORTS``: a django-import-export ``Resource`` (its columns)
and a selector (its rows, one query). Adding a ledger is a resource class, a selector
and one line here (and its label in ``pairs.admin.ledger_downloads``); the view, the audit and the
permission come with it (its URL is ``people_ledgers:export`` with the new kind)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import translation

from import_export import fields, resources

from cms.exports import safe_cell
from pairs.ledgers import layouts as L
from pairs.ledgers.widgets import ChoiceWordWidget, DateWidget, PhoneWidget, TextWidget
from pairs.models import Donation, Pair, VisitKind
from pairs.selectors.donations import donations_for_ledger
from pairs.selectors.ledgers import children_for_ledger, pairs_for_ledger, visits_for_ledger

YES, NO = "是", "否"
PAIR_STATUS = {Pair.Status.ACTIVE: ["结对中"], Pair.Status.ENDED: ["已结束"]}


def text(attribute: str, column: str) -> fields.Field:
    return fields.Field(attribute, column, TextWidget(max_length=10_000))


class LedgerExportResource(resources.Resource):
    only: tuple[str, ...] = ()  # a subclass's subset of the fields, in this order

    def get_export_fields(self, selected_fields=None):
        if self.only:
            return [self.fields[name] for name in self.only]
        return super().get_export_fields(selected_fields)

    def export_field(self, field, instance, **kwargs):
        return safe_cell(super().export_field(field, instance, **kwargs))


class ChildLedgerExport(LedgerExportResource):
    county = text("county__name", L.COUNTY)
    name = text("name", L.NAME)
    gender = fields.Field("gender", L.GENDER, ChoiceWordWidget(L.GENDERS))
    date_of_birth = fields.Field("date_of_birth", L.DATE_OF_BIRTH, DateWidget())
    id_number = text("id_number", L.ID_NUMBER)
    township = text("township", L.TOWNSHIP)
    address = text("address", L.ADDRESS)
    category = fields.Field("category", L.CATEGORY, ChoiceWordWidget(L.CATEGORIES))
    school_stage = fields.Field("school_stage", L.SCHOOL_STAGE, ChoiceWordWidget(L.SCHOOL_STAGES))
    guardian_name = text("guardian_name", L.GUARDIAN_NAME)
    guardian_phone = fields.Field("guardian_phone", L.GUARDIAN_PHONE, PhoneWidget())
    relationship = fields.Field("relationship", L.RELATIONSHIP, ChoiceWordWidget(L.RELATIONSHIPS))
    needs = text("needs", L.NEEDS)
    special_needs = text("special_needs", L.SPECIAL_NEEDS)
    paired = fields.Field(column_name=L.PAIRED, dehydrate_method="dehydrate_paired")

    def dehydrate_paired(self, child) -> str:
        return YES if child.paired else NO


class NeedsLedgerExport(ChildLedgerExport):
    """需求台账: what each child needs, where, of which category, and whether a caring mother
    is already there for her; no ID number, address or guardian."""

    only = (
        "county",
        "name",
        "gender",
        "date_of_birth",
        "township",
        "category",
        "school_stage",
        "needs",
        "special_needs",
        "paired",
    )


class PairLedgerExport(LedgerExportResource):
    county = text("county__name", L.COUNTY)
    mother_name = text("mother__name", L.MOTHER_NAME)
    mother_phone = fields.Field("mother__phone", L.MOTHER_PHONE, PhoneWidget())
    child_name = text("child__name", L.CHILD_NAME)
    child_date_of_birth = fields.Field("child__date_of_birth", L.CHILD_DATE_OF_BIRTH, DateWidget())
    township = text("child__township", L.TOWNSHIP)
    started_on = fields.Field("started_on", L.STARTED_ON, DateWidget())
    status = fields.Field("status", L.STATUS, ChoiceWordWidget(PAIR_STATUS))
    ended_on = fields.Field("ended_on", L.ENDED_ON, DateWidget())
    end_reason = fields.Field(column_name=L.END_REASON, dehydrate_method="dehydrate_end_reason")
    agreement = fields.Field(column_name=L.AGREEMENT, dehydrate_method="dehydrate_agreement")

    def dehydrate_end_reason(self, pair) -> str:
        with translation.override(L.LANGUAGE):  # the ledger's words, not the UI's
            reason = str(pair.get_end_reason_display()) if pair.end_reason else ""
        return f"{reason}：{pair.end_note}" if reason and pair.end_note else reason

    def dehydrate_agreement(self, pair) -> str:
        return "已签" if pair.has_agreement else "未签"


class VisitLedgerExport(LedgerExportResource):
    """走访台账: each visit or call, the pair it was on and what the mother wrote."""

    county = text("county__name", L.COUNTY)
    visited_on = fields.Field("visited_on", L.VISITED_ON, DateWidget())
    mother_name = text("pair__mother__name", L.MOTHER_NAME)
    child_name = text("pair__child__name", L.CHILD_NAME)
    township = text("pair__child__township", L.TOWNSHIP)
    kind = fields.Field(column_name=L.VISIT_KIND, dehydrate_method="dehydrate_kind")
    festival = text("festival__name", L.FESTIVAL)
    what_was_done = text("what_was_done", L.WHAT_WAS_DONE)
    needs_noticed = text("needs_noticed", L.NEEDS_NOTICED)
    follow_up_wanted = text("follow_up_wanted", L.FOLLOW_UP)

    def dehydrate_kind(self, visit) -> str:
        with translation.override(L.LANGUAGE):
            return str(VisitKind(visit.kind).label)


class DonationLedgerExport(LedgerExportResource):
    """社会捐赠台账: each donation, its donor, value and what it served (no child named)."""

    county = text("county__name", "县（市、区）")
    date = fields.Field("date", "日期", DateWidget())
    donor = text("donor", "捐赠方")
    donor_kind = fields.Field(column_name="捐赠方类型", dehydrate_method="dehydrate_donor_kind")
    kind = fields.Field(column_name="捐赠类型", dehydrate_method="dehydrate_kind")
    value = fields.Field(column_name="价值（元）", dehydrate_method="dehydrate_value")
    description = text("description", "说明")
    served = fields.Field(column_name="服务的活动", dehydrate_method="dehydrate_served")

    def dehydrate_donor_kind(self, donation) -> str:
        with translation.override(L.LANGUAGE):
            return str(Donation.DonorKind(donation.donor_kind).label)

    def dehydrate_kind(self, donation) -> str:
        with translation.override(L.LANGUAGE):
            return str(Donation.Kind(donation.kind).label)

    def dehydrate_value(self, donation) -> str:
        return f"{donation.value:.2f}"

    def dehydrate_served(self, donation) -> str:
        if donation.session_id:
            return str(donation.session)
        return donation.course.title if donation.course_id else ""


@dataclass(frozen=True)
class LedgerExport:
    file_title: str  # the workbook's name, before the date
    resource: type[LedgerExportResource]
    rows: Callable[..., QuerySet]  # the rows a member of staff may export (a selector)
    shows_children: bool = True  # each row shows a child (the audit counts them)


EXPORTS: dict[str, LedgerExport] = {
    "children": LedgerExport("儿童台账", ChildLedgerExport, children_for_ledger),
    "pairs": LedgerExport("结对台账", PairLedgerExport, pairs_for_ledger),
    "needs": LedgerExport("需求台账", NeedsLedgerExport, children_for_ledger),
    "visits": LedgerExport("走访台账", VisitLedgerExport, visits_for_ledger),
    "donations": LedgerExport(
        "社会捐赠台账", DonationLedgerExport, donations_for_ledger, shows_children=False
    ),
}
