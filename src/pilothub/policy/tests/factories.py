"""Factories and request builders for the policy app's Django tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from pilothub.policy.models import Budget
from pilothub.testing.factories import OrganisationFactory, UserFactory, region


def enterprise_user(region_code: str = "110116", **kwargs: Any):
    organisation = OrganisationFactory(region=region(region_code))
    return UserFactory(organisation=organisation, **kwargs)


def today() -> str:
    return timezone.localdate().isoformat()


def contract_request(*, region_code: str = "110116", contract_amount: int = 800_000,
                          as_of: str | None = None) -> dict[str, Any]:
    return {"region": region_code, "as_of": as_of or today(),
            "applicant": {"sector": "科学仪器和传感器"},
            "project": {"type": "test_contract", "contract_amount": contract_amount,
                        "platform_in_municipal_list": False}}


def new_platform_request(*, region_code: str = "110116", total_investment: int = 20_000_000,
                         as_of: str | None = None) -> dict[str, Any]:
    return {"region": region_code, "as_of": as_of or today(),
            "applicant": {"independent_legal_entity": False},
            "project": {"type": "new_platform", "industry": "人工智能", "total_investment": total_investment,
                        "has_municipal_support": False, "uses_science_city_facilities": False}}


def upgrade_request(kind: str, *, fixed: int = 10_000_000, region_code: str = "110116") -> dict[str, Any]:
    return {"region": region_code, "as_of": today(), "applicant": {},
            "project": {"type": kind, "total_investment": fixed, "fixed_asset_investment": fixed}}


def budget(measure: str, region_code: str, amount: int, year: int | None = None) -> Budget:
    return Budget.objects.create(measure=measure, region=region(region_code), amount=amount,
                                 year=year or timezone.localdate().year)


def as_date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)
