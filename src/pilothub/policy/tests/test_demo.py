"""Demo data: budgets for the demo regions and applications in several stages, idempotent."""

import pytest

from pilothub.accounts import demo as accounts_demo
from pilothub.policy import demo, engine
from pilothub.policy.models import ApplicationStatus, Budget, SubsidyApplication

pytestmark = pytest.mark.django_db


def test_demo_loads_twice_without_duplicates():
    accounts_demo.load()
    demo.load()
    demo.load()
    assert Budget.objects.count() == len(demo.DEMO_BUDGETS)
    assert sorted(SubsidyApplication.objects.values_list("status", flat=True)) == sorted([
        ApplicationStatus.SUBMITTED, ApplicationStatus.FIRST_PASSED, ApplicationStatus.SECOND_PASSED,
        ApplicationStatus.PAID, ApplicationStatus.RETURNED])
    for application in SubsidyApplication.objects.all():
        assert engine.recompute(application.trace)["amount"] == application.amount
    assert {b.region_id for b in Budget.objects.all()} == {"110000", "110116", "330400"}
