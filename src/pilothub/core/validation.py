"""Turning Django model validation into the domain error the UI and API understand."""

from __future__ import annotations

from typing import Annotated

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils import translation
from pydantic import Field

from .errors import DomainError

# An object id in an API body. Unbounded ints reach the database and fail there (SQLite: an
# OverflowError, PostgreSQL: out of range), a 500; bounded, they are refused with a 422 instead.
ObjectId = Annotated[int, Field(ge=1, le=2**63 - 1)]

TEXT_LIMIT = 5000


def clean_text(value: str | None, *, field: str, label_zh: str, label_en: str, limit: int = TEXT_LIMIT,
               required: bool = True) -> str:
    """Stripped text, required and within its length limit, or a DomainError naming the field."""
    text = (value or "").strip()
    if required and not text:
        raise DomainError("required", f"请填写{label_zh}", f"{label_en} is required", field=field)
    if len(text) > limit:
        raise DomainError("too_long", f"{label_zh}不能超过 {limit} 个字（当前 {len(text)} 个）",
                          f"{label_en} must be at most {limit} characters (got {len(text)})", field=field)
    return text


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
