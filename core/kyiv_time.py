"""Kyiv civil time without depending on a time-zone database.

QGIS on Windows ships Python without the ``tzdata`` package, so ``zoneinfo`` may not know
Europe/Kyiv there. We use ``zoneinfo`` when it has the zone and otherwise the rule Kyiv has
followed since 1996: UTC+2, and UTC+3 from 01:00 UTC on the last Sunday of March to 01:00 UTC
on the last Sunday of October (the EU rule).
"""

from __future__ import annotations

import contextlib
from datetime import date, datetime, timedelta, timezone, tzinfo

_WINTER = timedelta(hours=2)
_SUMMER = timedelta(hours=3)


def _zoneinfo_kyiv() -> tzinfo | None:
    try:
        from zoneinfo import ZoneInfo
    except ImportError:  # Python < 3.9
        return None
    for name in ("Europe/Kyiv", "Europe/Kiev"):
        with contextlib.suppress(Exception):  # ZoneInfoNotFoundError, or a broken tz database
            return ZoneInfo(name)
    return None


def _last_sunday_0100_utc(year: int, month: int) -> datetime:
    next_month = date(year + (month == 12), month % 12 + 1, 1)
    last_day = next_month - timedelta(days=1)
    sunday = last_day - timedelta(days=(last_day.weekday() + 1) % 7)
    return datetime(sunday.year, sunday.month, sunday.day, 1, tzinfo=timezone.utc)


def rule_offset(utc: datetime) -> timedelta:
    """Kyiv's UTC offset at an aware instant by the EU rule (the fallback)."""
    utc = utc.astimezone(timezone.utc)
    start = _last_sunday_0100_utc(utc.year, 3)
    end = _last_sunday_0100_utc(utc.year, 10)
    return _SUMMER if start <= utc < end else _WINTER


_ZONE = _zoneinfo_kyiv()


def kyiv_offset(utc: datetime) -> timedelta:
    """Kyiv's UTC offset at an aware instant."""
    if _ZONE is not None:
        offset = utc.astimezone(_ZONE).utcoffset()
        if offset is not None:
            return offset
    return rule_offset(utc)


def to_kyiv(instant: datetime) -> datetime:
    """An aware instant as Kyiv local time (with a fixed-offset tzinfo)."""
    if instant.tzinfo is None:
        raise ValueError("to_kyiv needs an aware datetime")
    offset = kyiv_offset(instant)
    return instant.astimezone(timezone(offset))


def kyiv_date(instant: datetime) -> date:
    """The calendar date in Kyiv at an aware instant."""
    return to_kyiv(instant).date()


def kyiv_today() -> date:
    """Today's date in Kyiv."""
    return kyiv_date(datetime.now(timezone.utc))


def kyiv_day_start_utc(day: date) -> datetime:
    """The UTC instant at which a Kyiv calendar day begins (local midnight)."""
    naive = datetime(day.year, day.month, day.day)
    # Midnight is never inside a DST switch in Kyiv (switches happen at 03:00 and 04:00 local),
    # so the offset a few hours before local midnight (as UTC) is the offset at midnight.
    guess = (naive - _WINTER).replace(tzinfo=timezone.utc)
    return (naive - kyiv_offset(guess)).replace(tzinfo=timezone.utc)


def kyiv_day_end_utc(day: date) -> datetime:
    """The UTC instant at which a Kyiv calendar day ends (exclusive: the next local midnight)."""
    return kyiv_day_start_utc(day + timedelta(days=1))
