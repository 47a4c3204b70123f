"""The ids known while data is read: those of a table's records, to find one used twice
and name both places, and the partners, organizations and themes events name."""

from __future__ import annotations

from collections.abc import Sequence

from kzfp_cli.model import Organization, Partner, Theme
from kzfp_cli.store.schema import KIND_NAMES

# A place is the file's number and the line in one int: half the memory of a pair.
_LINE_BITS = 40
_LINE_MASK = (1 << _LINE_BITS) - 1


class Ids:
    """The ids of one table's records, each with the place it was first read."""

    def __init__(self) -> None:
        self._places: dict[str, int] = {}
        self._files: list[str] = []

    def claim(self, ids: Sequence[str], file: str, lines: Sequence[int]) -> list[str | None]:
        """Register ids read in ``file`` at ``lines``: for each, None, or for an id read
        before, the message that names where."""
        if not self._files or self._files[-1] != file:
            self._files.append(file)
        number = (len(self._files) - 1) << _LINE_BITS
        places = self._places
        if len(set(ids)) == len(ids) and places.keys().isdisjoint(ids):
            places.update(zip(ids, map(number.__or__, lines), strict=True))
            return [None] * len(ids)
        taken: list[str | None] = []
        for ident, line in zip(ids, lines, strict=True):
            place = places.setdefault(ident, number | line)
            if place == number | line:
                taken.append(None)
            else:
                first_file = self._files[place >> _LINE_BITS]
                taken.append(duplicate_id(ident, file, first_file, place & _LINE_MASK))
        return taken

    def forget(self) -> None:
        """Every row is read: the ids kept to find duplicates can go (a hundred megabytes
        for a million rows) before the output is made."""
        self._places.clear()


def duplicate_id(ident: str, file: str, first_file: str, first_line: int) -> str:
    """The message for an id read in ``file`` when it was first read at ``first_file``,
    ``first_line``."""
    where = f"line {first_line}" if first_file == file else f"{first_file}:{first_line}"
    return f"duplicate id '{ident}' (first at {where})"


class Names:
    """The partners, organizations and themes by id, which a user's events may add to."""

    def __init__(
        self,
        partners: dict[str, Partner],
        orgs: dict[str, Organization],
        themes: dict[str, Theme],
    ) -> None:
        self.partners = partners
        self.orgs = orgs
        self.themes = themes
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
