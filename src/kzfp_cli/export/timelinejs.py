"""TimelineJS3 (https://timeline.knightlab.com): its JSON format, and the 18 columns of its
Google Sheets template. Every text of the JSON is HTML-escaped: TimelineJS renders text
as HTML. The sheet is what a person would type into the template: only its Text column
is HTML (paragraphs and links); a headline, a date or a group is a plain cell, as
written (``Kazakhstan's``, never ``Kazakhstan&#x27;s``). The JSON writes every control
character as ``\\uXXXX``, as ``--format json`` does.

TimelineJS gives each distinct ``group`` its own labelled row in the time navigation, at
a minimum height however few events it holds: one row per partner the built-in data
names would push the navigation off the screen. So events are not grouped unless asked
(``Grouping.none``), and when they are, only by what the selection asked for: the
partners (organizations, themes) of ``--partner`` (``--org``, ``--theme``), else the few
its events name most, each a row, and one "Other" row for the rest (``Rows``)."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Collection, Iterator, Sequence
from html import escape
from typing import Any, NamedTuple

from kzfp_cli.choices import Grouping, assert_never
from kzfp_cli.dates import DateWords, PartialDate, display_span
from kzfp_cli.export import linked_sources, partner_names, title
from kzfp_cli.language import Language
from kzfp_cli.model import Dataset, Event
from kzfp_cli.query import EventFilter
from kzfp_cli.safe_text import caret, guard, json_controls, percent_controls

# At a 700-pixel page TimelineJS's navigation (a quarter of the height, 175 pixels at
# least) has room for five labelled rows: the four named ones and "Other".
NAMED_ROWS = 4


def _named(named: Event | EventFilter, group_by: Grouping) -> Collection[str]:
    """The ids of the kind rows are by that an event names, or that a filter asks for."""
    match group_by:
        case Grouping.partner:
            return named.partners
        case Grouping.org:
            return named.orgs
        case Grouping.theme:
            return named.themes
        case Grouping.none:
            return ()
        case _:
            assert_never(group_by)


def _name(ident: str, dataset: Dataset, group_by: Grouping) -> str:
    if group_by is Grouping.partner:
        return dataset.partners[ident].name
    if group_by is Grouping.org:
        return dataset.orgs[ident].acronym
    return dataset.themes[ident].name


class Rows(NamedTuple):
    """The rows TimelineJS draws: one per id in ``named``, then "Other"."""

    group_by: Grouping
    named: Collection[str]

    @classmethod
    def of(cls, group_by: Grouping, chosen: EventFilter, events: Sequence[Event]) -> Rows:
        """The rows for ``events``: the ids of ``group_by``'s kind that the selection
        asked for, else the ``NAMED_ROWS`` its events name most (ties by id)."""
        asked = _named(chosen, group_by)
        if asked:
            return cls(group_by, asked)
        counts = Counter(ident for event in events for ident in _named(event, group_by))
        ranked = sorted(counts, key=lambda ident: (-counts[ident], ident))
        return cls(group_by, frozenset(ranked[:NAMED_ROWS]))

    def group(self, event: Event, dataset: Dataset, lang: Language) -> str | None:
        """The row of ``event``: the first of its ids that has a row, else "Other"; None
        without grouping, which leaves ``group`` out of the JSON and the sheet's Group
        column empty."""
        if self.group_by is Grouping.none:
            return None
        for ident in _named(event, self.group_by):
            if ident in self.named:
                return _name(ident, dataset, self.group_by)
        return lang.gettext("Other")


UNGROUPED = Rows(Grouping.none, ())


SHEET_COLUMNS = (
    "Year",
    "Month",
    "Day",
    "Time",
    "End Year",
    "End Month",
    "End Day",
    "End Time",
    "Display Date",
    "Headline",
    "Text",
    "Media",
    "Media Credit",
    "Media Caption",
    "Media Thumbnail",
    "Type",
    "Group",
    "Background",
)


def _date(value: PartialDate, words: DateWords) -> dict[str, str]:
    """Only the parts the date has: TimelineJS shows a year-only date as a year."""
    parts = {"year": str(value.year)}
    if value.month is not None:
        parts["month"] = str(value.month)
    if value.day is not None:
        parts["day"] = str(value.day)
    parts["display_date"] = value.display(words)
    return parts


def _text(event: Event, dataset: Dataset, lang: Language) -> str:
    _ = lang.gettext
    paragraphs = [f"<p>{escape(event.summary)}</p>"] if event.summary else []
    names = partner_names(event, dataset)
    if names:
        paragraphs.append(f"<p>{escape(_('Partners'))}: {escape(', '.join(names))}</p>")
    links = linked_sources(
        event,
        lang,
        lambda title, url: f'<a href="{escape(percent_controls(url))}">{escape(title)}</a>',
        escape,
    )
    if links:
        paragraphs.append(f"<p>{escape(_('Sources'))}: {'; '.join(links)}</p>")
    if event.note:
        paragraphs.append(f"<p>{escape(_('Note'))}: {escape(event.note)}</p>")
    return "".join(paragraphs)


def _title_text(events: Sequence[Event], lang: Language) -> str:
    _ = lang.gettext
    if not events:
        return f"<p>{escape(_('No events.'))}</p>"
    first = min(event.first for event in events).year
    last = max(event.last for event in events).year
    made = _("{count} events, {first}–{last}. Made with kzfp.")
    return f"<p>{escape(made.format(count=len(events), first=first, last=last))}</p>"


def timeline_json(
    events: Sequence[Event], dataset: Dataset, lang: Language, rows: Rows = UNGROUPED
) -> Iterator[str]:
    """The TimelineJS document, a slide at a time, laid out as ``json.dumps`` with an
    indent of two lays out the whole."""
    encode = json.JSONEncoder(ensure_ascii=False, indent=2, check_circular=False).encode

    def nested(value: object, depth: int) -> str:
        return json_controls(encode(value)).replace("\n", "\n" + "  " * depth)

    heading = {"text": {"headline": escape(title(lang)), "text": _title_text(events, lang)}}
    yield '{\n  "title": ' + nested(heading, 1) + ',\n  "events": ['
    before = "\n    "
    for event in events:
        yield before + nested(_slide(event, dataset, lang, rows), 2)
        before = ",\n    "
    yield ("]" if before == "\n    " else "\n  ]") + "\n}\n"


def _slide(event: Event, dataset: Dataset, lang: Language, rows: Rows) -> dict[str, Any]:
    words = lang.dates
    slide: dict[str, Any] = {
        "unique_id": event.id,
        "start_date": _date(event.date, words),
        "display_date": display_span(event.date, event.end_date, words=words),
        "text": {"headline": escape(event.title), "text": _text(event, dataset, lang)},
    }
    group = rows.group(event, dataset, lang)
    if group is not None:
        slide["group"] = escape(group)
    if event.end_date is not None:
        slide["end_date"] = _date(event.end_date, words)
    return slide


def _sheet_cell(text: str) -> str:
    """A text cell to paste into a spreadsheet: controls in caret notation (a raw carriage
    return would also end the row unquoted), and a formula shown as text, never run."""
    return guard(caret(text))


def timeline_sheet(
    events: Sequence[Event], dataset: Dataset, lang: Language, rows: Rows = UNGROUPED
) -> str:
    """CSV for the TimelineJS Google Sheets template: paste it under the header row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(SHEET_COLUMNS)
    heading = [""] * len(SHEET_COLUMNS)
    heading[SHEET_COLUMNS.index("Headline")] = _sheet_cell(title(lang))
    heading[SHEET_COLUMNS.index("Text")] = _title_text(events, lang)
    heading[SHEET_COLUMNS.index("Type")] = "title"
    writer.writerow(heading)
    for event in events:
        end = event.end_date
        writer.writerow(
            [
                event.date.year,
                event.date.month or "",
                event.date.day or "",
                "",
                end.year if end else "",
                (end.month or "") if end else "",
                (end.day or "") if end else "",
                "",
                display_span(event.date, event.end_date, words=lang.dates),
                _sheet_cell(event.title),
                _sheet_cell(_text(event, dataset, lang)),
                "",
                "",
                "",
                "",
                "",
                _sheet_cell(rows.group(event, dataset, lang) or ""),
                "",
            ]
        )
    return out.getvalue()
