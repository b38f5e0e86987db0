"""Sun times for call sheets: against published values, against an independent computation, and at the poles."""

from __future__ import annotations

import datetime
import math
from zoneinfo import ZoneInfo

import pytest

from storyboarder.model import Location, Project, Scene, ShootDay
from storyboarder.model.call_sheet import build_call_sheet
from storyboarder.model.sun import format_clock, known_time_zone, location_time_zone, sun_times, time_zone_at

TALLINN = (59.4370, 24.7536)
LOS_ANGELES = (34.0522, -118.2437)
LONGYEARBYEN = (78.2232, 15.6267)
OULU = (65.0121, 25.4651)


def minutes(moment: datetime.datetime) -> float:
    return moment.hour * 60 + moment.minute + moment.second / 60


def noaa(lat: float, lon: float, date: datetime.date, zone: str, zenith: float = 90.833) -> tuple[float, float]:
    """Sunrise and sunset in local minutes after midnight by NOAA's solar calculator equations, written out here.

    ``zenith`` 90.833° is sunrise and sunset (refraction and the sun's radius); 96° is civil dawn and dusk.
    """
    offset = ZoneInfo(zone).utcoffset(datetime.datetime(date.year, date.month, date.day, 12)).total_seconds() / 3600
    julian_day = date.toordinal() + 1721424.5 + 0.5 - offset / 24
    t = (julian_day - 2451545) / 36525
    mean_long = (280.46646 + t * (36000.76983 + t * 0.0003032)) % 360
    mean_anom = 357.52911 + t * (35999.05029 - 0.0001537 * t)
    ecc = 0.016708634 - t * (0.000042037 + 0.0000001267 * t)
    m = math.radians(mean_anom)
    centre = math.sin(m) * (1.914602 - t * (0.004817 + 0.000014 * t)) + math.sin(2 * m) * (0.019993 - 0.000101 * t) + math.sin(3 * m) * 0.000289
    omega = math.radians(125.04 - 1934.136 * t)
    apparent = math.radians(mean_long + centre - 0.00569 - 0.00478 * math.sin(omega))
    mean_obliquity = 23 + (26 + (21.448 - t * (46.815 + t * (0.00059 - t * 0.001813))) / 60) / 60
    obliquity = math.radians(mean_obliquity + 0.00256 * math.cos(omega))
    declination = math.asin(math.sin(obliquity) * math.sin(apparent))
    y = math.tan(obliquity / 2) ** 2
    l0 = math.radians(mean_long)
    equation_of_time = 4 * math.degrees(
        y * math.sin(2 * l0) - 2 * ecc * math.sin(m) + 4 * ecc * y * math.sin(m) * math.cos(2 * l0)
        - 0.5 * y * y * math.sin(4 * l0) - 1.25 * ecc * ecc * math.sin(2 * m)
    )
    phi = math.radians(lat)
    hour_angle = math.degrees(math.acos(
        math.cos(math.radians(zenith)) / (math.cos(phi) * math.cos(declination)) - math.tan(phi) * math.tan(declination)
    ))
    noon = 720 - 4 * lon - equation_of_time + offset * 60
    return noon - 4 * hour_angle, noon + 4 * hour_angle


# Published sunrise and sunset, local time (almanac tables): the issue asks for two cities within two minutes.
@pytest.mark.parametrize(
    ("place", "date", "zone", "sunrise", "sunset"),
    [
        (TALLINN, datetime.date(2024, 12, 21), "Europe/Tallinn", "09:18", "15:21"),
        (LOS_ANGELES, datetime.date(2024, 6, 21), "America/Los_Angeles", "05:42", "20:08"),
    ],
)
def test_sunrise_and_sunset_match_published_values(place, date, zone, sunrise, sunset):
    sun = sun_times(*place, date)
    assert sun.time_zone == zone  # derived from the coordinates
    for got, published in ((sun.sunrise, sunrise), (sun.sunset, sunset)):
        hours, mins = map(int, published.split(":"))
        assert abs(minutes(got) - (hours * 60 + mins)) <= 2, (got, published)
        assert got.date() == date


@pytest.mark.parametrize(
    ("place", "date", "zone"),
    [
        (TALLINN, datetime.date(2027, 3, 15), "Europe/Tallinn"),
        (LOS_ANGELES, datetime.date(2027, 11, 2), "America/Los_Angeles"),
        ((-33.8688, 151.2093), datetime.date(2027, 1, 10), "Australia/Sydney"),
        ((49.2797, -123.1005), datetime.date(2027, 3, 15), "America/Vancouver"),
        ((1.3521, 103.8198), datetime.date(2027, 9, 1), "Asia/Singapore"),
    ],
)
def test_sun_times_agree_with_an_independent_computation(place, date, zone):
    sun = sun_times(*place, date, zone)
    rise, set_ = noaa(*place, date, zone)
    dawn, dusk = noaa(*place, date, zone, zenith=96.0)
    assert abs(minutes(sun.sunrise) - rise) <= 2
    assert abs(minutes(sun.sunset) - set_) <= 2
    assert abs(minutes(sun.dawn) - dawn) <= 2
    assert abs(minutes(sun.dusk) - dusk) <= 2
    morning, evening = sun.golden_morning, sun.golden_evening
    assert sun.dawn < morning[0] < sun.sunrise < morning[1] < evening[0] < sun.sunset < evening[1] < sun.dusk
    assert sun.note == ""


def test_polar_day_and_polar_night_are_said_in_words():
    summer = sun_times(*LONGYEARBYEN, datetime.date(2024, 6, 21))
    assert summer.sunrise is None and summer.sunset is None and summer.golden_morning is None
    assert summer.note == "the sun does not set (polar day)"
    winter = sun_times(*LONGYEARBYEN, datetime.date(2024, 12, 21))
    assert winter.sunrise is None and winter.dawn is None
    assert winter.note == "the sun does not rise (polar night); no civil twilight"
    assert format_clock(winter.sunrise) == "–"
    white_night = sun_times(*OULU, datetime.date(2024, 6, 21))
    assert white_night.sunrise is not None and white_night.dawn is None
    assert white_night.note == "no civil twilight: the sky stays light all night"


@pytest.mark.parametrize("coordinates", [(None, 24.7), (59.4, None), (None, None), (95.0, 0.0), (0.0, 200.0), (math.nan, 0.0)])
def test_missing_or_impossible_coordinates_give_no_sun_times(coordinates):
    assert sun_times(*coordinates, datetime.date(2027, 3, 15)) is None
    assert time_zone_at(*coordinates) == ""


def test_time_zones_typed_or_derived():
    assert time_zone_at(*TALLINN) == "Europe/Tallinn"
    assert known_time_zone("Asia/Tokyo") and not known_time_zone("Mars/Base") and not known_time_zone("../etc/passwd")
    typed = Location(latitude=TALLINN[0], longitude=TALLINN[1], time_zone="Europe/Helsinki")
    assert location_time_zone(typed) == "Europe/Helsinki"
    typed.time_zone = "Not/AZone"
    assert location_time_zone(typed) == "Europe/Tallinn"
    # A zone typed for a location without coordinates still sets the clock of the sun times' place.
    sun = sun_times(*TALLINN, datetime.date(2024, 12, 21), "UTC")
    assert sun.time_zone == "UTC" and format_clock(sun.sunrise) == "07:18"


def test_call_sheet_says_why_there_are_no_sun_times():
    project = Project(scenes=[Scene(id="s")], locations=[Location(id="l", name="Studio")],
                      shoot_days=[ShootDay(id="a", date="2027-03-15", location_ids=["l"]), ShootDay(id="b", location_ids=["l"]),
                                  ShootDay(id="c", date="2027-03-16")])
    sheets = [build_call_sheet(project, day) for day in project.shoot_days]
    assert [(s.sun, s.sun_place) for s in sheets] == [
        (None, "no coordinates for the day's locations"), (None, "no date for the day"), (None, "no location for the day")]
