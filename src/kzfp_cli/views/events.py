"""Events: the event object of the output contract, the timeline's columns and an event
shown whole."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from kzfp_cli.dates import DateWords, Precision, display_span
from kzfp_cli.model import EVENT_COLUMNS, Dataset, Event, Source
from kzfp_cli.views.base import (
    WIDE,
    Column,
    Detail,
    Listing,
    Nested,
    Record,
    date_or_blank,
    flatten_record,
    iso_or_none,
)

if TYPE_CHECKING:  # only named in annotations; the commands pass it in
    from kzfp_cli.language import Language

# The event object: the columns of events.csv, with the precision the date implies.
EVENT_FIELDS = (*EVENT_COLUMNS[:3], "precision", *EVENT_COLUMNS[3:])


def source_record(source: Source) -> Nested:
    """A source as the output contract gives it; in a CSV cell, its id (or, for a source a
    user cites by text, that text, which reads back as the same source)."""
    return Nested(
        source.id or source.cited,
        {
            "id": source.id or None,
            "title": source.title,
            "publisher": source.publisher or None,
            "url": source.url,
            "language": source.language or None,
            "published": iso_or_none(source.published),
            "checked": iso_or_none(source.checked),
        },
    )


def source_credit(source: Source, words: DateWords) -> tuple[str, str]:
    """Who published a source and when, in the words of a language; and the page's
    language, where it is not English (else empty)."""
    who = ", ".join(filter(None, (source.publisher, date_or_blank(source.published, words))))
    return who, source.language if source.language not in ("", "en") else ""


def source_lines(sources: Sequence[Source], words: DateWords) -> str:
    """Sources for eyes, one a paragraph: the title, who published it and when, the
    page's language where it is not English, and the address on a line of its own."""
    shown = []
    for source in sources:
        who, language = source_credit(source, words)
        text = ", ".join(filter(None, (source.title, who)))
        if language:
            text += f" [{language}]"
        shown.append(f"{text}\n{source.url}" if source.url else text)
    return "\n".join(shown)


def event_record(event: Event) -> Record:
    return {
        "id": event.id,
        "date": event.date.iso(),
        "end_date": iso_or_none(event.end_date),
        "precision": event.date.precision.label,
        "title": event.title,
        "summary": event.summary,
        "partners": list(event.partners),
        "orgs": list(event.orgs),
        "themes": list(event.themes),
        "section": event.section,
        "sources": list(map(source_record, event.sources)),
        "note": event.note or None,
    }


def nested_event(event: Event) -> Nested:
    """An event inside another thing's record, named by its id in a cell."""
    return Nested(event.id, event_record(event))


def _event_flat(record: Record) -> dict[str, str]:
    # CSV output has the columns of data/events.csv, so it can be read back as data;
    # the precision is implied by the date itself.
    flat = flatten_record(record)
    del flat["precision"]
    return flat


def _partner_names(event: Event, dataset: Dataset) -> str:
    return ", ".join(dataset.partners[ident].name for ident in event.partners)


def _org_names(event: Event, dataset: Dataset) -> str:
    return ", ".join(dataset.orgs[ident].acronym for ident in event.orgs)


def _theme_names(event: Event, dataset: Dataset) -> str:
    return ", ".join(dataset.themes[ident].name for ident in event.themes)


# The widest a date column grows for a period within a month (14–15 июн. 2011); wider,
# it would take the title's room: a longer period breaks after its dash.
_PERIOD_WIDTH = 16


def _date_width(words: DateWords) -> int:
    """How wide the date column grows before its text wraps: a day of any month of the
    language on one line (Kazakh's ``1991 ж. 21 желтоқсан``), and a period within a
    month too where it fits in _PERIOD_WIDTH (``30–31 Sep 2000``: 14 in English)."""
    months = words.months[1:]
    day = max(len(words.with_year(f"30 {month}", 2000)) for month in months)
    period = max(len(words.with_year(f"30–31 {month}", 2000)) for month in months)
    return max(day, min(period, _PERIOD_WIDTH))


def event_listing(events: Sequence[Event], dataset: Dataset, lang: Language) -> Listing[Event]:
    _ = lang.gettext
    words = lang.dates
    return Listing(
        items=events,
        record=event_record,
        fields=EVENT_FIELDS,
        flat=_event_flat,
        flat_fields=EVENT_COLUMNS,
        columns=(
            Column(
                _("Date"),
                lambda e: display_span(e.date, e.end_date, words=words),
                max_width=_date_width(words),
            ),
            Column(_("Event"), lambda e: e.title, share=3),
            Column(_("Partners"), lambda e: _partner_names(e, dataset), share=2),
            Column(_("Orgs"), lambda e: _org_names(e, dataset)),
            Column(_("ID"), lambda e: e.id, min_width=WIDE, key=True),
        ),
        empty_message=_("No events match these filters."),
    )


def _precision_word(precision: Precision, lang: Language) -> str:
    """How much of a date is known, as a word of ``lang`` (the record keeps the English
    label: it is a value of the output contract)."""
    _ = lang.gettext
    return (_("year"), _("month"), _("day"))[precision]


def event_detail(event: Event, dataset: Dataset, lang: Language) -> Detail:
    _ = lang.gettext
    return Detail(
        record=event_record(event),
        rows=lambda record: [_event_flat(record)],
        header=(_("Field"), _("Value")),
        facts=(
            (_("ID"), event.id),
            (_("Date"), display_span(event.date, event.end_date, coarsen=False, words=lang.dates)),
            (_("Precision"), _precision_word(event.precision, lang)),
            (_("Title"), event.title),
            (_("Summary"), event.summary),
            (_("Partners"), _partner_names(event, dataset)),
            (_("Organizations"), _org_names(event, dataset)),
            (_("Themes"), _theme_names(event, dataset)),
            (_("Article section"), event.section),
            (_("Sources"), source_lines(event.sources, lang.dates)),
            (_("Note"), event.note),
        ),
    )
