"""Partial dates (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``) treated as the intervals they cover.

Data files hold strict ISO 8601 partial dates and are parsed here with the standard
library; dates that people type are read by :mod:`kzfp_cli.typed_dates`.
"""

from __future__ import annotations

import re
from datetime import date
from enum import IntEnum
from typing import NamedTuple

# [0-9], not \d: \d also matches other scripts' digits (2015 in Arabic-Indic or full-width
# digits), which no other program reading the file would take for a date.
ISO_PARTIAL = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
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


def days_in_month(year: int, month: int) -> int:
    if month == 12:  # also keeps December 9999 clear of year 10000
        return 31
    return (date(year, month + 1, 1) - date(year, month, 1)).days


# Months and days as two digits, looked up: formatting a number to a width parses the
# format every time, and large listings write a date or two for every event.
_TWO_DIGITS = tuple(f"{number:02d}" for number in range(100))


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
        return date(self.year, month, days_in_month(self.year, month))

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
    match = ISO_PARTIAL.fullmatch(text)
    if match is None:
        raise ValueError(f"'{text}' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(part) if part else None for part in match.groups())
    assert year is not None  # the pattern makes the year mandatory
    try:  # a month or day of 00 is checked too, not taken for "not given"
        date(year, 1 if month is None else month, 1 if day is None else day)
    except ValueError as error:
        raise ValueError(f"'{text}' is not a real date ({error})") from None
    return PartialDate(year, month, day)


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
    if first.day == 1 and last.day == days_in_month(last.year, last.month):
        return PartialDate(first.year, first.month), PartialDate(last.year, last.month)
    return start, end
