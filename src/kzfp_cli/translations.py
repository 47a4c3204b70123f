"""The record in Russian and Kazakh: the text fields of the built-in events, partners,
organizations and themes, translated in ``data/<lang>/<table>.csv`` (one row an id, the
English table's text columns), and the dataset with them in place of the English.

A user's own events have no translation and read in English in every language.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar, cast

from kzfp_cli.choices import Lang
from kzfp_cli.model import Dataset, Event, Organization, Partner, Theme

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

Record = TypeVar("Record", Event, Partner, Organization, Theme)

# The text columns each table is translated in; ids and every other column stay as they are.
TRANSLATED = {
    "events": ("title", "summary"),
    "partners": ("name", "profile", "shared_interests", "tensions"),
    "orgs": ("acronym", "name"),
    "themes": ("name", "description"),
}

Texts = Mapping[str, Mapping[str, str]]  # id -> column -> text


class Translations:
    """One language's texts, per table; each table is read from its file when first
    asked for (a question in Russian never reads the Kazakh events)."""

    __slots__ = ("_folder", "_read", "_tables", "lang")

    def __init__(
        self, lang: Lang, folder: Traversable | None = None, tables: Iterable[str] = TRANSLATED
    ) -> None:
        self.lang = lang
        self._folder = folder
        self._tables = frozenset(tables) if folder is not None else frozenset()
        self._read: dict[str, Texts] = {}

    def texts(self, table: str) -> Texts:
        """The table's texts by id (none for a table not translated)."""
        if table not in self._tables or self._folder is None:
            return {}
        if table not in self._read:
            columns = TRANSLATED[table]
            text = self._folder.joinpath(f"{table}.csv").read_text(encoding="utf-8")
            rows = csv.reader(io.StringIO(text))
            header = next(rows)
            at = [(column, header.index(column)) for column in columns if column in header]
            key = header.index("id")
            self._read[table] = {
                row[key]: {column: row[index] for column, index in at if row[index]} for row in rows
            }
        return self._read[table]

    @property
    def key(self) -> tuple[Lang, str, frozenset[str]]:
        """What the texts are: their language, folder and tables; two objects of one key
        hold the same texts."""
        return self.lang, str(self._folder), self._tables

    def event(self, event: Event) -> Event:
        """``event`` with its texts in this language, where they have one."""
        return _replaced(event, self.texts("events").get(event.id))

    def without_events(self) -> Translations:
        """These texts for data whose events are all a user's own (``--no-builtin``):
        the translation of a built-in event is not one of a user's event of that id."""
        kept = Translations(self.lang, self._folder, self._tables - {"events"})
        kept._read = self._read
        return kept


def translated(
    translations: Sequence[Translations], table: str, ident: str, column: str
) -> list[str]:
    """The texts of one column of one record in each of ``translations`` that has it."""
    found = (one.texts(table).get(ident, {}).get(column, "") for one in translations)
    return [text for text in found if text]


def load_translations(lang: Lang) -> Translations:
    """The built-in translations into ``lang`` (none for English)."""
    if lang is Lang.en:
        return Translations(lang)
    from kzfp_cli.store.files import data_folder

    return Translations(lang, data_folder().joinpath(lang.value))


def localized(dataset: Dataset, translations: Translations) -> Dataset:
    """``dataset`` with its texts in the language of ``translations``, where they have
    one (an empty English text stays empty)."""
    if translations.lang is Lang.en:
        return dataset
    partners = translations.texts("partners")
    orgs = translations.texts("orgs")
    themes = translations.texts("themes")
    return Dataset(
        tuple(map(translations.event, dataset.events)),
        {key: _replaced(value, partners.get(key)) for key, value in dataset.partners.items()},
        {key: _replaced(value, orgs.get(key)) for key, value in dataset.orgs.items()},
        {key: _replaced(value, themes.get(key)) for key, value in dataset.themes.items()},
        dataset.roles,
        dataset.about,
        dataset.people,
    )


def _replaced(record: Record, texts: Mapping[str, str] | None) -> Record:
    if not texts:
        return record
    # An English text left empty (a partner with no tensions) stays empty.
    # The columns are TRANSLATED's, all text: mypy cannot see that through ``**``.
    replace = cast(Any, record)._replace
    return cast(
        Record, replace(**{key: text for key, text in texts.items() if getattr(record, key)})
    )
