"""Partial dates (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``) treated as the intervals they cover.

Data files hold strict ISO 8601 partial dates and are parsed here with the standard
library. Dates that people type (``Dec 2015``, ``yesterday``, and for ``kzfp on`` a day of
the year, ``16 Dec``) go through :func:`parse_user_date` and :func:`parse_when`, one
reader that is the only place that touches python-dateutil, imported there and nowhere
else.
"""

from __future__ import annotations

import re
from datetime import date
from enum import IntEnum
from typing import NamedTuple

# [0-9], not \d: \d also matches other scripts' digits (2015 in Arabic-Indic or full-width
# digits), which no other program reading the file would take for a date.
_ISO_PARTIAL = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
# English, whatever the locale (calendar.month_abbr would follow it), and no import cost.
_MONTH_ABBR = (
    "",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)


class DateWords(NamedTuple):
    """How a language writes dates: its month names (index 1 to 12) beside a day and on
    their own, and where the year goes. Day and month come in that order in every
    language kzfp speaks; the year follows them (``30 Nov 2015``), or leads with
    ``year_mark`` (``2015 ж. 30 қараша``)."""

    months: tuple[str, ...]
    months_alone: tuple[str, ...]
    year_mark: str | None = None

    def with_year(self, text: str, year: int) -> str:
        if self.year_mark is None:
            return f"{text} {year}"
        return f"{year} {self.year_mark} {text}"


ENGLISH_DATES = DateWords(_MONTH_ABBR, _MONTH_ABBR)


def _days_in_month(year: int, month: int) -> int:
    if month == 12:  # also keeps December 9999 clear of year 10000
        return 31
    return (date(year, month + 1, 1) - date(year, month, 1)).days


# Months and days as two digits, looked up: formatting a number to a width parses the
# format every time, and large listings write a date or two for every event.
_TWO_DIGITS = tuple(f"{number:02d}" for number in range(100))

_EXAMPLES = "write it like 2015, Dec 2015 or 2015-12-21"


class Precision(IntEnum):
    """How much of a date is known; coarser sorts first."""

    YEAR = 0
    MONTH = 1
    DAY = 2

    @property
    def label(self) -> str:
        return PRECISION_LABELS[self]


# By Precision, without the enum's name lookup; in that order, the words data files use.
PRECISION_LABELS = ("year", "month", "day")


# The records on kzfp's start-up path are NamedTuples, not dataclasses: building a
# dataclass costs about 1 ms at import (it compiles its methods), a NamedTuple a sixth of
# that, and a dozen of them were a fifth of kzfp's start-up time.
class PartialDate(NamedTuple):
    """A year, a month or a day; as an interval it runs from :attr:`first` to :attr:`last`."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR

    @property
    def first(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    @property
    def last(self) -> date:
        if self.day is not None:
            return date(self.year, self.month or 1, self.day)
        month = self.month or 12
        return date(self.year, month, _days_in_month(self.year, month))

    def iso(self) -> str:
        """The date as written in data files and JSON: ``2015``, ``2015-12``, ``2015-12-21``."""
        year, month, day = self
        text = str(year).zfill(4)
        if month is None:
            return text
        if day is None:
            return f"{text}-{_TWO_DIGITS[month]}"
        return f"{text}-{_TWO_DIGITS[month]}-{_TWO_DIGITS[day]}"

    def sortable(self) -> str:
        """Year, month and day in fixed widths, ``00`` for a part not known: as text these
        sort by the first day, then the coarser date first (2015 before 2015-01 before
        2015-01-01)."""
        year, month, day = self
        return f"{str(year).zfill(4)}{_TWO_DIGITS[month or 0]}{_TWO_DIGITS[day or 0]}"

    def display(self, words: DateWords | None = None) -> str:
        """The date for eyes, at its own precision: ``2006``, ``Mar 2018``, ``30 Nov 2015``
        (in English, or in ``words``: ``30 нояб. 2015``, ``2015 ж. 30 қараша``)."""
        words = words or ENGLISH_DATES
        if self.month is None:
            return str(self.year)
        if self.day is None:
            return words.with_year(words.months_alone[self.month], self.year)
        return words.with_year(f"{self.day} {words.months[self.month]}", self.year)

    def __str__(self) -> str:
        return self.iso()


def parse_iso(text: str) -> PartialDate:
    """Parse a strict ISO partial date; raise ``ValueError`` with a readable reason."""
    match = _ISO_PARTIAL.fullmatch(text)
    if match is None:
        raise ValueError(f"'{text}' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(part) if part else None for part in match.groups())
    assert year is not None  # the pattern makes the year mandatory
    try:  # a month or day of 00 is checked too, not taken for "not given"
        date(year, 1 if month is None else month, 1 if day is None else day)
    except ValueError as error:
        raise ValueError(f"'{text}' is not a real date ({error})") from None
    return PartialDate(year, month, day)


class MonthDay(NamedTuple):
    """A day of the year in no year in particular (``16 Dec``): an anniversary."""

    month: int
    day: int

    def iso(self) -> str:
        """As ISO 8601 writes a month and day with the year left out, less its leading
        ``--``: ``12-16``."""
        return f"{_TWO_DIGITS[self.month]}-{_TWO_DIGITS[self.day]}"

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
    if _ISO_PARTIAL.fullmatch(text):
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
            day = date(year, month, min(today.day, _days_in_month(year, month)))
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


def display_span(
    start: PartialDate,
    end: PartialDate | None,
    *,
    coarsen: bool = True,
    words: DateWords | None = None,
) -> str:
    """Show a date or a period at its own precision (in English, or in ``words``).

    A period whose day-precise bounds cover whole months or years exactly is shown at that
    coarser precision (``2017-01-01``..``2018-12-31`` is ``2017–2018``): the interval is the
    same, and the shorter form is the one people write. ``coarsen=False`` keeps the bounds
    as written, for views that show every detail.
    """
    words = words or ENGLISH_DATES
    if end is None:
        return start.display(words)
    if coarsen:
        start, end = _coarsen(start, end)
    if start == end:
        return start.display(words)
    if start.precision is end.precision and start.year == end.year:
        if start.precision is Precision.MONTH:
            alone = words.months_alone
            return words.with_year(f"{alone[start.month or 1]}–{alone[end.month or 1]}", end.year)
        if start.precision is Precision.DAY:
            month = words.months[end.month or 1]
            if start.month == end.month:
                return words.with_year(f"{start.day}–{end.day} {month}", end.year)
            first = f"{start.day} {words.months[start.month or 1]}"
            return words.with_year(f"{first} – {end.day} {month}", end.year)
    separator = (
        "–" if start.precision is Precision.YEAR and end.precision is Precision.YEAR else " – "
    )
    return f"{start.display(words)}{separator}{end.display(words)}"


def _coarsen(start: PartialDate, end: PartialDate) -> tuple[PartialDate, PartialDate]:
    first, last = start.first, end.last
    if (first.month, first.day) == (1, 1) and (last.month, last.day) == (12, 31):
        return PartialDate(first.year), PartialDate(last.year)
    if first.day == 1 and last.day == _days_in_month(last.year, last.month):
        return PartialDate(first.year, first.month), PartialDate(last.year, last.month)
    return start, end
