"""Policy API: the engine's evaluation and the measure catalogue of a region (public, no login)."""

from __future__ import annotations

import json
from typing import Any

from ninja import Router

from pilothub.core.errors import DomainError

from .selectors import policy_evaluate, policy_measures

router = Router(tags=["policy"])

_EXAMPLE = {"region": "110116", "as_of": "2026-03-01",
            "applicant": {"independent_legal_entity": False, "sme": True, "sector": "科学仪器和传感器"},
            "project": {"type": "new_platform", "industry": "人工智能", "total_investment": 20000000,
                        "has_municipal_support": False, "uses_science_city_facilities": False}}


@router.post("/policy/evaluate", auth=None, summary="政策测算 Evaluate a project against every applicable measure",
             openapi_extra={"requestBody": {"required": True, "content": {"application/json": {
                 "schema": {"type": "object"}, "example": _EXAMPLE}}}})
def evaluate(request) -> Any:
    # The body is read as raw JSON: the engine validates it and names the bad field
    # ("project.total_investment"), which a schema here would only duplicate less precisely.
    try:
        payload = json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError):
        raise DomainError("invalid_json", "请求体不是合法的 JSON", "The request body is not valid JSON", field="request")
    return policy_evaluate(request=payload)


@router.get("/policy/measures", auth=None,
            summary="政策措施清单（含无量化标准的措施） Every measure visible from a region")
def measures(request, region: str | None = None, as_of: str | None = None) -> Any:
    return policy_measures(region=region or None, as_of=as_of or None)
