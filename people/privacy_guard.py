"""The privacy guard on public pages: before a page is published, scheduled or approved in
a moderation workflow that publishes it, its text is checked for a registered child's full
name, a mainland mobile number and an ID card number; a page showing any is refused, with a
message naming the kind and the field (never the child's name beyond what the editor
typed), who may then write a pseudonym (小X).

Where it runs (``people.apps`` and ``people.wagtail_hooks``):

- ``PrivacyGuardedPageForm``, every page's editor form (``guard_every_page``; the course
  pages' form extends it): on "Publish" (a go-live date in the future schedules it,
  through the same action) and on approving a workflow task from the editor; a draft save
  or a submission for moderation is not checked.
- Approving from the workflow's dialog (no page form): ``refuse_approval`` on the task
  state's save, which rolls the approval back.

Children's names are never decrypted for it: every 2–4 Han-character run of the text is
hashed with the register's key and looked up in ``Child.name_hash``. A given name alone (小明)
is not a match: only the full names (2–4 Han characters, as registered) of children not
anonymised are.
"""

import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.fields import RichTextField, StreamField

from people.fields import lookup_hash

CHILD_NAME, PHONE, ID_NUMBER = "child_name", "phone", "id_number"
HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]{2,}")
PHONE_RE = re.compile(r"(?<![\d])1[3-9](?:[ \t\u3000-]?\d){9}(?![\d])")
ID18_RE = re.compile(r"(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])")
ID15_RE = re.compile(r"(?<![\d])\d{15}(?![\d])")
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
STREAM_SKIPPED_KEYS = {"id", "type"}  # a block's id and type are not its text
# Actions of the page editor that publish (or schedule) the page.
PUBLISH_ACTION = "action-publish"
WORKFLOW_ACTION = "action-workflow-action"
APPROVALS = {"approve", "approve-with-comment"}
HASH_BATCH = 500  # name hashes looked up per query


@dataclass(frozen=True)
class Finding:
    kind: str  # CHILD_NAME, PHONE or ID_NUMBER
    field: str  # the field's label
    shown: str = ""  # what the editor typed, masked (numbers only; never a child's name)

    @property
    def message(self) -> str:
        if self.kind == CHILD_NAME:
            return _(
                "“%(field)s” names a registered child in full. Public pages never name a "
                "child: write a pseudonym such as “Little X” instead."
            ) % {"field": self.field}
        if self.kind == PHONE:
            return _(
                "“%(field)s” shows a mobile phone number (%(number)s). Remove it before publishing."
            ) % {"field": self.field, "number": self.shown}
        return _(
            "“%(field)s” shows an ID card number (%(number)s). Remove it before publishing."
        ) % {"field": self.field, "number": self.shown}


def plain_text(value) -> str:
    """A field's text: rich text without its tags, a StreamField's every string."""
    if value is None:
        return ""
    if hasattr(value, "raw_data"):  # a StreamValue
        return "\n".join(_strings(list(value.raw_data)))
    if hasattr(value, "source"):  # a RichText
        value = value.source
    if isinstance(value, str):
        return html.unescape(strip_tags(value)) if "<" in value else value
    return ""


def _strings(data) -> Iterator[str]:
    if isinstance(data, str):
        yield plain_text(data)
    elif isinstance(data, dict):
        for key, item in data.items():
            if key not in STREAM_SKIPPED_KEYS:
                yield from _strings(item)
    elif isinstance(data, list | tuple):
        for item in data:
            yield from _strings(item)
    elif hasattr(data, "get") and hasattr(data, "items"):
        yield from _strings(dict(data.items()))


def _mask(number: str) -> str:
    digits = re.sub(r"\D", "", number[:-1]) + number[-1]
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


def valid_id18(number: str) -> bool:
    total = sum(int(digit) * weight for digit, weight in zip(number[:17], ID_WEIGHTS, strict=True))
    return ID_CHECK[total % 11] == number[17].upper()


def number_findings(field: str, text: str) -> list[Finding]:
    found = [Finding(PHONE, field, _mask(m.group())) for m in PHONE_RE.finditer(text)]
    found += [
        Finding(ID_NUMBER, field, _mask(m.group()))
        for m in ID18_RE.finditer(text)
        if valid_id18(m.group())
    ]
    found += [Finding(ID_NUMBER, field, _mask(m.group())) for m in ID15_RE.finditer(text)]
    return found


def candidate_names(text: str) -> set[str]:
    """Every run of 2 to 4 Han characters in ``text`` (a full name could be any of them)."""
    runs = set()
    for match in HAN_RUN.finditer(text):
        run = match.group()
        for size in (2, 3, 4):
            runs.update(run[i : i + size] for i in range(len(run) - size + 1))
    return runs


def registered_names_among(candidates: set[str]) -> set[str]:
    """Which of ``candidates`` is a registered child's full name (children not anonymised),
    through the keyed hash of the name alone (``Child.name_hash``): nothing is decrypted, and
    the cost grows with the text, not with the register. One query per 500 candidates."""
    from people.models import Child

    by_hash = {lookup_hash(candidate): candidate for candidate in candidates}
    hashes = list(by_hash)
    found: set[str] = set()
    for start in range(0, len(hashes), HASH_BATCH):
        batch = hashes[start : start + HASH_BATCH]
        matched = Child.objects.filter(anonymised_at__isnull=True, name_hash__in=batch)
        found.update(by_hash[h] for h in matched.values_list("name_hash", flat=True))
    return found


def check_texts(texts: Iterable[tuple[str, str]]) -> list[Finding]:
    """The findings in ``texts``, (field label, text) pairs: numbers first, then names."""
    texts = [(field, text) for field, text in texts if text]
    findings = [f for field, text in texts for f in number_findings(field, text)]
    by_field = {field: candidate_names(text) for field, text in texts}
    matched = registered_names_among(set().union(*by_field.values()) if by_field else set())
    findings += [Finding(CHILD_NAME, field) for field, runs in by_field.items() if runs & matched]
    return findings


def page_texts(page) -> list[tuple[str, str]]:
    """(label, text) of a page's every text field, rich text and StreamField included."""
    texts = []
    for field in page._meta.get_fields():
        if not getattr(field, "concrete", False) or field.is_relation:
            continue
        is_text = isinstance(field, RichTextField | StreamField) or field.get_internal_type() in (
            "CharField",
            "TextField",
        )
        if is_text and field.name not in ("slug", "url_path", "draft_title", "locked"):
            texts.append((str(field.verbose_name), plain_text(getattr(page, field.name))))
    return texts


def check_page(page) -> list[Finding]:
    return check_texts(page_texts(page.specific if hasattr(page, "specific") else page))


class PrivacyGuardedPageForm(WagtailAdminPageForm):
    """The page editor's form: publishing (or scheduling, or approving in a workflow from
    the editor) a page that names a registered child in full, or shows a phone or ID card
    number, is refused with a message saying what was found in which field."""

    def publishes(self) -> bool:
        data = self.data
        if data.get(PUBLISH_ACTION):
            return True
        return bool(data.get(WORKFLOW_ACTION)) and data.get("workflow-action-name") in APPROVALS

    def clean(self):
        cleaned_data = super().clean()
        if self.is_bound and self.publishes():
            self.check_privacy(cleaned_data)
        return cleaned_data

    def form_texts(self, cleaned_data) -> Iterator[tuple[str, str, str | None]]:
        for name, value in cleaned_data.items():
            if name in self.fields and name != "slug":
                yield str(self.fields[name].label or name), plain_text(value), name
        for formset in self.formsets.values():
            formset.is_valid()  # the inline panels are cleaned after this form otherwise
            for form in formset.forms:
                for name, value in getattr(form, "cleaned_data", {}).items():
                    if name in form.fields:
                        yield str(form.fields[name].label or name), plain_text(value), None

    def check_privacy(self, cleaned_data) -> None:
        texts = list(self.form_texts(cleaned_data))
        field_names = {label: name for label, _text, name in texts}
        for finding in check_texts((label, text) for label, text, _name in texts):
            name = field_names.get(finding.field)
            simple = name is not None and not isinstance(cleaned_data.get(name), list)
            has_stream = hasattr(cleaned_data.get(name), "raw_data")
            self.add_error(name if simple and not has_stream else None, finding.message)


def guard_every_page() -> None:
    """Make ``PrivacyGuardedPageForm`` the editor form of every page type, set on each type
    that has no form of its own yet (its subclasses inherit it). Called from
    ``PeopleConfig.ready``: Wagtail's admin sets ``Page.base_form_class`` itself, later, so
    it is set on our types, not on ``Page``; the rooms above that give a type its own form
    (``enrollment``'s ``CoursePageForm``) extend this one."""
    from wagtail.models import Page, get_page_models

    for model in get_page_models():  # a type before its subclasses
        if model is Page:
            continue
        owner = next((c for c in model.__mro__ if "base_form_class" in c.__dict__), Page)
        if owner is Page:
            model.base_form_class = PrivacyGuardedPageForm


def refuse_approval(sender, instance, **kwargs) -> None:
    """A task state being approved (from the workflow's dialog): refused, and rolled back,
    if the revision it would publish names a child or shows a phone or ID number."""
    if instance.pk is None or instance.status != "approved" or instance.revision_id is None:
        return
    if not type(instance).objects.filter(pk=instance.pk, status="in_progress").exists():
        return  # already approved: not this approval
    page = instance.revision.as_object()
    if not hasattr(page, "get_url_parts"):  # a snippet in a workflow: not a public page
        return
    findings = check_page(page)
    if findings:
        _tell_editor([f.message for f in findings])
        raise PermissionDenied(" ".join(f.message for f in findings))


def _tell_editor(lines: list[str]) -> None:
    from wagtail.admin import messages

    from people.audit import current_request

    request = current_request()
    if request is not None:
        for line in lines:
            messages.error(request, line)
