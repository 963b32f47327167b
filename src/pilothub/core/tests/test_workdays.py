import datetime
import zoneinfo

import pytest

from pilothub.core.workdays import answer_deadline, calendar

SH = zoneinfo.ZoneInfo("Asia/Shanghai")
d = datetime.date


@pytest.mark.parametrize(("day", "working"), [
    (d(2025, 1, 1), False),   # 元旦
    (d(2025, 1, 26), True),   # 春节调休上班（周日）
    (d(2025, 2, 4), False),   # 春节假期最后一天（周二）
    (d(2025, 2, 8), True),    # 调休上班（周六）
    (d(2025, 10, 8), False),  # 国庆中秋第 8 天（周三）
    (d(2025, 10, 11), True),  # 调休上班（周六）
    (d(2026, 1, 4), True),    # 元旦调休上班（周日）
    (d(2026, 2, 23), False),  # 春节最后一天（周一）
    (d(2026, 2, 28), True),   # 调休上班（周六）
    (d(2026, 5, 9), True),    # 劳动节调休上班（周六）
    (d(2026, 6, 19), False),  # 端午（周五）
    (d(2026, 12, 7), True),   # 普通周一
    (d(2026, 12, 12), False),  # 普通周六
    (d(2027, 5, 3), True),    # 2027 暂定：只有固定日期的法定假日
    (d(2028, 1, 1), False),   # 无数据的年份：周六仍休息
])
def test_working_days_follow_the_notices(day, working):
    assert calendar().is_working_day(day) is working


def test_sources_cite_the_notices_and_2027_is_provisional():
    cal = calendar()
    assert "国办发明电〔2024〕12号" in cal.sources[2025]
    assert "2026年部分节假日安排" in cal.sources[2026]
    assert cal.provisional == frozenset({2027})


def test_deadline_skips_the_request_day_weekends_and_holidays():
    # Friday 15:00 → Mon, Tue, Wed: the answer counts until Wednesday 24:00.
    assert answer_deadline(datetime.datetime(2026, 12, 4, 15, 0, tzinfo=SH)) == \
        datetime.datetime(2026, 12, 10, 0, 0, tzinfo=SH)
    # Asked on 2026-09-30 (Wed): 10-01..07 are holidays, 10-08 Thu, 10-09 Fri, 10-10 Sat is a working day.
    assert answer_deadline(datetime.datetime(2026, 9, 30, 9, 0, tzinfo=SH)) == \
        datetime.datetime(2026, 10, 11, 0, 0, tzinfo=SH)
    # UTC input: 2026-02-13 17:00 UTC is 02-14 01:00 in Shanghai (an adjusted working Saturday);
    # the next working days are 02-24, 02-25, 02-26 (the holiday runs 02-15..23).
    assert answer_deadline(datetime.datetime(2026, 2, 13, 17, 0, tzinfo=datetime.UTC)) == \
        datetime.datetime(2026, 2, 27, 0, 0, tzinfo=SH)
