"""Search hits: the object of ``schemas/search-hit.json`` and the search's columns."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from kzfp_cli.views.base import WIDE, Column, Listing, Record, date_or_blank, iso_or_none

if TYPE_CHECKING:  # only named in annotations; imported by the command that uses it
    from kzfp_cli.language import Language
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


def _kind_word(kind: str, lang: Language) -> str:
    """What a hit is, as a word of ``lang``; a kind this view does not know, as it is."""
    _ = lang.gettext
    words = {"event": _("event"), "partner": _("partner"), "org": _("organization")}
    return words.get(kind, kind)


def search_listing(
    hits: Sequence[Hit], lang: Language, empty_message: str | None = None
) -> Listing[Hit]:
    """The hits; ``empty_message`` says why there are none, where there is more to say
    than that nothing matches."""
    _ = lang.gettext
    words = lang.dates
    return Listing(
        items=hits,
        record=hit_record,
        fields=HIT_FIELDS,
        columns=(
            Column(_("Kind"), lambda h: _kind_word(h.kind, lang)),
            Column(_("Date"), lambda h: date_or_blank(h.date, words)),
            Column(_("Title"), lambda h: h.title, share=1, highlight=lambda h: h.matched),
            Column(_("ID"), lambda h: h.id, min_width=WIDE, key=True),
        ),
        empty_message=empty_message or _("Nothing matches."),
    )
