"""Workbooks for the ledger tests: rows as dicts keyed by the Chinese headers."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from pairs.ledgers.files import workbook
from pairs.ledgers.kinds import IMPORTS


def xlsx(kind: str, rows: list[dict], *, columns: list[str] | None = None) -> bytes:
    columns = columns or IMPORTS[kind].columns()
    return workbook(columns, [[row.get(column, "") for column in columns] for row in rows])


def upload(kind: str, rows: list[dict], **kwargs) -> SimpleUploadedFile:
    return SimpleUploadedFile(f"{kind}.xlsx", xlsx(kind, rows, **kwargs))


def born(age: int) -> str:
    today = timezone.localdate()
    return (today.replace(year=today.year - age) - dt.timedelta(days=40)).isoformat()


def child_row(name: str = "张小花", age: int = 9, **extra) -> dict:
    return {
        "姓名": name,
        "性别": "女",
        "出生日期": born(age),
        "乡镇（街道）": "城北街道",
        "类别": "留守儿童",
        "学段": "小学",
        "监护人姓名": "张奶奶",
        "监护人电话": "13800138000",
        "与儿童关系": "祖父母",
        "需求": "学业辅导",
    } | extra


def mother_row(name: str = "李红梅", phone: str = "13900139000", **extra) -> dict:
    return {
        "姓名": name,
        "手机号": phone,
        "乡镇（街道）": "城北街道",
        "工作单位": "城北小学",
        "行业/系统": "教育系统",
        "可结对人数": 2,
    } | extra


def pair_row(child: dict, phone: str = "13900139000", **extra) -> dict:
    return {
        "爱心妈妈手机号": phone,
        "儿童姓名": child["姓名"],
        "儿童出生日期": child["出生日期"],
        "结对日期": "2024-09-01",
    } | extra
