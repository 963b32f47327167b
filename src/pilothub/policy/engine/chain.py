"""Region ancestry handling shared by `evaluate` and `list_measures`."""

from __future__ import annotations

from typing import Any

from .errors import PolicyInputError
from .regions import default_region_chain


def resolve_chain(region: str, region_chain: Any) -> list[str]:
    """Use the caller's ancestry (Django passes it from its region table) or the built-in one."""
    if region_chain is None:
        return default_region_chain(region)
    chain = check_chain(region_chain)
    if chain[0] != region:
        raise PolicyInputError(
            field="region",
            code="region_chain_mismatch",
            message_zh=f"行政区划 {region} 与传入的上级链 {chain} 不一致（链应从该区划开始）",
            message_en=f"region {region} does not start the given region chain {chain}",
        )
    return chain


def check_chain(region_chain: Any) -> list[str]:
    if (
        not isinstance(region_chain, (list, tuple))
        or not region_chain
        or not all(isinstance(code, str) and code for code in region_chain)
        or len(set(region_chain)) != len(region_chain)
    ):
        raise PolicyInputError(
            field="region_chain",
            code="invalid_type",
            message_zh="行政区划链应为从本级到最高级、互不重复的区划代码列表",
            message_en="region_chain must be a non-empty list of distinct region codes, leaf first",
        )
    return list(region_chain)
