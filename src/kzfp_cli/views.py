"""What each command shows: the JSON object of a record and the columns of its table.

The output contract lives here. A renderer knows how to print records and cells, never
which fields an event or an organization has.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, TypeVar

from kzfp_cli.dates import PartialDate, display_span
from kzfp_cli.errors import UsageError
from kzfp_cli.model import EVENT_COLUMNS, LIST_SEPARATOR, Dataset, Event, Partner, Problem

if TYPE_CHECKING:  # only named in annotations; imported by the commands that use them
    from kzfp_cli.lookup import (
        OrgDetail,
        OrgSummary,
        PartnerProfile,
        PartnerSummary,
        Stats,
        ThemeSummary,
    )
    from kzfp_cli.schemas import Schema
    from kzfp_cli.search import Hit

T = TypeVar("T")
# Terminals at least this wide also show event ids in timeline tables.
WIDE = 120
Record = dict[str, Any]


# Column and Listing are plain classes rather than dataclasses or NamedTuples: they are
# generic, which a NamedTuple cannot be before Python 3.11, and a dataclass costs about a
# millisecond of start-up to define (see dates.PartialDate).
class Column(Generic[T]):
    """One column of a table: its header and how to show an item in it."""

    __slots__ = ("cell", "decorative", "header", "highlight", "max_width", "min_width", "share")

    def __init__(
        self,
        header: str,
        cell: Callable[[T], str],
        *,
        share: int = 0,
        min_width: int = 0,
        max_width: int | None = None,
        highlight: Callable[[T], frozenset[str]] | None = None,
        decorative: bool = False,
    ) -> None:
        self.header = header
        self.cell = cell
        # Columns with a share wrap and split the width left over by the others in that
        # proportion; columns without one are kept whole (they are short: dates, ids).
        self.share = share
        # Left out of tables narrower than this, so that the essential columns stay readable.
        self.min_width = min_width
        # Wraps beyond this width (a long period breaks after its dash).
        self.max_width = max_width
        # Words to emphasise in the cell (search matches), compared case- and accent-folded.
        self.highlight = highlight
        # Only for the eyes (a bar of a chart): left out of plain, TSV and Markdown output.
        self.decorative = decorative


class Listing(Generic[T]):
    """Items with their two faces: ``record`` for programs, ``columns`` for people."""

    __slots__ = ("columns", "empty_message", "fields", "flat", "flat_fields", "items", "record")

    def __init__(
        self,
        *,
        items: Sequence[T],
        record: Callable[[T], Record],
        fields: Sequence[str],
        columns: Sequence[Column[T]],
        empty_message: str,
        flat: Callable[[Record], dict[str, str]] | None = None,
        flat_fields: Sequence[str] | None = None,
    ) -> None:
        self.items = items
        self.record = record
        # The keys of every record, in order: what --fields chooses from.
        self.fields = fields
        self.columns = columns
        self.empty_message = empty_message
        # A CSV row from a record, when it is more than the record flattened; then also
        # the CSV header, for when there are no rows to take it from.
        self.flat = flat
        self.flat_fields = flat_fields

    def records(self) -> Iterator[Record]:
        return (self.record(item) for item in self.items)

    def flat_records(self) -> Iterator[dict[str, str]]:
        """Records with every value as text, for CSV: lists become ``a;b``."""
        flatten = self.flat or flatten_record
        return (flatten(record) for record in self.records())

    @property
    def header(self) -> Sequence[str]:
        return self.flat_fields or self.fields

    def select(self, names: Sequence[str]) -> Listing[T]:
        """The same items with only these fields, in this order, in every format."""
        unknown = [name for name in names if name not in self.fields]
        if unknown or not names:
            valid = ", ".join(self.fields)
            what = f"unknown field '{unknown[0]}'" if unknown else "no fields named"
            raise UsageError(f"{what}; the fields are: {valid}")
        full = self.record

        def record(item: T) -> Record:
            whole = full(item)
            return {name: whole[name] for name in names}

        def cell(name: str) -> Callable[[T], str]:
            return lambda item: _shown(full(item)[name])

        return Listing(
            items=self.items,
            record=record,
            fields=tuple(names),
            columns=tuple(Column(name, cell(name), share=1) for name in names),
            empty_message=self.empty_message,
        )


def _shown(value: Any) -> str:
    """A record value for eyes: lists as ``a, b``, nothing for null."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(_item_text(item) for item in value)
    return str(value)


class Detail(NamedTuple):
    """One thing shown whole (an event, a partner, statistics): a JSON object for
    programs; labelled fields and, below them, listings for people."""

    record: Record
    facts: Sequence[tuple[str, str]]
    sections: Sequence[tuple[str, Listing[Any]]] = ()
    # CSV rows; by default one row, the record flattened.
    rows: Callable[[Record], list[dict[str, str]]] | None = None

    def flat_records(self) -> list[dict[str, str]]:
        return self.rows(self.record) if self.rows else [flatten_record(self.record)]


Output = Listing[Any] | Detail


def flatten_record(record: Record) -> dict[str, str]:
    return {key: _flat_value(value) for key, value in record.items()}


def _item_text(item: Any) -> str:
    """A list item as text: a nested object by its id, a role as ``Role (start/end)``."""
    if not isinstance(item, dict):
        return str(item)
    if "id" in item:
        return str(item["id"])
    if "role" in item:
        period = item["date"] + (f"/{item['end_date']}" if item["end_date"] else "")
        return f"{item['role']} ({period})"
    return ", ".join(f"{key}={value}" for key, value in item.items())


def _flat_value(value: Any) -> str:
    """A value as one CSV cell: lists become ``a;b``; nested objects are named by id."""
    if value is None:
        return ""
    if isinstance(value, list):
        return LIST_SEPARATOR.join(_item_text(item) for item in value)
    return str(value)


def _iso(value: PartialDate | None) -> str | None:
    return value.iso() if value is not None else None


# The event object: the columns of events.csv, with the precision the date implies.
EVENT_FIELDS = (*EVENT_COLUMNS[:3], "precision", *EVENT_COLUMNS[3:])
ORG_FIELDS = ("id", "acronym", "name", "wikidata", "member_since", "joined_event", "roles")
PARTNER_FIELDS = (
    "id", "name", "kind", "iso2", "iso3", "cow", "wikidata", "events", "first", "last",
)  # fmt: skip
THEME_FIELDS = ("id", "name", "description", "events")
HIT_FIELDS = ("kind", "id", "title", "date", "score")
# What --fields can choose from, per listing command (kzfp fields shows this).
LISTING_FIELDS = {
    "timeline": EVENT_FIELDS,
    "org list": ORG_FIELDS,
    "partner list": PARTNER_FIELDS,
    "theme list": THEME_FIELDS,
    "search": HIT_FIELDS,
}


def event_record(event: Event) -> Record:
    return {
        "id": event.id,
        "date": event.date.iso(),
        "end_date": _iso(event.end_date),
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
            Column("ID", lambda e: e.id, min_width=WIDE),
        ),
        empty_message="No events match these filters.",
    )


def org_record(summary: OrgSummary) -> Record:
    org = summary.org
    return {
        "id": org.id,
        "acronym": org.acronym,
        "name": org.name,
        "wikidata": org.wikidata or None,
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


def _roles_cell(summary: OrgSummary) -> str:
    return "\n".join(
        f"{held.role} ({display_span(held.event.date, held.event.end_date)})"
        for held in summary.roles
    )


def org_listing(summaries: Sequence[OrgSummary]) -> Listing[OrgSummary]:
    return Listing(
        items=summaries,
        record=org_record,
        fields=ORG_FIELDS,
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


def _date_or_blank(value: PartialDate | None) -> str:
    return value.display() if value is not None else ""


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


def partner_identifiers(partner: Partner) -> Record:
    """The standard identifiers a partner is joined on with research data (null where
    none applies: a bloc has no ISO or COW code)."""
    return {
        "iso2": partner.iso2 or None,
        "iso3": partner.iso3 or None,
        "cow": partner.cow,
        "wikidata": partner.wikidata or None,
    }


def _identifiers_text(iso2: str, iso3: str, cow: int | None, wikidata: str) -> str:
    parts = []
    if iso2 or iso3:
        parts.append("ISO " + " / ".join(code for code in (iso2, iso3) if code))
    if cow is not None:
        parts.append(f"COW {cow}")
    if wikidata:
        parts.append(f"Wikidata {wikidata}")
    return " · ".join(parts)


def partner_record(summary: PartnerSummary) -> Record:
    partner = summary.partner
    return {
        "id": partner.id,
        "name": partner.name,
        "kind": partner.kind,
        **partner_identifiers(partner),
        "events": len(summary.events),
        "first": _iso(summary.first),
        "last": _iso(summary.last),
    }


def partner_listing(summaries: Sequence[PartnerSummary]) -> Listing[PartnerSummary]:
    return Listing(
        items=summaries,
        record=partner_record,
        fields=PARTNER_FIELDS,
        columns=(
            Column("ID", lambda s: s.partner.id),
            Column("Name", lambda s: s.partner.name, share=1),
            Column("Kind", lambda s: s.partner.kind),
            Column("Events", lambda s: str(len(s.events))),
            Column("First", lambda s: _date_or_blank(s.first)),
            Column("Last", lambda s: _date_or_blank(s.last)),
        ),
        empty_message="No partners.",
    )


def partner_detail(profile: PartnerProfile, dataset: Dataset) -> Detail:
    partner = profile.summary.partner
    events = profile.summary.events
    record = {
        "id": partner.id,
        "name": partner.name,
        "kind": partner.kind,
        **partner_identifiers(partner),
        "aliases": list(partner.aliases),
        "profile": partner.profile,
        "shared_interests": partner.shared_interests or None,
        "tensions": partner.tensions or None,
        "orgs": [org.id for org in profile.shared_orgs],
        "themes": [{"id": theme.id, "events": count} for theme, count in profile.themes],
        "events": [event_record(event) for event in events],
    }
    return Detail(
        record=record,
        facts=(
            ("Partner", f"{partner.name} ({partner.id})"),
            ("Kind", partner.kind),
            (
                "Identifiers",
                _identifiers_text(partner.iso2, partner.iso3, partner.cow, partner.wikidata),
            ),
            ("Also known as", ", ".join(partner.aliases)),
            ("Profile", partner.profile),
            ("Shared interests", partner.shared_interests),
            ("Tensions", partner.tensions),
            ("Organizations in common", ", ".join(org.acronym for org in profile.shared_orgs)),
            ("Themes", ", ".join(f"{theme.name} ({count})" for theme, count in profile.themes)),
            (
                "Events",
                f"{len(events)}, {display_span(profile.summary.first, profile.summary.last)}"
                if profile.summary.first and profile.summary.last
                else "0",
            ),
        ),
        sections=(("Timeline", event_listing(events, dataset)),),
    )


def org_detail_view(detail: OrgDetail, dataset: Dataset) -> Detail:
    summary = detail.summary
    org = summary.org
    listed = org_record(summary)
    record = {
        "id": listed["id"],
        "acronym": listed["acronym"],
        "name": listed["name"],
        "wikidata": listed["wikidata"],
        "aliases": list(org.aliases),
        "member_since": listed["member_since"],
        "joined_event": listed["joined_event"],
        "roles": listed["roles"],
        "events": [event_record(event) for event in detail.events],
    }
    joined = (
        f"{summary.member_since.display()} ({org.joined_event})"
        if summary.member_since
        else "not a member"
    )
    return Detail(
        record=record,
        facts=(
            ("Organization", f"{org.acronym} ({org.id})"),
            ("Name", org.name),
            ("Identifiers", _identifiers_text("", "", None, org.wikidata)),
            ("Also known as", ", ".join(org.aliases)),
            ("Member since", joined),
            ("Roles held", _roles_cell(summary)),
        ),
        sections=(("Events", event_listing(detail.events, dataset)),),
    )


def theme_listing(summaries: Sequence[ThemeSummary]) -> Listing[ThemeSummary]:
    return Listing(
        items=summaries,
        record=lambda s: {
            "id": s.theme.id,
            "name": s.theme.name,
            "description": s.theme.description,
            "events": s.events,
        },
        fields=THEME_FIELDS,
        columns=(
            Column("ID", lambda s: s.theme.id),
            Column("Name", lambda s: s.theme.name),
            Column("Events", lambda s: str(s.events)),
            Column("Meaning", lambda s: s.theme.description, share=1),
        ),
        empty_message="No themes.",
    )


def hit_record(hit: Hit) -> Record:
    return {
        "kind": hit.kind,
        "id": hit.id,
        "title": hit.title,
        "date": _iso(hit.date),
        "score": hit.score,
    }


def search_listing(hits: Sequence[Hit]) -> Listing[Hit]:
    return Listing(
        items=hits,
        record=hit_record,
        fields=HIT_FIELDS,
        columns=(
            Column("Kind", lambda h: h.kind),
            Column("Date", lambda h: _date_or_blank(h.date)),
            Column("Title", lambda h: h.title, share=1, highlight=lambda h: h.matched),
            Column("ID", lambda h: h.id, min_width=WIDE),
        ),
        empty_message="Nothing matches.",
    )


BAR_WIDTH = 30


def _counts(
    pairs: Sequence[tuple[Any, int]], header: str, label: Callable[[Any], str]
) -> Listing[tuple[Any, int]]:
    most = max((count for _, count in pairs), default=0)
    return Listing(
        items=pairs,
        record=lambda pair: {"key": pair[0], "events": pair[1]},
        fields=("key", "events"),
        columns=(
            Column(header, lambda pair: label(pair[0])),
            Column("Events", lambda pair: str(pair[1])),
            Column(
                "",
                lambda pair: "█" * max(1, round(BAR_WIDTH * pair[1] / most)),
                decorative=True,
            ),
        ),
        empty_message="(none)",
    )


def stats_detail(counts: Stats, dataset: Dataset) -> Detail:
    record = {
        "events": counts.events,
        "by_year": {str(year): count for year, count in counts.by_year},
        "by_partner": dict(counts.by_partner),
        "by_theme": dict(counts.by_theme),
    }

    def rows(record: Record) -> list[dict[str, str]]:
        return [
            {"dimension": dimension, "key": key, "events": str(count)}
            for dimension in ("year", "partner", "theme")
            for key, count in record[f"by_{dimension}"].items()
        ]

    return Detail(
        record=record,
        rows=rows,
        facts=(("Events", str(counts.events)),),
        sections=(
            ("Events per year (by the year each began)", _counts(counts.by_year, "Year", str)),
            (
                "Events per partner",
                _counts(counts.by_partner, "Partner", lambda p: dataset.partners[p].name),
            ),
            (
                "Events per theme",
                _counts(counts.by_theme, "Theme", lambda t: dataset.themes[t].name),
            ),
        ),
    )


def fields_listing(commands: Sequence[str]) -> Listing[str]:
    return Listing(
        items=commands,
        record=lambda command: {"command": command, "fields": list(LISTING_FIELDS[command])},
        fields=("command", "fields"),
        columns=(
            Column("Command", lambda command: f"kzfp {command}"),
            Column("Fields", lambda command: ",".join(LISTING_FIELDS[command]), share=1),
        ),
        empty_message="No commands.",
    )


def schema_listing(schemas: Sequence[Schema]) -> Listing[Schema]:
    return Listing(
        items=schemas,
        record=lambda s: {"name": s.name, "title": s.title, "description": s.description},
        fields=("name", "title", "description"),
        columns=(
            Column("Name", lambda s: s.name),
            Column("Describes", lambda s: s.description, share=1),
        ),
        empty_message="No schemas.",
    )


def problem_listing(problems: Sequence[Problem]) -> Listing[Problem]:
    return Listing(
        items=problems,
        record=lambda p: {
            "file": p.file,
            "line": p.line,
            "column": p.column,
            "severity": p.severity,
            "message": p.message,
        },
        fields=("file", "line", "column", "severity", "message"),
        columns=(Column("Problem", str, share=1),),
        empty_message="No problems.",
    )
