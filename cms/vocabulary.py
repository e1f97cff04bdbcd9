"""The short lists the public filters offer (counties, training topics, class categories,
story series), kept in the cache: every listing page shows them and an editor changes them a
few times a year. Each app names its lists in its ``ready`` (``keep``), which connects the
receivers that forget a list when one of its rows is saved or deleted, in every process."""

from django import forms
from django.core.cache import caches
from django.db import models
from django.db.models.signals import post_delete, post_save

_KEPT: set[type[models.Model]] = set()


def _key(model: type[models.Model], to_field: str) -> str:
    return f"cms:choices:{model._meta.label_lower}:{to_field}"


def keep(*kept: type[models.Model]) -> None:
    """Forget the cached lists of these models when one of their rows changes."""
    for model in kept:
        _KEPT.add(model)
        for signal in (post_save, post_delete):
            signal.connect(_forget, sender=model, weak=False)


def _forget(sender, **kwargs) -> None:
    caches["kept"].delete_many([_key(sender, "slug"), _key(sender, "pk")])


def cached_choices(field: forms.ModelChoiceField) -> list[tuple[str, str]]:
    to_field = field.to_field_name or "pk"
    key = _key(field.queryset.model, to_field)
    choices = caches["kept"].get(key)
    if choices is None:
        choices = [(str(getattr(obj, to_field)), str(obj)) for obj in field.queryset]
        caches["kept"].set(key, choices, None)
    return choices


def use_cached_choices(form: forms.Form) -> None:
    """Let ``form``'s model choice fields show their options from the cache; a value given is
    still checked against the database."""
    for field in form.fields.values():
        if isinstance(field, forms.ModelChoiceField) and field.queryset.model in _KEPT:
            empty = [("", field.empty_label)] if field.empty_label is not None else []
            field.choices = empty + cached_choices(field)
