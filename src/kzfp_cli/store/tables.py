"""Each table's records, built column by column from the rules of store.parse: events,
partners, organizations, themes, roles, people and the data's description.

The built-in data is strict: every id an event names must be known, and every event has
a summary. A user's events may leave out the summary, and bring new partners,
organizations and themes.
"""

from __future__ import annotations

from collections.abc import Sequence

from kzfp_cli.dates import PartialDate
from kzfp_cli.model import (
    About,
    Event,
    Organization,
    Partner,
    Person,
    Place,
    Role,
    Source,
    Theme,
)
from kzfp_cli.store.parse import Cells
from kzfp_cli.store.registry import Ids
from kzfp_cli.store.schema import SECTIONS


def events(cells: Cells, known: Ids) -> list[Event]:
    """The events of a chunk, their ids registered in ``known``."""
    ids = cells.ids(known)
    starts = cells.dates("date", required=True)
    ends = cells.dates("end_date", required=False)
    _check_order(cells, "end_date", starts, ends, "the start date")
    titles = cells.text("title")
    summaries = cells.text("summary", required=cells.strict)
    partners = cells.id_lists("partners")
    orgs = cells.id_lists("orgs")
    if cells.names is not None and any(orgs):
        _check_lifetimes(cells, cells.names.orgs, starts, ends, orgs)
    themes = cells.id_lists("themes")
    sections = cells.text("section", required=False)
    if cells.strict:
        for at, section in enumerate(sections):
            if section and section not in SECTIONS:
                cells.problem(at, "section", f"'{section}' is not one of: {', '.join(SECTIONS)}")
    placeholder = PartialDate(1)  # for a date reported as wrong: the dataset is not used
    return list(
        map(
            Event,
            ids,
            [start or placeholder for start in starts],
            ends,
            titles,
            summaries,
            partners,
            orgs,
            themes,
            sections,
            cells.cited("sources"),
            cells.text("note", required=False),
        )
    )


def _check_order(
    cells: Cells,
    column: str,
    starts: Sequence[PartialDate | None],
    ends: Sequence[PartialDate | None],
    start_named: str,
) -> None:
    """That no end in ``column`` is before its start, called ``start_named``. A span runs
    from the first day of its start to the last day of its end, so an end is wrong only
    when all of it is over before the start begins: 2015 then 2015-06 is June 2015 inside
    2015, and 2015-05 then 2015 ends some time in 2015."""
    if not any(ends):
        return
    for at, (start, end) in enumerate(zip(starts, ends, strict=True)):
        if start is not None and end is not None and end.last < start.first:
            cells.problem(at, column, f"{end} is before {start_named} {start}")


def partners(cells: Cells, known: Ids) -> list[Partner]:
    # Arguments are evaluated in column order, so that problems read left to right.
    return list(
        map(
            Partner,
            cells.ids(known),
            cells.text("name"),
            cells.text("kind"),
            cells.identifiers("iso2"),
            cells.identifiers("iso3"),
            [int(code) if code else None for code in cells.identifiers("cow")],
            cells.identifiers("wikidata"),
            cells.listed("aliases"),
            cells.listed("orgs"),
            cells.text("profile"),
            cells.text("shared_interests", required=False),
            cells.text("tensions", required=False),
        )
    )


def _check_lifetimes(
    cells: Cells,
    known: dict[str, Organization],
    starts: Sequence[PartialDate | None],
    ends: Sequence[PartialDate | None],
    tagged: Sequence[tuple[str, ...]],
) -> None:
    """Warn where an event names an organization at a time it did not exist: an event is
    tagged with the body of its day (the Shanghai Five in 1996, the SCO from 2001)."""
    # Rows of a chunk share their dates and lists (parse caches them): each combination
    # is judged once.
    judged: dict[tuple[PartialDate, PartialDate | None, tuple[str, ...]], list[str]] = {}
    for at, (start, end, orgs) in enumerate(zip(starts, ends, tagged, strict=True)):
        if start is None or not orgs:
            continue
        messages = judged.get((start, end, orgs))
        if messages is None:
            messages = judged[start, end, orgs] = _outside_lifetimes(known, start, end, orgs)
        for message in messages:
            cells.problem(at, "orgs", message, warning=True)


def _outside_lifetimes(
    known: dict[str, Organization],
    start: PartialDate,
    end: PartialDate | None,
    orgs: tuple[str, ...],
) -> list[str]:
    """What is wrong with naming ``orgs`` on an event from ``start`` to ``end``."""
    messages = []
    last = (end or start).last
    for ident in orgs:
        org = known.get(ident)
        if org is None or org.exists_during(start.first, last):
            continue
        if org.founded is not None and org.founded.first > last:
            message = f"'{ident}' did not exist before {org.founded}"
            if org.predecessor:
                message += f"; name its predecessor '{org.predecessor}'"
        else:
            message = f"'{ident}' had ended by then ({org.ended})"
            successor = next((o.id for o in known.values() if o.predecessor == ident), None)
            if successor:
                message += f"; name its successor '{successor}'"
        messages.append(message)
    return messages


def organizations(cells: Cells, known: Ids) -> list[Organization]:
    ids = cells.ids(known)
    acronyms = cells.text("acronym")
    names = cells.text("name")
    wikidata = cells.identifiers("wikidata")
    aliases = cells.listed("aliases")
    joined = [event or None for event in cells.text("joined_event", required=False)]
    founded = cells.dates("founded", required=False)
    ended = cells.dates("ended", required=False)
    _check_order(cells, "ended", founded, ended, "the founding date")
    predecessors = [ident or None for ident in cells.text("predecessor", required=False)]
    return list(
        map(
            Organization,
            ids,
            acronyms,
            names,
            wikidata,
            aliases,
            joined,
            founded,
            ended,
            predecessors,
            cells.cited("sources"),
            cells.text("note", required=False),
        )
    )


def about(cells: Cells) -> list[About]:
    return list(
        map(
            About,
            cells.text("version"),
            [day or PartialDate(1) for day in cells.dates("reviewed", required=True)],
            cells.text("origin"),
            cells.text("license"),
            cells.text("license_url"),
        )
    )


def sources(cells: Cells, known: Ids) -> list[Source]:
    return list(
        map(
            Source,
            cells.ids(known),
            cells.text("title"),
            cells.text("publisher"),
            [url or None for url in cells.text("url")],
            cells.languages("language"),
            cells.dates("published", required=False),
            cells.dates("checked", required=True),
        )
    )


def themes(cells: Cells, known: Ids) -> list[Theme]:
    return list(
        map(
            Theme,
            cells.ids(known),
            cells.text("name"),
            cells.text("description"),
            cells.listed("aliases"),
        )
    )


def people(cells: Cells, known: Ids) -> list[Person]:
    return list(map(Person, cells.ids(known), cells.text("name"), cells.listed("aliases")))


def places(cells: Cells) -> list[Place]:
    return list(map(Place, cells.text("name"), cells.listed("aliases")))


def roles(cells: Cells) -> list[Role]:
    return list(map(Role, cells.text("org"), cells.text("role"), cells.text("event")))
