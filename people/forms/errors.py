"""Turning a refused change (``DomainError``) into a form error the person can act on."""

from django import forms

from people.errors import DomainError


def add_domain_error(form: forms.Form, error: DomainError) -> None:
    """Show ``error`` beside its field, or above the form if it names no field of it."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)
