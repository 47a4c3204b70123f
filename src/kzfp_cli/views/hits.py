"""Search hits: the object of ``schemas/search-hit.json`` and the search's columns."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from kzfp_cli.views.base import WIDE, Column, Listing, Record, date_or_blank, iso_or_none

if TYPE_CHECKING:  # only named in annotations; imported by the command that uses it
    from kzfp_cli.search import Hit

HIT_FIELDS = ("kind", "id", "title", "date", "score")


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
