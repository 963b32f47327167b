import pytest
from django.core.management import call_command

from pilothub.demands.models import Challenge, Demand, Quote
from pilothub.testing.factories import PlatformFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_demo_data_is_idempotent_and_uses_existing_platforms(monkeypatch):
    # Without the registry's demo platforms, so the platforms are the ones this test makes.
    from pilothub.platforms import demo as platforms_demo

    monkeypatch.setattr(platforms_demo, "load", lambda stdout=None: {})
    call_command("demo_data")
    assert Demand.objects.filter(is_demo=True).count() == 30
    assert Quote.objects.count() == 0  # no platforms yet: no quotes, no error
    assert Challenge.objects.filter(status="open").count() == 4
    assert Challenge.objects.filter(status="completed").count() == 1
    platform = PlatformFactory()
    UserFactory(role="operator", organisation=platform.operator)
    call_command("demo_data")
    assert Demand.objects.filter(is_demo=True).count() == 30
    assert Challenge.objects.count() == 5
    assert Quote.objects.filter(platform=platform).count() == 8
    call_command("demo_data")
    assert Quote.objects.count() == 8
