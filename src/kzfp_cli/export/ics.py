"""An RFC 5545 calendar: one all-day event per kzfp event.

Dates are ``VALUE=DATE`` and ``DTEND`` is exclusive (the day after the last day shown);
an entry that ends on 31 December 9999 has a ``DURATION`` in days instead, as that day
after would be in year 10000. An event longer than ``LONGEST_SPANNED`` days (a term of
office, a date known only to its month or year) is an entry on its first day alone, its
span in its SUMMARY and DESCRIPTION: a calendar draws an all-day entry as a bar across
every day it covers, and bars of weeks or years would bury the days' own entries.
``UID`` is the event id, stable across exports, and ``DTSTAMP`` is derived from the data,
so the same selection always gives the same file.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, timedelta

from kzfp_cli.dates import display_span
from kzfp_cli.export import credit, partner_names, title
from kzfp_cli.language import Language
from kzfp_cli.model import Dataset, Event, Source
from kzfp_cli.safe_text import caret, percent_controls

PRODID = "-//kzfp//Kazakhstan foreign policy timeline//EN"
UID_DOMAIN = "kzfp.invalid"
# A week: a summit or a state visit is drawn over its days; anything longer is not.
LONGEST_SPANNED = 7


def escape_text(text: str) -> str:
    """RFC 5545 TEXT: backslash, semicolon, comma and line breaks escaped. TEXT may hold
    no control character but a tab (3.3.11): a line break of any kind (CR LF, a lone CR,
    LF) becomes ``\\n`` and every other control caret notation (``^[``)."""
    shown = caret(text.replace("\r\n", "\n").replace("\r", "\n"))
    return shown.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """Lines of at most 75 octets, continued with CRLF and a space (RFC 5545, 3.1)."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts: list[str] = []
    current, size = "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > (75 if not parts else 74):
            parts.append(current)
            current, size = "", 0
        current += char
        size += width
    parts.append(current)
    return "\r\n ".join(parts)


def _day(value: date) -> str:
    # Not strftime("%Y"): the C library writes year 1 as "1", not "0001".
    return value.isoformat().replace("-", "")


def is_long(event: Event) -> bool:
    """Whether the event is shown on its first day alone (see the module's docstring)."""
    return (event.last - event.first).days + 1 > LONGEST_SPANNED


def _end(event: Event) -> str:
    """DTEND, the day after the last shown; for an entry that ends on 31 December 9999
    (the last day a date can hold, and a DATE has four digits of year) the same span as
    DURATION."""
    last = event.first if is_long(event) else event.last
    if last == date.max:
        return f"DURATION:P{(last - event.first).days + 1}D"
    return f"DTEND;VALUE=DATE:{_day(last + timedelta(days=1))}"


def _cited(source: Source, lang: Language) -> str:
    """A source in a description: its title, who published it and when, its address."""
    about = credit(source, lang)
    text = f"{source.title} ({about})" if about else source.title
    return f"{text} {source.url}" if source.url else text


def calendar(
    events: Sequence[Event], dataset: Dataset, lang: Language, *, anniversaries: bool = False
) -> Iterator[str]:
    """The calendar, an event at a time, each line folded and ended as RFC 5545 says."""
    _ = lang.gettext
    stamp = max((event.last for event in events), default=date(2021, 6, 15))
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(title(lang))}",
    ]
    yield _lines(lines)
    for event in events:
        lines = []
        heading, described = event.title, []
        if is_long(event):
            span = display_span(event.date, event.end_date, words=lang.dates)
            heading = f"{event.title} ({span})"
            described.append(f"{_('Covers')}: {span}")
        if event.summary:
            described.append(event.summary)
        names = partner_names(event, dataset)
        if names:
            described.append(f"{_('Partners')}: {', '.join(names)}")
        described += [f"{_('Source')}: {_cited(source, lang)}" for source in event.sources]
        if event.note:
            described.append(f"{_('Note')}: {event.note}")
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.id}@{UID_DOMAIN}",
            f"DTSTAMP:{_day(stamp)}T000000Z",
            f"DTSTART;VALUE=DATE:{_day(event.first)}",
            _end(event),
            f"SUMMARY:{escape_text(heading)}",
            f"DESCRIPTION:{escape_text(chr(10).join(described))}",
        ]
        first_url = next((source.url for source in event.sources if source.url), None)
        if first_url:
            lines.append(f"URL:{percent_controls(first_url)}")
        if event.themes:
            lines.append(f"CATEGORIES:{','.join(escape_text(t) for t in event.themes)}")
        # A yearly repeat makes sense only for a single known day.
        if anniversaries and event.end_date is None and event.date.day is not None:
            lines.append("RRULE:FREQ=YEARLY")
        lines.append("END:VEVENT")
        yield _lines(lines)
    yield _lines(["END:VCALENDAR"])


def _lines(lines: list[str]) -> str:
    return "".join(fold(line) + "\r\n" for line in lines)
