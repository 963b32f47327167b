"""Turning Django model validation into the domain error the UI and API understand."""

from __future__ import annotations

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils import translation

from .errors import DomainError


def raise_first_validation_error(instance: models.Model, *, exclude: list[str] | None = None) -> None:
    """full_clean(), reporting the first problem as a DomainError naming the field."""
    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as error:
        with translation.override("zh-hans"):
            field, messages = next(iter(error.message_dict.items()))
        with translation.override("en"):
            messages_en = error.message_dict[field]
        label = field
        if field != NON_FIELD_ERRORS:
            try:
                label = str(getattr(instance._meta.get_field(field), "verbose_name", field))
            except Exception:  # noqa: BLE001 - a non-model key keeps its own name
                label = field
        raise DomainError("invalid", f"{label}：{'；'.join(messages)}", f"{field}: {' '.join(messages_en)}",
                          field=None if field == NON_FIELD_ERRORS else field)
