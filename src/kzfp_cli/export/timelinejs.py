"""TimelineJS3 (https://timeline.knightlab.com): its JSON format, and the 18 columns of its
Google Sheets template. Every text is HTML-escaped: TimelineJS renders text as HTML. The
JSON writes every control character as ``\\uXXXX``, as ``--format json`` does.

TimelineJS gives each distinct ``group`` its own labelled row in the time navigation, at
a minimum height however few events it holds: grouped by partner, the built-in data
makes more rows than the screen has room for. So events are not grouped unless asked
(``Grouping.none``); without groups TimelineJS packs them into as few rows as their
overlaps need. What ``group`` holds for each choice is in ``group_name``."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from html import escape
from typing import Any

from kzfp_cli.choices import Grouping, assert_never
from kzfp_cli.dates import DateWords, PartialDate, display_span
from kzfp_cli.export import group_of, linked_sources, partner_names, title
from kzfp_cli.language import Language
from kzfp_cli.model import Dataset, Event
from kzfp_cli.safe_text import caret, guard, json_controls, percent_controls


def group_name(event: Event, dataset: Dataset, group_by: Grouping, lang: Language) -> str | None:
    """The row an event belongs to under ``group_by``; None for no group, which leaves
    ``group`` out of the JSON and the sheet's Group column empty."""
    match group_by:
        case Grouping.partner:  # else the first organization's acronym, else Kazakhstan
            return group_of(event, dataset, lang)
        case Grouping.org:
            return dataset.orgs[event.orgs[0]].acronym if event.orgs else lang.gettext("Other")
        case Grouping.theme:
            return dataset.themes[event.themes[0]].name if event.themes else lang.gettext("Other")
        case Grouping.none:
            return None
        case _:
            assert_never(group_by)


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
    events: Sequence[Event],
    dataset: Dataset,
    lang: Language,
    group_by: Grouping = Grouping.none,
) -> str:
    words = lang.dates
    slides: list[dict[str, Any]] = []
    for event in events:
        slide: dict[str, Any] = {
            "unique_id": event.id,
            "start_date": _date(event.date, words),
            "display_date": display_span(event.date, event.end_date, words=words),
            "text": {"headline": escape(event.title), "text": _text(event, dataset, lang)},
        }
        group = group_name(event, dataset, group_by, lang)
        if group is not None:
            slide["group"] = escape(group)
        if event.end_date is not None:
            slide["end_date"] = _date(event.end_date, words)
        slides.append(slide)
    document = {
        "title": {"text": {"headline": escape(title(lang)), "text": _title_text(events, lang)}},
        "events": slides,
    }
    return json_controls(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"


def _sheet_cell(text: str) -> str:
    """A text cell to paste into a spreadsheet: controls in caret notation (a raw carriage
    return would also end the row unquoted), and a formula shown as text, never run."""
    return guard(caret(text))


def timeline_sheet(
    events: Sequence[Event],
    dataset: Dataset,
    lang: Language,
    group_by: Grouping = Grouping.none,
) -> str:
    """CSV for the TimelineJS Google Sheets template: paste it under the header row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(SHEET_COLUMNS)
    heading = [""] * len(SHEET_COLUMNS)
    heading[SHEET_COLUMNS.index("Headline")] = escape(title(lang))
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
                _sheet_cell(escape(event.title)),
                _sheet_cell(_text(event, dataset, lang)),
                "",
                "",
                "",
                "",
                "",
                _sheet_cell(escape(group_name(event, dataset, group_by, lang) or "")),
                "",
            ]
        )
    return out.getvalue()
