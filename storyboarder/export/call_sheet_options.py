"""What a printed call sheet covers and how: the days, the paper, the font; and what came of it.

The CLI and the GUI both choose days with ``select_days``, so ``--day 2``,
``--day 2027-03-15`` and the editor's choice are read by one rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from storyboarder.model.digits import whole_number
from storyboarder.model.schedule import parse_date

from .storyboard_options import StoryboardExportError

if TYPE_CHECKING:
    from storyboarder.model import Project, ShootDay

#: Paper a call sheet prints on, portrait, in points.
CALL_SHEET_PAPER: dict[str, tuple[float, float]] = {"letter": (612.0, 792.0), "a4": (595.2756, 841.8898)}

#: Text size, in points, a call sheet starts at, and the smallest it shrinks to before taking a second page.
MAX_TEXT_SIZE = 8.5
MIN_TEXT_SIZE = 6.0


class CallSheetExportError(StoryboardExportError):
    """A call sheet that cannot be made (no such day, bad options, an unwritable file); one line per problem."""


@dataclass(frozen=True)
class CallSheetOptions:
    """Which days to print and how."""

    paper: str = "letter"
    #: The days to print, by id, in the order given; empty for every day of the schedule.
    day_ids: tuple[str, ...] = ()
    #: A TrueType font file; None searches the system (or STORYBOARDER_PDF_FONT).
    font: str | None = None

    def check(self) -> None:
        """Raise CallSheetExportError for an option out of range."""
        if self.paper not in CALL_SHEET_PAPER:
            raise CallSheetExportError(f"paper: {self.paper!r} is not one of {', '.join(CALL_SHEET_PAPER)}")


@dataclass
class CallSheetResult:
    """What a call sheet export wrote, and what the user should know."""

    path: Path
    pages: int = 0
    days: int = 0
    #: Pages each printed day took, by day id: more than 1 when a day did not fit one page.
    pages_per_day: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    cancelled: bool = False


_PART = re.compile(r"\s*,\s*")


def select_days(project: Project, choices: list[str] | tuple[str, ...] | str) -> list[ShootDay]:
    """Return the shoot days that ``choices`` name, in the order named, each once.

    A choice is a day number (``2``, as in "Day 2 of 5"), a range (``1-3``),
    a date (``2027-03-15``, every day on that date) or a comma-separated list
    of those. No choice means every day. A choice that names no day is an
    error, so a typo never prints the wrong day.
    """
    days = list(project.shoot_days)
    if isinstance(choices, str):
        choices = [choices]
    parts = [part for choice in choices for part in _PART.split(choice.strip()) if part]
    if not days:
        raise CallSheetExportError("days: the project has no shoot days; add one to print a call sheet")
    if not parts:
        return days
    chosen: list[ShootDay] = []
    problems: list[str] = []
    for part in parts:
        found = _match(days, part)
        if isinstance(found, str):
            problems.append(found)
            continue
        for day in found:
            if day not in chosen:
                chosen.append(day)
    if problems:
        raise CallSheetExportError(problems)
    return chosen


def _match(days: list[ShootDay], part: str) -> list[ShootDay] | str:
    count = len(days)
    number = whole_number(part, count)
    if number is not None:
        if not 1 <= number <= count:
            return f"day {part[:40]}: the schedule has days 1 to {count}"
        return [days[number - 1]]
    match = re.fullmatch(r"(\d+)\s*-\s*(\d+)", part)
    if match:
        first, last = whole_number(match.group(1), count), whole_number(match.group(2), count)
        if not (1 <= first <= last <= count):
            return f"days {part[:80]}: the schedule has days 1 to {count}"
        return days[first - 1 : last]
    date = parse_date(part)
    if date is not None:
        on_date = [day for day in days if parse_date(day.date) == date]
        if not on_date:
            dated = sorted({d for d in (parse_date(day.date) for day in days) if d is not None})
            hint = f" (days run from {dated[0].isoformat()} to {dated[-1].isoformat()})" if dated else ""
            return f"day {part}: no shoot day is on that date{hint}"
        return on_date
    return f"day {part[:40]!r}: give a day number such as 2, a range such as 1-3, or a date as YYYY-MM-DD"
