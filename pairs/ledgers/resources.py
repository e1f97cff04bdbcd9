"""What every ledger import shares (django-import-export ``ModelResource``): the county and
the person importing, existing records looked up for the whole file (or chunk) at once in
``before_import``, rows that change nothing counted as skipped, the same record twice in a
file refused, and errors keyed by column. The three ledgers are in ``children``,
``mothers`` and ``pairs`` of this package."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from import_export import fields, resources
from import_export.results import RowResult

from pairs.ledgers import layouts
from pairs.ledgers.widgets import text_of
from people.errors import DomainError

IN_BATCH = 900  # values per ``__in`` lookup (SQLite allows a limited number of parameters)


def batched(values: list, size: int = IN_BATCH):
    for start in range(0, len(values), size):
        yield values[start : start + size]


class LedgerRowResult(RowResult):
    def add_instance_info(self, instance):
        # Not ``str(instance)``: that would decrypt a child's name, or query a pair's mother
        # and child, for every row, to show nothing.
        self.object_id = instance.pk


class LedgerResource(resources.ModelResource):
    """Subclasses declare their fields (column headers from ``layouts``), ``required``
    (the columns a file must have), ``compared`` (the attributes an update may change),
    ``example`` (the template's example row) and the lookups."""

    county_name = fields.Field(attribute=None, column_name=layouts.COUNTY)

    required: tuple[str, ...] = ()
    compared: tuple[str, ...] = ()
    example: dict[str, object] = {}

    class Meta:
        fields = ()
        import_id_fields = ()
        use_bulk = True
        batch_size = 500
        skip_diff = True
        report_skipped = False  # counted in the totals all the same
        clean_model_instances = False
        use_transactions = True

    def __init__(self, *, county, actor):
        super().__init__()
        self.county = county
        self.actor = actor
        self.today = timezone.localdate()

    def get_row_result_class(self):
        return LedgerRowResult

    # The layout ---------------------------------------------------------------------------
    @classmethod
    def columns(cls) -> list[str]:
        return [cls.fields[name].column_name for name in cls._meta.fields]

    @classmethod
    def column_of(cls, name: str) -> str:
        field = cls.fields.get(name)
        return field.column_name if field is not None else ""

    # Looking records up -------------------------------------------------------------------
    def before_import(self, dataset, **kwargs):
        self.seen: dict[str, int] = {}
        self.load_existing([dict(zip(dataset.headers, values, strict=True)) for values in dataset])

    def load_existing(self, rows: list[dict]) -> None:
        raise NotImplementedError

    def find_existing(self, row: dict):
        raise NotImplementedError

    def new_instance(self, row: dict):
        raise NotImplementedError

    def get_instance(self, instance_loader, row):
        return self.find_existing(row)

    def init_instance(self, row=None):
        return self.new_instance(row)

    # Checking a row -----------------------------------------------------------------------
    def check(self, instance, row: dict, errors: dict) -> None:
        """Add ``{field name: message}`` to ``errors`` for the rules beyond one cell."""

    def unchanged(self, instance, before: tuple | None) -> bool:
        return before is not None and before == self.snapshot(instance)

    def snapshot(self, instance) -> tuple:
        values = (getattr(instance, name) for name in self.compared)
        return tuple("" if value is None else value for value in values)

    def import_instance(self, instance, row, **kwargs):
        before = self.snapshot(instance) if instance.pk else None
        errors: dict = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = {
                key: [str(m) for m in messages] for key, messages in error.message_dict.items()
            }
        given = text_of(row.get(layouts.COUNTY))
        if given and layouts.normalise(given) != layouts.normalise(self.county.name):
            errors["county_name"] = [
                _("This file is for %(county)s; the row is of another county.")
                % {"county": self.county.name}
            ]
        if not errors:
            self.check(instance, row, errors)
        if errors:
            raise ValidationError(errors)
        instance.ledger_unchanged = self.unchanged(instance, before)

    def first_seen(self, key: str, row: dict) -> int | None:
        """The row number where ``key`` was first met in this file, if not this row."""
        number = row.get(layouts.ROW_NUMBER)
        first = self.seen.setdefault(key, number)
        return first if first != number else None

    @staticmethod
    def domain_error(errors: dict, error: DomainError, default_field: str) -> None:
        errors.setdefault(error.field or default_field, []).append(str(error.message))

    def skip_row(self, instance, original, row, import_validation_errors=None):
        return not import_validation_errors and getattr(instance, "ledger_unchanged", False)

    # Saving -------------------------------------------------------------------------------
    def get_bulk_update_fields(self):
        return list(self.compared)

    def save_instance(self, instance, is_create, row, **kwargs):
        if kwargs.get("dry_run"):
            return  # the preview: every check, nothing written
        super().save_instance(instance, is_create, row, **kwargs)
