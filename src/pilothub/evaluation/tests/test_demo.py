"""The demo data loads, twice, and leaves every stage and a published 2025 round."""

import pytest
from django.core.management import call_command

from pilothub.accounts.models import OrganisationKind
from pilothub.evaluation.models import (
    CertificationApplication,
    CertificationCall,
    EvaluationResult,
    EvaluationRound,
)
from pilothub.testing.factories import OrganisationFactory, PlatformFactory, region

pytestmark = pytest.mark.django_db


def test_without_demo_platforms_only_calls_and_experts_are_made(monkeypatch):
    # The registry's demo loader would add demo platforms: leave it out to test the case without.
    from pilothub.platforms import demo as platforms_demo

    monkeypatch.setattr(platforms_demo, "load", lambda stdout=None: {})
    call_command("demo_data")
    assert CertificationCall.objects.count() == 3
    assert not CertificationApplication.objects.exists() and not EvaluationRound.objects.exists()


def test_demo_data_is_idempotent_and_covers_the_stages():
    # What the registry's demo provides: published demo platforms in each demo region.
    for code in ("110116", "330402", "442000101"):
        for n in range(3):
            org = OrganisationFactory(kind=OrganisationKind.PLATFORM_OPERATOR, region=region(code), is_demo=True)
            PlatformFactory(name=f"演示平台{code}-{n}", operator=org, region=region(code), is_demo=True)
    call_command("demo_data")
    counts = (CertificationCall.objects.count(), CertificationApplication.objects.count(),
              EvaluationResult.objects.count())
    call_command("demo_data")
    assert (CertificationCall.objects.count(), CertificationApplication.objects.count(),
            EvaluationResult.objects.count()) == counts
    assert counts[0] == 3
    states = set(CertificationApplication.objects.values_list("state", flat=True))
    assert {"submitted", "expert_review", "publicity"} <= states
    assert set(EvaluationRound.objects.values_list("year", "state")) == {(2025, "published")}
    assert EvaluationRound.objects.count() == 3
    assert {r.grade for r in EvaluationResult.objects.all()} >= {"不合格"}
