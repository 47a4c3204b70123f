"""Dates that people type (``Dec 2015``, ``yesterday``, ``2 years ago``, and for ``kzfp on``
a day of the year, ``16 Dec``): :func:`parse_user_date` and :func:`parse_when` go through
one reader, the only place that touches python-dateutil, imported there and nowhere else;
and ``--year``'s four digits (:func:`parse_year`).
"""

from __future__ import annotations

import re
from datetime import date
from typing import NamedTuple

from kzfp_cli.dates import (
    ENGLISH_DATES,
    ISO_PARTIAL,
    DateWords,
    PartialDate,
    days_in_month,
    parse_iso,
)

_EXAMPLES = "write it like 2015, Dec 2015 or 2015-12-21"


class MonthDay(NamedTuple):
    """A day of the year in no year in particular (``16 Dec``): an anniversary."""

    month: int
    day: int

    def iso(self) -> str:
        """As ISO 8601 writes a month and day with the year left out, less its leading
        ``--``: ``12-16``."""
        return f"{self.month:02d}-{self.day:02d}"

    def display(self, words: DateWords | None = None) -> str:
        """``16 Dec`` (in English, or in ``words``)."""
        return f"{self.day} {(words or ENGLISH_DATES).months[self.month]}"

    def falls_on(self, day: date) -> bool:
        """Whether ``day`` is this day of the year."""
        return (day.month, day.day) == self

    def __str__(self) -> str:
        return self.iso()


def parse_user_date(text: str, *, today: date | None = None) -> PartialDate:
    """Parse a date as a person types it (``2015``, ``Dec 2015``, ``21 December 2015``).

    kzfp decides what it accepts and python-dateutil reads it. A year has four digits
    (``99`` and ``'Mar 15, 44'`` are refused, not guessed) and is never negative. A dotted
    date is day-first (``11.12.2015`` is 11 December, as in Kazakhstan, Russia and most of
    Europe). A numeric date with slashes or hyphens is read the one way that makes a real
    day (``25/12/2015``, ``12/25/2015``); when both ways do and differ (``11/12/2015``) it
    is refused, with a hint to write it unambiguously.

    The result keeps the precision the person typed. dateutil fills missing parts from a
    default date, so the text is parsed against two different defaults: a part that comes
    out the same both times was typed, a part that differs was filled in.

    A day may also be said from ``today`` (this computer's clock when None): ``today``,
    ``yesterday``, ``tomorrow``, ``3 days ago``, ``2 weeks ago``, ``6 months ago``,
    ``2 years ago`` (``a``/``an`` for 1). A month or a year back is the same day of that
    month, or its last day when it has none (a month before 31 March is 28 or 29 February).
    """
    asked = _read_typed(text, _EXAMPLES, every_year=False, today=today)
    assert isinstance(asked, PartialDate)  # every_year=False: a day of the year is refused
    return asked


def parse_when(text: str, *, today: date | None = None) -> PartialDate | MonthDay:
    """Parse a date as :func:`parse_user_date` does, or a month and a day with no year
    (``12-16``, ``16 Dec``, ``Dec 16``, ``16.12``): that day in every year. ``MM-DD`` is
    ISO 8601's month and day, month first, as strict as ``YYYY-MM-DD``; the other forms
    follow the rules of typed dates."""
    return _read_typed(text, _WHEN_EXAMPLES, every_year=True, today=today)


def _read_typed(
    text: str, examples: str, *, every_year: bool, today: date | None
) -> PartialDate | MonthDay:
    """What ``text`` says: a year, a month or a day, or (``every_year``) a day of the
    year; a ValueError ending in ``examples`` otherwise."""
    text = text.strip()
    relative = _RELATIVE.fullmatch(text.lower())
    if relative:
        return _day_from(today or date.today(), relative, text)
    if ISO_PARTIAL.fullmatch(text):
        return parse_iso(text)  # strict, so that 2015-13-45 is an error, not a guess
    if not text:
        raise ValueError("an empty date")
    iso_month_day = _ISO_MONTH_DAY.fullmatch(text)
    if iso_month_day and every_year:
        return _month_day(text, int(iso_month_day[1]), int(iso_month_day[2]))
    if any(char.isdigit() and char not in _ASCII_DIGITS for char in text):
        raise ValueError(f"'{text}' has digits other than 0-9; {examples}")
    if _MINUS.search(text):
        raise ValueError(f"'{text}' has a negative year; {examples}")
    numeric = _NUMERIC.fullmatch(text)
    if numeric and numeric[4] is None and not every_year:
        raise ValueError(f"'{text}' has no year; {examples}")
    dayfirst = _day_first(text, numeric)
    # dateutil takes 12.2015 for a number; with slashes it reads the month and the year.
    readable = text.replace(".", "/") if _DOTTED.fullmatch(text) else text
    from datetime import datetime

    from dateutil import parser

    try:  # two leap years, so that 29 Feb typed without a year is read
        one = parser.parse(readable, default=datetime(2000, 1, 1), dayfirst=dayfirst)
        two = parser.parse(readable, default=datetime(2004, 2, 2), dayfirst=dayfirst)
    except (ValueError, OverflowError):
        raise ValueError(f"'{text}' is not a date; {examples}") from None
    if one.year != two.year:
        if every_year and one.month == two.month and one.day == two.day:
            return MonthDay(one.month, one.day)
        raise ValueError(f"'{text}' has no year; {examples}")
    numbers = _NUMBER.findall(text)
    if not any(len(number) == 4 and int(number) == one.year for number in numbers):
        # dateutil turns a short year into one near today's (44 into 2044), and a year
        # written 0044 into 2044 too: neither is what was typed.
        if all(len(number) < 4 for number in numbers):
            raise ValueError(f"'{text}' has a year of fewer than four digits; {examples}")
        raise ValueError(f"'{text}' is not a date; {examples}")
    month = one.month if one.month == two.month else None
    day = one.day if one.day == two.day and month is not None else None
    return PartialDate(one.year, month, day)


# A day said from today: today, yesterday, tomorrow, or a number of days, weeks, months or
# years ago (the number in the digits 0-9, or a/an for one).
_RELATIVE = re.compile(
    r"(?:(today)|(yesterday)|(tomorrow)|([0-9]+|an?)\s+(day|week|month|year)s?\s+ago)"
)


def _day_from(today: date, said: re.Match[str], text: str) -> PartialDate:
    """The day ``said`` (a match of ``_RELATIVE``) names, counted back from ``today``."""
    from datetime import timedelta

    _today, yesterday, tomorrow, count, unit = said.groups()
    try:
        number = 1 if count in ("a", "an") else int(count or 0)
        if yesterday or tomorrow:
            day = today + timedelta(days=1 if tomorrow else -1)
        elif unit in ("day", "week"):
            day = today - timedelta(days=number * (7 if unit == "week" else 1))
        elif unit in ("month", "year"):
            months = today.year * 12 + today.month - 1 - number * (12 if unit == "year" else 1)
            year, month = divmod(months, 12)
            month += 1
            day = date(year, month, min(today.day, days_in_month(year, month)))
        else:
            day = today
    except (ValueError, OverflowError):
        raise ValueError(f"'{text}' falls outside the years 1 to 9999") from None
    return PartialDate(day.year, day.month, day.day)


def _month_day(text: str, month: int, day: int) -> MonthDay:
    # In a leap year, so that 02-29 is a real day of some years.
    if not 1 <= month <= 12:
        raise ValueError(f"'{text}' is not a real day (month must be in 1..12)")
    if not _real(2000, month, day):
        raise ValueError(f"'{text}' is not a real day (day is out of range for month)")
    return MonthDay(month, day)


_ASCII_DIGITS = frozenset("0123456789")
# A minus sign that makes a number negative: at the start, after a comma, or stuck to a
# number after a word ("Mar -2015"); not a hyphen between parts (11-12-2015, Dec-2015).
_MINUS = re.compile(r"(?:^|,)\s*-\s*[0-9]|[A-Za-z]\s+-[0-9]")
_NUMBER = re.compile(r"[0-9]+")
# A day, a month and a year, a month and a year, or a day and a month, with dots.
_DOTTED = re.compile(
    r"[0-9]{1,2}\s*(?:\.\s*[0-9]{1,2}\s*)?\.\s*[0-9]{4}|[0-9]{1,2}\s*\.\s*[0-9]{1,2}"
)
# A day and a month in either order, then a four-digit year or none: 11.12.2015, 11/12.
_NUMERIC = re.compile(r"([0-9]{1,2})\s*([./-])\s*([0-9]{1,2})(?:\s*\2\s*([0-9]{4}))?")
_ISO_MONTH_DAY = re.compile(r"([0-9]{2})-([0-9]{2})")
_WHEN_EXAMPLES = "write it like 2015-12-16 or Dec 2015, or 12-16 for that day in every year"


def _day_first(text: str, numeric: re.Match[str] | None) -> bool:
    """Whether dateutil should read the first of two numbers as the day."""
    if numeric is None:
        return False
    first, separator, second, year = numeric.groups()
    if separator == ".":
        return True
    # Without a year, in a leap year: 29 Feb is a day of some years.
    in_year = int(year) if year else 2000
    as_day_month = _real(in_year, int(second), int(first))
    as_month_day = _real(in_year, int(first), int(second))
    if as_day_month and as_month_day and first.lstrip("0") != second.lstrip("0"):
        day_first: PartialDate | MonthDay = MonthDay(int(second), int(first))
        month_first: PartialDate | MonthDay = MonthDay(int(first), int(second))
        if year:
            day_first = PartialDate(int(year), int(second), int(first))
            month_first = PartialDate(int(year), int(first), int(second))
        raise ValueError(
            f"'{text}' could be {day_first.display()} or {month_first.display()}; "
            f"write it as {day_first.iso()} or {day_first.display()}"
        )
    return as_day_month


def _real(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def parse_year(text: str) -> PartialDate:
    """Parse the value of ``--year``: exactly one calendar year, in four digits."""
    stripped = text.strip()
    if not re.fullmatch(r"[0-9]{4}", stripped) or int(stripped) == 0:
        raise ValueError(f"'{text}' is not a year; write it like 2015")
    return PartialDate(int(stripped))
