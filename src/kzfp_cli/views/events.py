"""Events: the event object of the output contract, the timeline's columns and an event
shown whole."""

from __future__ import annotations

from collections.abc import Sequence

from kzfp_cli.dates import display_span
from kzfp_cli.model import EVENT_COLUMNS, Dataset, Event
from kzfp_cli.views.base import (
    WIDE,
    Column,
    Detail,
    Listing,
    Nested,
    Record,
    flatten_record,
    iso_or_none,
)

# The event object: the columns of events.csv, with the precision the date implies.
EVENT_FIELDS = (*EVENT_COLUMNS[:3], "precision", *EVENT_COLUMNS[3:])


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
        "sources": list(event.sources),
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


def event_listing(events: Sequence[Event], dataset: Dataset) -> Listing[Event]:
    return Listing(
        items=events,
        record=event_record,
        fields=EVENT_FIELDS,
        flat=_event_flat,
        flat_fields=EVENT_COLUMNS,
        columns=(
            Column("Date", lambda e: display_span(e.date, e.end_date), max_width=14),
            Column("Event", lambda e: e.title, share=3),
            Column("Partners", lambda e: _partner_names(e, dataset), share=2),
            Column("Orgs", lambda e: _org_names(e, dataset)),
            Column("ID", lambda e: e.id, min_width=WIDE, key=True),
        ),
        empty_message="No events match these filters.",
    )


def event_detail(event: Event, dataset: Dataset) -> Detail:
    return Detail(
        record=event_record(event),
        rows=lambda record: [_event_flat(record)],
        facts=(
            ("ID", event.id),
            ("Date", display_span(event.date, event.end_date, coarsen=False)),
            ("Precision", event.precision.label),
            ("Title", event.title),
            ("Summary", event.summary),
            ("Partners", _partner_names(event, dataset)),
            ("Organizations", _org_names(event, dataset)),
            ("Themes", _theme_names(event, dataset)),
            ("Article section", event.section),
            ("Sources", "\n".join(event.sources)),
            ("Note", event.note),
        ),
    )
