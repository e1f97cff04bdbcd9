"""Children's personal fields are encrypted at rest: a raw dump of the table shows none of
them; the ORM reads them back; lookups go through a keyed hash; keys can be rotated."""

import datetime as dt
import hashlib
import hmac

from django.db import connection

import pytest
from cryptography.fernet import Fernet

from people.fields import (
    EncryptedCharField,
    EncryptedDateField,
    EncryptedTextField,
    lookup_hash,
)
from people.models import Child
from tests.makers import county, make_child, make_guardian

pytestmark = pytest.mark.django_db

NAME = "欧阳小雨"
DATE_OF_BIRTH = dt.date(2016, 3, 7)
ID_NUMBER = "14110220160307002X"
ADDRESS = "离石区凤山街道滨河北路 118 号 3 单元"
GUARDIAN_NAME = "欧阳桂芳"
GUARDIAN_PHONE = "+8613512345678"
NEEDS = "需要数学作业辅导"
SPECIAL_NEEDS = "对青霉素过敏"

SECRETS = [
    NAME,
    "小雨",
    DATE_OF_BIRTH.isoformat(),
    DATE_OF_BIRTH.strftime("%Y%m%d"),
    DATE_OF_BIRTH.strftime("%Y/%m/%d"),
    ID_NUMBER,
    ID_NUMBER.lower(),
    "滨河北路",
    GUARDIAN_NAME,
    "13512345678",
    NEEDS,
    SPECIAL_NEEDS,
]


def encrypted_fields() -> list:
    return [
        field
        for field in Child._meta.concrete_fields
        if isinstance(field, EncryptedCharField | EncryptedTextField | EncryptedDateField)
    ]


def forget_keys() -> None:
    """The library caches keys (and the Fernet built from them) on each field."""
    for field in encrypted_fields():
        field.__dict__.pop("keys", None)
        field.__dict__.pop("f", None)


@pytest.fixture
def use_keys(settings):
    """Switch FIELD_ENCRYPTION_KEYS for the rest of the test (and back afterwards)."""

    def switch(keys: list[bytes]) -> None:
        settings.FIELD_ENCRYPTION_KEYS = [key.decode() for key in keys]
        forget_keys()

    yield switch
    forget_keys()


def add_child(**overrides) -> Child:
    fields = {
        "guardian": make_guardian(),
        "county_obj": county(),
        "name": NAME,
        "date_of_birth": DATE_OF_BIRTH,
        "gender": Child.Gender.GIRL,
        "id_number": ID_NUMBER,
        "address": ADDRESS,
        "guardian_name": GUARDIAN_NAME,
        "guardian_phone": GUARDIAN_PHONE,
        "needs": NEEDS,
        "special_needs": SPECIAL_NEEDS,
    }
    return make_child(**(fields | overrides))


def raw_dump() -> str:
    """Every column of every row of the child table, as the database hands it out."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {Child._meta.db_table}")  # noqa: S608 - a fixed name
        rows = cursor.fetchall()
    assert rows, "the table is empty: nothing was dumped"
    cells = []
    for row in rows:
        for value in row:
            if isinstance(value, bytes | memoryview):
                value = bytes(value).decode("utf-8", errors="replace")
            cells.append(str(value))
    return "\n".join(cells)


def test_every_personal_field_is_an_encrypted_field():
    assert {field.name for field in encrypted_fields()} == {
        "name",
        "date_of_birth",
        "id_number",
        "address",
        "guardian_name",
        "guardian_phone",
        "needs",
        "special_needs",
    }


def test_a_raw_dump_of_the_child_table_contains_no_name_birthday_id_address_or_phone():
    add_child()
    add_child(name="欧阳小宇", id_number="", county_obj=county("wenshui", "文水县"))

    dump = raw_dump()

    for secret in SECRETS:
        assert secret not in dump, f"{secret!r} is readable in the raw table"
    assert "欧阳" not in dump, "not even the family name shows"


def test_the_orm_reads_the_encrypted_fields_back():
    child = add_child()

    child = Child.objects.get(pk=child.pk)

    assert child.name == NAME
    assert child.date_of_birth == DATE_OF_BIRTH
    assert child.id_number == ID_NUMBER
    assert child.address == ADDRESS
    assert (child.guardian_name, child.guardian_phone) == (GUARDIAN_NAME, GUARDIAN_PHONE)
    assert (child.needs, child.special_needs) == (NEEDS, SPECIAL_NEEDS)


def test_the_same_name_encrypts_differently_each_time_so_equal_names_do_not_show():
    add_child(id_number="")
    add_child(id_number="", county_obj=county("wenshui", "文水县"))

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT name FROM {Child._meta.db_table}")  # noqa: S608
        first, second = (row[0] for row in cursor.fetchall())

    assert first != second
    assert not Child.objects.filter(name=NAME).exists(), "equality goes through the hash"


def test_lookup_hash_is_stable_normalised_and_an_hmac_with_the_hash_key(settings):
    settings.FIELD_HASH_KEY = "key-one"
    once = lookup_hash(NAME, DATE_OF_BIRTH.isoformat())

    assert lookup_hash(NAME, DATE_OF_BIRTH.isoformat()) == once
    assert lookup_hash(f" {NAME} ", DATE_OF_BIRTH.isoformat()) == once
    assert lookup_hash("１４１１０２２０１６０３０７００２ｘ") == lookup_hash(ID_NUMBER)
    expected = hmac.new(
        b"key-one", f"{NAME}\x1f{DATE_OF_BIRTH.isoformat()}".encode(), hashlib.sha256
    ).hexdigest()
    assert once == expected
    assert once != hashlib.sha256(f"{NAME}\x1f{DATE_OF_BIRTH.isoformat()}".encode()).hexdigest()


def test_lookup_hash_depends_on_the_key(settings):
    settings.FIELD_HASH_KEY = "key-one"
    with_one = lookup_hash(ID_NUMBER)
    settings.FIELD_HASH_KEY = "key-two"
    assert lookup_hash(ID_NUMBER) != with_one


def test_the_stored_hashes_are_keyed_hashes_of_the_values():
    child = add_child()
    assert child.identity_hash == lookup_hash(NAME, DATE_OF_BIRTH.isoformat())
    assert child.id_number_hash == lookup_hash(ID_NUMBER)


def test_rows_written_with_an_old_key_are_read_after_a_new_key_is_put_first(use_keys):
    old, new = Fernet.generate_key(), Fernet.generate_key()
    use_keys([old])
    child = add_child()

    use_keys([new, old])
    child = Child.objects.get(pk=child.pk)
    assert child.name == NAME and child.date_of_birth == DATE_OF_BIRTH

    child.save()
    use_keys([new])
    assert Child.objects.get(pk=child.pk).name == NAME, "saving re-encrypts with the new key"


def test_without_the_right_key_the_name_cannot_be_read(use_keys):
    use_keys([Fernet.generate_key()])
    child = add_child()

    use_keys([Fernet.generate_key()])

    name = Child.objects.filter(pk=child.pk).values_list("name", flat=True).get()
    assert name != NAME and NAME not in name
