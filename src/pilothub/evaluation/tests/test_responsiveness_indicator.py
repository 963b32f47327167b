"""The auto-computed responsiveness indicator (decision 0553): from the 2027 versions on."""

import datetime
import zoneinfo

import pytest

from pilothub.bookings.models import Booking, BookingStatus
from pilothub.evaluation import indicators as ind
from pilothub.evaluation.figures import Figure, figure_available, system_figure
from pilothub.testing.factories import EquipmentFactory, OrganisationFactory, PlatformFactory

SH = zoneinfo.ZoneInfo("Asia/Shanghai")


@pytest.mark.parametrize("region", ["110000", "330400", "442000"])
def test_2027_versions_add_the_indicator_to_the_service_dimension_only(region):
    old, new = ind.system_for([region], 2026), ind.system_for([region], 2027)
    assert (old.version, new.version) == (f"{region}@2025", f"{region}@2027")
    assert "responsiveness" not in [i.code for i in old.indicators()]
    indicator = new.indicator("responsiveness")
    assert (indicator.source, indicator.key, indicator.unit) == ("system", "response_within_3_workdays", "%")
    service = next(d for d in new.dimensions if d.code == "service")
    assert indicator.weight / sum(i.weight for i in service.indicators) == 0.2
    # Every other dimension, indicator, grade and consequence is the 2025 one.
    assert [d for d in new.dimensions if d.code != "service"] == [d for d in old.dimensions if d.code != "service"]
    assert (new.grades, new.consequences) == (old.grades, old.consequences)
    assert ind.rule_score(indicator.rule, 50) == 0.0 and ind.rule_score(indicator.rule, 95) == 100.0


@pytest.mark.django_db
def test_the_figure_counts_the_years_requests():
    assert figure_available("response_within_3_workdays")
    platform = PlatformFactory()
    equipment = EquipmentFactory(platform=platform)
    customer = OrganisationFactory()
    slot = datetime.datetime(2027, 3, 1, 9, tzinfo=SH)

    def booking(asked, decided, n):
        start = slot + datetime.timedelta(hours=2 * n)
        Booking.objects.create(equipment=equipment, customer=customer, start=start,
                               end=start + datetime.timedelta(hours=1), purpose="测试",
                               status=BookingStatus.APPROVED, created_at=asked, decided_at=decided)

    booking(datetime.datetime(2026, 12, 31, 9, tzinfo=SH), datetime.datetime(2026, 12, 31, 10, tzinfo=SH), 0)
    booking(datetime.datetime(2026, 1, 5, 9, tzinfo=SH), datetime.datetime(2026, 1, 5, 13, tzinfo=SH), 1)
    booking(datetime.datetime(2026, 2, 13, 9, tzinfo=SH), datetime.datetime(2026, 2, 25, 9, tzinfo=SH), 2)  # within (holiday)
    booking(datetime.datetime(2026, 3, 2, 9, tzinfo=SH), datetime.datetime(2026, 3, 9, 9, tzinfo=SH), 3)  # late
    figure = system_figure("response_within_3_workdays", platform=platform, year=2026)
    assert isinstance(figure, Figure)
    assert figure.value == 75.0  # 3 of the 4 requests made in 2026
    assert "4 次到期请求中 3 次" in figure.detail
    empty = system_figure("response_within_3_workdays", platform=platform, year=2025)
    assert isinstance(empty, Figure) and empty.value is None
