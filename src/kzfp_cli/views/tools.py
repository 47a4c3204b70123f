"""What the tools around the data show: search hits, statistics, what the data is, the
fields a listing offers, the published schemas and their properties, and the problems of
data files."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from kzfp_cli.model import Dataset, Problem
from kzfp_cli.views.base import WIDE, Column, Detail, Listing, Record, date_or_blank, iso_or_none
from kzfp_cli.views.events import EVENT_FIELDS
from kzfp_cli.views.reference import ORG_FIELDS, PARTNER_FIELDS, THEME_FIELDS

if TYPE_CHECKING:  # only named in annotations; imported by the commands that use them
    from kzfp_cli.lookup import DatasetSummary, Stats
    from kzfp_cli.schemas import Schema
    from kzfp_cli.search import Hit

HIT_FIELDS = ("kind", "id", "title", "date", "score")
# What --fields can choose from, per listing command (kzfp fields shows this).
LISTING_FIELDS = {
    "timeline": EVENT_FIELDS,
    "org list": ORG_FIELDS,
    "partner list": PARTNER_FIELDS,
    "theme list": THEME_FIELDS,
    "search": HIT_FIELDS,
}


def hit_record(hit: Hit) -> Record:
    return {
        "kind": hit.kind,
        "id": hit.id,
        "title": hit.title,
        "date": iso_or_none(hit.date),
        "score": hit.score,
    }


def search_listing(hits: Sequence[Hit]) -> Listing[Hit]:
    return Listing(
        items=hits,
        record=hit_record,
        fields=HIT_FIELDS,
        columns=(
            Column("Kind", lambda h: h.kind),
            Column("Date", lambda h: date_or_blank(h.date)),
            Column("Title", lambda h: h.title, share=1, highlight=lambda h: h.matched),
            Column("ID", lambda h: h.id, min_width=WIDE, key=True),
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


def schema_property_listing(schema: Schema) -> Listing[dict[str, Any]]:
    """The properties a schema describes: name, type, whether required, description."""
    import json

    document = json.loads(schema.text)
    required = set(document.get("required", ()))
    rows = [
        {
            "name": name,
            "type": _type_text(spec),
            "required": name in required,
            "description": _description(spec),
        }
        for name, spec in document.get("properties", {}).items()
    ]
    return Listing(
        items=rows,
        record=dict,
        fields=("name", "type", "required", "description"),
        columns=(
            Column("Name", lambda row: row["name"]),
            Column("Type", lambda row: row["type"], share=1),
            Column("Required", lambda row: "yes" if row["required"] else "no"),
            Column("Description", lambda row: row["description"], share=2),
        ),
        empty_message="No properties.",
        # CSV and TSV say true and false, as JSON does, rather than Python's True.
        flat=lambda row: {**row, "required": "true" if row["required"] else "false"},
    )


def _type_text(spec: dict[str, Any]) -> str:
    """A property's type as a person reads it: ``string or null``, ``array of event``."""
    if "enum" in spec:
        return "one of: " + ", ".join(str(value) for value in spec["enum"])
    if "$ref" in spec:
        # "#/$defs/role" and "event.json" both name what they point to last.
        return str(spec["$ref"]).rsplit("/", 1)[-1].removesuffix(".json")
    for either in ("oneOf", "anyOf"):
        if either in spec:
            return " or ".join(_type_text(branch) for branch in spec[either])
    kinds = spec.get("type", "any")
    names = [kinds] if isinstance(kinds, str) else list(kinds)
    if "array" in names and "items" in spec:
        names[names.index("array")] = f"array of {_type_text(spec['items'])}"
    return " or ".join(names)


def _description(spec: dict[str, Any]) -> str:
    """A property's own description, else that of its one described alternative (the
    partial date of a property that may also be null)."""
    if "description" in spec:
        return str(spec["description"])
    described = [
        str(branch["description"])
        for either in ("oneOf", "anyOf")
        for branch in spec.get(either, ())
        if "description" in branch
    ]
    return described[0] if len(described) == 1 else ""


def about_detail(summary: DatasetSummary) -> Detail:
    about = summary.about
    record = {
        "version": about.version if about else None,
        "reviewed": about.reviewed.iso() if about else None,
        "covers": {"first": iso_or_none(summary.first), "last": iso_or_none(summary.last)},
        "events": summary.events,
        "partners": summary.partners,
        "orgs": summary.orgs,
        "themes": summary.themes,
        "sources": summary.sources,
        "origin": about.origin if about else None,
    }
    covers = (
        f"{summary.first.display()} to {summary.last.display()}"
        if summary.first and summary.last
        else "no events"
    )
    return Detail(
        record=record,
        facts=(
            ("Version", about.version if about else "(your own data)"),
            ("Last reviewed", about.reviewed.display() if about else ""),
            ("Covers", covers),
            ("Events", str(summary.events)),
            ("Partners", str(summary.partners)),
            ("Organizations", str(summary.orgs)),
            ("Themes", str(summary.themes)),
            ("Sources", f"{summary.sources} addresses cited"),
            ("Where the facts come from", about.origin if about else ""),
        ),
    )
