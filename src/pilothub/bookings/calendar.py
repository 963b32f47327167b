"""iCalendar feed of a platform's bookings (busy slots; no customer names, like the public API)."""

from __future__ import annotations

from django.utils import timezone
from icalendar import Calendar, Event

from pilothub.platforms.models import Platform

from .models import BookingStatus
from .selectors import platform_bookings_for_calendar


def platform_calendar_ics(*, platform: Platform, site_url: str = "") -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//PilotHub 中试通//bookings//ZH")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{platform.name} 设备预约")
    calendar.add("x-wr-timezone", "Asia/Shanghai")
    for booking in platform_bookings_for_calendar(platform=platform):
        event = Event()
        # The booking's UUID is stable, so calendar clients update events instead of duplicating them.
        event.add("uid", f"{booking.uid}@pilothub")
        event.add("summary", f"{booking.equipment.name}：{'已预约' if booking.status == BookingStatus.APPROVED else '待审批'}")
        event.add("dtstart", booking.start)
        event.add("dtend", booking.end)
        event.add("dtstamp", timezone.now())
        event.add("status", "CONFIRMED" if booking.status == BookingStatus.APPROVED else "TENTATIVE")
        event.add("location", booking.equipment.location or platform.address)
        if site_url:
            event.add("url", f"{site_url}/bookings/equipment/{booking.equipment_id}/")
        calendar.add_component(event)
    return calendar.to_ical()
