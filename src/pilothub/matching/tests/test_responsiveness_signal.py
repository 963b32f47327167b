"""The responsiveness bonus in ranking (decision 0553)."""

import datetime

import pytest
from django.utils import timezone

from pilothub.bookings.models import Booking, BookingStatus
from pilothub.demands.responsiveness import Responsiveness
from pilothub.matching import responsiveness
from pilothub.matching.selectors import match_platforms
from pilothub.testing.factories import EquipmentFactory, OrganisationFactory

from .factories import platform, vocabulary

pytestmark = pytest.mark.django_db
H = datetime.timedelta(hours=1)


def test_bonus_is_zero_without_data_and_bounded():
    assert responsiveness.bonus(None) == 0.0
    assert responsiveness.bonus(Responsiveness(platform_id=1)) == 0.0
    fast = Responsiveness(platform_id=1, requests=8, answered=8, within=8)
    slow = Responsiveness(platform_id=2, requests=8, answered=0, within=0)
    assert responsiveness.bonus(fast) == pytest.approx(0.02 * 2 * (10 / 12 - 0.5))
    assert responsiveness.bonus(slow) == pytest.approx(0.02 * 2 * (2 / 12 - 0.5))
    huge = Responsiveness(platform_id=3, requests=10**6, within=10**6)
    assert 0 < responsiveness.bonus(huge) < 0.02


def _bookings(target, *, answered: bool, count: int = 4) -> None:
    now = timezone.now()
    # The same equipment text on both twins, so only the bonus tells them apart.
    equipment = EquipmentFactory(platform=target, name="扫描电子显微镜")
    customer = OrganisationFactory()
    for i in range(count):
        start = now + datetime.timedelta(days=30, hours=3 * i)
        Booking.objects.create(equipment=equipment, customer=customer, start=start, end=start + H, purpose="测试",
                               status=BookingStatus.APPROVED if answered else BookingStatus.PENDING,
                               created_at=now - datetime.timedelta(days=20), decided_at=(now - datetime.timedelta(
                                   days=20) + 2 * H) if answered else None)


def test_a_fast_twin_ranks_above_a_slow_twin_but_not_above_a_better_fit():
    vocabulary()
    text = "高分子材料 拉伸 冲击 性能测试"
    slow = platform("甲材料测试中心", main="高分子材料拉伸冲击性能测试", services=("inspection",))
    fast = platform("乙材料测试中心", main="高分子材料拉伸冲击性能测试", services=("inspection",))
    before = [m.platform_id for m in match_platforms(text=text, top=2)]
    assert before == sorted([slow.pk, fast.pk])  # equal scores: ties go to the lower id (slow)

    _bookings(slow, answered=False)
    _bookings(fast, answered=True)
    after = match_platforms(text=text, top=2)
    assert [m.platform_id for m in after] == [fast.pk, slow.pk]
    gap = after[0].score - after[1].score
    assert gap == pytest.approx(0.02 * 2 * (6 / 8 - 2 / 8), abs=2e-4)
    assert "响应及时：近一年 4 次请求中 100% 在 3 个工作日内答复" in after[0].reasons
    assert not any(r.startswith("响应及时") for r in after[1].reasons)


def test_the_bonus_never_lifts_an_unrelated_platform_over_a_fitting_one():
    vocabulary()
    fitting = platform("单抗工艺放大平台", main="单克隆抗体 细胞培养 工艺放大", services=("scale-up",),
                       industries=("biologics",))
    weak = platform("综合检测所", main="细胞培养基检测", services=("inspection",))
    _bookings(fitting, answered=False)
    _bookings(weak, answered=True)
    results = match_platforms(text="单克隆抗体细胞培养工艺放大", service_types=["scale-up"], top=2)
    assert results[0].platform_id == fitting.pk
