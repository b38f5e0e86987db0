"""Sun times for a location and date, computed offline, in the location's time zone.

astral computes dawn, sunrise, golden hour, sunset and dusk from the
coordinates; timezonefinder names the time zone of a latitude and
longitude from data it ships, so nothing is looked up online. Where the sun
never rises or never sets (polar night and day), or a location has no
coordinates, the result says so in words instead of raising.
"""

from __future__ import annotations

import datetime
import threading
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from astral import Observer, SunDirection
from astral import sun as _sun

from .entities import Location
from .fields import spec

_FINDER_LOCK = threading.Lock()
_FINDER = None


@dataclass(frozen=True)
class SunTimes:
    """The sun on one day at one place; a time is None when that moment does not happen that day."""

    date: datetime.date
    time_zone: str
    dawn: datetime.datetime | None = None
    sunrise: datetime.datetime | None = None
    #: Golden hour (sun between 4° below and 6° above the horizon), morning and evening: (start, end).
    golden_morning: tuple[datetime.datetime, datetime.datetime] | None = None
    golden_evening: tuple[datetime.datetime, datetime.datetime] | None = None
    sunset: datetime.datetime | None = None
    dusk: datetime.datetime | None = None
    #: What a crew should know when a time is missing: polar day or night, light all night.
    note: str = ""


def _zone_name_at(latitude: float, longitude: float) -> str:
    global _FINDER
    # One finder for the process, used under a lock: an export thread and the editor may both ask.
    with _FINDER_LOCK:
        if _FINDER is None:
            # Loading the boundary data takes about half a second, so it is done once, when first needed.
            from timezonefinder import TimezoneFinder

            _FINDER = TimezoneFinder()
        return _FINDER.timezone_at(lng=longitude, lat=latitude) or ""


def valid_coordinates(latitude: float | None, longitude: float | None) -> bool:
    """Say whether a latitude and longitude are both given and on the globe (the range ``Location`` declares)."""
    if latitude is None or longitude is None:
        return False
    return latitude in spec(Location, "latitude").bounds and longitude in spec(Location, "longitude").bounds


def time_zone_at(latitude: float | None, longitude: float | None) -> str:
    """Return the IANA time zone at a point (``Europe/Tallinn``), or empty text when there is none."""
    if not valid_coordinates(latitude, longitude):
        return ""
    try:
        return _zone_name_at(float(latitude), float(longitude))
    except (ValueError, OSError):
        return ""


def known_time_zone(name: str) -> bool:
    """Say whether a typed time zone name is one the time zone database knows."""
    name = name.strip()
    if not name or name != name.strip("/") or ".." in name:
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def location_time_zone(location: Location) -> str:
    """The time zone a location's times are in: the one typed if it is known, else the one at its coordinates."""
    typed = location.time_zone.strip()
    if typed and known_time_zone(typed):
        return typed
    return time_zone_at(location.latitude, location.longitude)


def _safe(compute):
    try:
        return compute()
    except (ValueError, ArithmeticError):
        # astral raises ValueError when the sun never reaches the elevation asked for that day.
        return None


def _on_local_date(compute, date: datetime.date):
    """Run an astral function for the local ``date``.

    Some of astral's functions (golden hour) take the date as a UTC date, so
    far from Greenwich they answer for the local day before or after; this
    asks again for the neighbouring day until the answer falls on ``date``.
    """
    result = _safe(lambda: compute(date))
    if result is None:
        return None
    first = result[0] if isinstance(result, tuple) else result
    if first.date() != date:
        step = datetime.timedelta(days=-1 if first.date() > date else 1)
        again = _safe(lambda: compute(date + step))
        if again is not None:
            again_first = again[0] if isinstance(again, tuple) else again
            if again_first.date() == date:
                return again
    return result


def sun_times(latitude: float | None, longitude: float | None, date: datetime.date, time_zone: str = "") -> SunTimes | None:
    """Compute the day's sun times at a place, in ``time_zone`` (derived from the place when empty).

    Returns None when the coordinates are missing or not on the globe.
    Times the sun never reaches that day are None, and ``note`` says why.
    """
    if not valid_coordinates(latitude, longitude):
        return None
    zone_name = time_zone if time_zone and known_time_zone(time_zone) else time_zone_at(latitude, longitude)
    zone = ZoneInfo(zone_name) if zone_name else datetime.timezone.utc
    zone_name = zone_name or "UTC"
    observer = Observer(latitude=float(latitude), longitude=float(longitude))

    sunrise = _on_local_date(lambda day: _sun.sunrise(observer, day, tzinfo=zone), date)
    sunset = _on_local_date(lambda day: _sun.sunset(observer, day, tzinfo=zone), date)
    dawn = _on_local_date(lambda day: _sun.dawn(observer, day, tzinfo=zone), date)
    dusk = _on_local_date(lambda day: _sun.dusk(observer, day, tzinfo=zone), date)
    golden_morning = _on_local_date(lambda day: _sun.golden_hour(observer, day, SunDirection.RISING, tzinfo=zone), date)
    golden_evening = _on_local_date(lambda day: _sun.golden_hour(observer, day, SunDirection.SETTING, tzinfo=zone), date)

    note = ""
    if sunrise is None or sunset is None:
        noon = _safe(lambda: _sun.noon(observer, date, tzinfo=zone))
        elevation = _safe(lambda: _sun.elevation(observer, noon)) if noon is not None else None
        if elevation is not None and elevation > 0:
            note = "the sun does not set (polar day)"
        else:
            note = "the sun does not rise (polar night)"
            if dawn is None and dusk is None:
                note += "; no civil twilight"
    elif dawn is None or dusk is None:
        note = "no civil twilight: the sky stays light all night"
    return SunTimes(
        date=date,
        time_zone=zone_name,
        dawn=dawn,
        sunrise=sunrise,
        golden_morning=golden_morning,
        golden_evening=golden_evening,
        sunset=sunset,
        dusk=dusk,
        note=note,
    )


def format_clock(moment: datetime.datetime | None) -> str:
    """Write a sun time as ``HH:MM`` (rounded to the minute), or a dash when it does not happen."""
    if moment is None:
        return "–"
    rounded = moment + datetime.timedelta(seconds=30)
    return rounded.strftime("%H:%M")
