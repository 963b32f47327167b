"""The demo data loads, twice, and leaves every stage and a published 2025 round."""

import pytest
from django.core.management import call_command

from pilothub.evaluation.models import (
    CertificationApplication,
    CertificationCall,
    EvaluationResult,
    EvaluationRound,
)

pytestmark = pytest.mark.django_db


def test_demo_data_is_idempotent_and_covers_the_stages():
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
