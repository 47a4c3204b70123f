"""The ids known while data is read: those of a table's records, to find one used twice
and name both places, and the partners, organizations and themes events name."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from itertools import count, islice

from kzfp_cli.model import Organization, Partner, Source, Theme, cited_source
from kzfp_cli.store.schema import KIND_NAMES

# The distinct source lists of a user's file that are remembered, to be shared by the rows
# that cite them (see SourceIndex.cited).
_SHARED = 1 << 16


class Ids:
    """The ids of one table's records, each with the place it was first read.

    The ids are the keys of a dict, in reading order, beside the files and lines of the
    chunks they came in: a chunk of one-line records keeps its lines as a range, so a
    million ids cost the dict and hardly more. A dict of strings is also left alone by
    the garbage collector, which would otherwise go through every id again and again as
    the events of a large file are made."""

    def __init__(self) -> None:
        self._known: dict[str, None] = {}
        # Each chunk's first position among the ids, and its file and lines.
        self._starts: list[int] = []
        self._places: list[tuple[str, Sequence[int]]] = []
        self._index: dict[str, int] = {}  # an id's position: made when a duplicate asks

    def claim(self, ids: Sequence[str], file: str, lines: Sequence[int]) -> list[str | None]:
        """Register ids read in ``file`` at ``lines``: for each, None, or for an id read
        before, the message that names where."""
        known = self._known
        before = len(known)
        known |= dict.fromkeys(ids)  # new ids take the next positions, in reading order
        self._starts.append(before)
        if len(known) - before == len(ids):  # all new: the common case, in one pass
            self._places.append((file, lines))
            return [None] * len(ids)
        # Some were known, before this chunk or earlier in it: an id's position tells.
        index = self._index
        index.update(zip(islice(known, len(index), None), count(len(index))))
        taken: list[str | None] = []
        first_lines: list[int] = []  # of the ids new in this chunk, in position order
        for ident, line in zip(ids, lines, strict=True):
            position = index[ident]
            if position < before:
                taken.append(duplicate_id(ident, file, *self._first_place(position)))
            elif position - before < len(first_lines):
                taken.append(duplicate_id(ident, file, file, first_lines[position - before]))
            else:
                first_lines.append(line)
                taken.append(None)
        self._places.append((file, first_lines))
        return taken

    def __len__(self) -> int:
        return len(self._known)

    def copied(self) -> Ids:
        """These ids, to be added to apart from them."""
        ids = Ids()
        ids._known = dict(self._known)
        ids._starts = list(self._starts)
        ids._places = list(self._places)
        ids._index = dict(self._index)
        return ids

    def place(self, ident: str) -> tuple[str, int]:
        """The file and line an id was first read at (KeyError for an id never read)."""
        index = self._index
        index.update(zip(islice(self._known, len(index), None), count(len(index))))
        return self._first_place(index[ident])

    def _first_place(self, position: int) -> tuple[str, int]:
        """The file and line of the id at ``position``."""
        chunk = bisect_right(self._starts, position) - 1
        file, lines = self._places[chunk]
        return file, lines[position - self._starts[chunk]]

    def forget(self) -> None:
        """Every row is read: the ids kept to find duplicates can go (a hundred megabytes
        for a million rows) before the output is made."""
        for held in (self._known, self._index, self._starts, self._places):
            held.clear()


def duplicate_id(ident: str, file: str, first_file: str, first_line: int) -> str:
    """The message for an id read in ``file`` when it was first read at ``first_file``,
    ``first_line``."""
    where = f"line {first_line}" if first_file == file else f"{first_file}:{first_line}"
    return f"duplicate id '{ident}' (first at {where})"


class SourceIndex:
    """The built-in sources, by id and by address: a page is one record however it is
    cited."""

    __slots__ = ("_cited", "by_id", "by_url")

    def __init__(self, sources: dict[str, Source]) -> None:
        self.by_id = sources
        self.by_url = {source.url: source for source in sources.values() if source.url}
        self._cited: dict[tuple[str, ...], tuple[Source, ...]] = {}

    def cited(self, items: tuple[str, ...]) -> tuple[Source, ...]:
        """The sources of a user's list cell, each by id or by text (the built-in record
        of the same address where there is one). Rows that cite the same list share one
        tuple of records, as they share one list (a large file cites a few pages many
        times); up to _SHARED lists are remembered."""
        found = self._cited.get(items)
        if found is None:
            if len(self._cited) >= _SHARED:
                self._cited.clear()
            found = tuple(self.by_id.get(item) or self.of_url(cited_source(item)) for item in items)
            self._cited[items] = found
        return found

    def of_url(self, source: Source) -> Source:
        """The built-in record of a cited source's address, or the source as cited."""
        return self.by_url.get(source.url, source) if source.url else source


class Names:
    """The partners, organizations and themes by id, which a user's events may add to."""

    def __init__(
        self,
        partners: dict[str, Partner],
        orgs: dict[str, Organization],
        themes: dict[str, Theme],
        sources: SourceIndex | None = None,
    ) -> None:
        self.partners = partners
        self.orgs = orgs
        self.themes = themes
        self.sources = sources if sources is not None else SourceIndex({})
        self._by_column: dict[str, dict[str, Partner] | dict[str, Organization] | dict[str, Theme]]
        self._by_column = {"partners": partners, "orgs": orgs, "themes": themes}
        # The list cells found well formed and known, by column: as names are only ever
        # added, such a cell stays so (see parse.Cells.id_lists).
        self.sound: dict[str, set[str]] = {column: set() for column in self._by_column}

    def unknown(self, column: str, ident: str) -> bool:
        return ident not in self._by_column[column]

    def any_unknown(self, column: str, ids: Sequence[str]) -> bool:
        known = self._by_column[column]
        return not all(ident in known for ident in ids)

    def add_new(self, column: str, ident: str) -> str:
        """Add a partner, organization or theme only a user's event names, known by its id
        alone; the warning that says so."""
        if column == "partners":
            self.partners[ident] = new_partner(ident)
        elif column == "orgs":
            self.orgs[ident] = Organization(ident, ident.upper(), ident, "", (), None)
        else:
            self.themes[ident] = Theme(ident, ident, "")
        return f"new {KIND_NAMES[column]} '{ident}'"


def new_partner(ident: str) -> Partner:
    return Partner(
        id=ident,
        name=ident,
        kind="other",
        iso2="",
        iso3="",
        cow=None,
        wikidata="",
        aliases=(),
        orgs=(),
        profile="",
        shared_interests="",
        tensions="",
    )
