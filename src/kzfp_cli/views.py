"""What each command shows: the JSON object of a record and the columns of its table.

The output contract lives here. A renderer knows how to print records and cells, never
which fields an event or an organization has.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from kzfp_cli.dates import PartialDate, display_span
from kzfp_cli.model import Dataset, Event
from kzfp_cli.query import OrgSummary
from kzfp_cli.store import LIST_SEPARATOR

T = TypeVar("T")
Record = dict[str, Any]


@dataclass(frozen=True)
class Column(Generic[T]):
    header: str
    cell: Callable[[T], str]
    # Columns with a share wrap and split the width left over by the others in that
    # proportion; columns without one are kept whole (they are short: dates, ids).
    share: int = 0
    # Left out of tables narrower than this, so that the essential columns stay readable.
    min_width: int = 0


@dataclass(frozen=True)
class Listing(Generic[T]):
    """Items with their two faces: ``record`` for programs, ``columns`` for people."""

    items: Sequence[T]
    record: Callable[[T], Record]
    columns: Sequence[Column[T]]
    empty_message: str
    flat: Callable[[Record], dict[str, str]] | None = None

    def records(self) -> Iterator[Record]:
        return (self.record(item) for item in self.items)

    def flat_records(self) -> Iterator[dict[str, str]]:
        """Records with every value as text, for CSV: lists become ``a;b``."""
        flatten = self.flat or flatten_record
        return (flatten(record) for record in self.records())


def flatten_record(record: Record) -> dict[str, str]:
    return {key: _flat_value(value) for key, value in record.items()}


def _flat_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(item) for item in value)
    return str(value)


def _iso(value: PartialDate | None) -> str | None:
    return value.iso() if value is not None else None


def event_record(event: Event) -> Record:
    return {
        "id": event.id,
        "date": event.date.iso(),
        "end_date": _iso(event.end_date),
        "precision": event.precision.label,
        "title": event.title,
        "summary": event.summary,
        "partners": list(event.partners),
        "orgs": list(event.orgs),
        "themes": list(event.themes),
        "section": event.section,
        "sources": list(event.sources),
        "note": event.note or None,
    }


def _event_flat(record: Record) -> dict[str, str]:
    # CSV output has the columns of data/events.csv, so it can be read back as data;
    # the precision is implied by the date itself.
    flat = flatten_record(record)
    del flat["precision"]
    return flat


def event_listing(events: Sequence[Event], dataset: Dataset) -> Listing[Event]:
    def partner_names(event: Event) -> str:
        return ", ".join(dataset.partners[ident].name for ident in event.partners)

    def org_names(event: Event) -> str:
        return ", ".join(dataset.orgs[ident].acronym for ident in event.orgs)

    return Listing(
        items=events,
        record=event_record,
        flat=_event_flat,
        columns=(
            Column("Date", lambda e: display_span(e.date, e.end_date)),
            Column("Event", lambda e: e.title, share=3),
            Column("Partners", partner_names, share=2),
            Column("Orgs", org_names),
            Column("ID", lambda e: e.id, min_width=100),
        ),
        empty_message="No events match these filters.",
    )


def org_record(summary: OrgSummary) -> Record:
    org = summary.org
    return {
        "id": org.id,
        "acronym": org.acronym,
        "name": org.name,
        "member_since": _iso(summary.member_since),
        "joined_event": org.joined_event,
        "roles": [
            {
                "role": held.role,
                "date": held.event.date.iso(),
                "end_date": _iso(held.event.end_date),
                "event": held.event.id,
            }
            for held in summary.roles
        ],
    }


def _org_flat(record: Record) -> dict[str, str]:
    flat = flatten_record({key: value for key, value in record.items() if key != "roles"})
    flat["roles"] = LIST_SEPARATOR.join(
        f"{role['role']} ({role['date']}{'/' + role['end_date'] if role['end_date'] else ''})"
        for role in record["roles"]
    )
    return flat


def _roles_cell(summary: OrgSummary) -> str:
    return "\n".join(
        f"{held.role} ({display_span(held.event.date, held.event.end_date)})"
        for held in summary.roles
    )


def org_listing(summaries: Sequence[OrgSummary]) -> Listing[OrgSummary]:
    return Listing(
        items=summaries,
        record=org_record,
        flat=_org_flat,
        columns=(
            Column("Org", lambda s: s.org.acronym),
            Column("Name", lambda s: s.org.name, share=2),
            Column(
                "Member since",
                lambda s: s.member_since.display() if s.member_since else "not a member",
            ),
            Column("Roles held", _roles_cell, share=3),
        ),
        empty_message="No organizations.",
    )
