"""Working days in mainland China: Monday–Friday, minus public holidays, plus the weekends that
the State Council's yearly notice turns into working days (调休上班). The calendar is data
(`data/holidays_cn.yaml`, one section per year citing its notice); a year without a section is
plain Monday–Friday. Dates are local (Asia/Shanghai). Decision 0553."""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass
from pathlib import Path

import yaml
from django.utils import timezone

DATA_FILE = Path(__file__).parent / "data" / "holidays_cn.yaml"


@dataclass(frozen=True)
class Calendar:
    holidays: frozenset[datetime.date]
    workdays: frozenset[datetime.date]
    sources: dict[int, str]
    provisional: frozenset[int]

    def is_working_day(self, day: datetime.date) -> bool:
        if day in self.workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5

    def add_working_days(self, day: datetime.date, count: int) -> datetime.date:
        """The `count`-th working day after `day` (`day` itself is not counted)."""
        if count < 1:
            raise ValueError("count must be at least 1")
        current = day
        while count:
            current += datetime.timedelta(days=1)
            if self.is_working_day(current):
                count -= 1
        return current


def _expand(entry) -> list[datetime.date]:
    if isinstance(entry, list):
        start, end = entry
        return [start + datetime.timedelta(days=i) for i in range((end - start).days + 1)]
    return [entry]


@functools.cache
def calendar() -> Calendar:
    data = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    holidays: set[datetime.date] = set()
    workdays: set[datetime.date] = set()
    sources: dict[int, str] = {}
    provisional: set[int] = set()
    for year, section in data["years"].items():
        days = [d for entry in section.get("holidays", []) for d in _expand(entry)]
        extra = list(section.get("workdays", []))
        if any(d.year != int(year) for d in days + extra):
            raise ValueError(f"{DATA_FILE.name}: a date outside {year} in its section")
        if any(d.weekday() < 5 for d in extra):
            raise ValueError(f"{DATA_FILE.name}: {year} lists a weekday as an adjusted working day")
        holidays.update(days)
        workdays.update(extra)
        sources[int(year)] = str(section["source"])
        if section.get("provisional"):
            provisional.add(int(year))
    return Calendar(frozenset(holidays), frozenset(workdays), sources, frozenset(provisional))


def answer_deadline(requested_at: datetime.datetime, working_days: int = 3,
                    zone: datetime.tzinfo | None = None) -> datetime.datetime:
    """The moment an answer stops counting as "within N working days": the end of the N-th working
    day after the local day of the request (the request's own day is not counted, as in
    "自收到之日起 N 个工作日内"), as an aware datetime. Pass `zone` when calling in a loop."""
    zone = zone or timezone.get_current_timezone()
    return _deadline_for_day(requested_at.astimezone(zone).date(), working_days, zone)


@functools.lru_cache(maxsize=4096)
def _deadline_for_day(day: datetime.date, working_days: int, zone: datetime.tzinfo) -> datetime.datetime:
    last = calendar().add_working_days(day, working_days)
    end = datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time.min)
    return timezone.make_aware(end, zone)
