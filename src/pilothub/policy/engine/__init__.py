"""PilotHub policy rules engine: pure Python, no Django.

Public API:
    evaluate(request, region_chain=None) -> dict
    list_measures(region_chain, as_of) -> list[dict]
    recompute(trace) -> dict
    default_region_chain(code) -> list[str]
    PolicyInputError, ENGINE_VERSION
See docs/policy-engine.md.
"""

from .catalogue import list_measures
from .errors import PolicyInputError, RuleFileError
from .evaluate import evaluate, recompute
from .params import default_rulebook, load_rulebook
from .regions import default_region_chain
from .version import ENGINE_VERSION

__all__ = [
    "ENGINE_VERSION",
    "PolicyInputError",
    "RuleFileError",
    "default_region_chain",
    "default_rulebook",
    "evaluate",
    "list_measures",
    "load_rulebook",
    "recompute",
]
