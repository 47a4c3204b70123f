"""The language a reader reads: the words of kzfp's tables, messages and dates in English,
Russian or Kazakh. The record's own text (titles, summaries, profiles) is translated in
the data (see :mod:`kzfp_cli.translations`); this is the interface around it.

Words are looked up as gettext does, by their English text (``_("Date")``), in one
catalog a language: ``locale/<code>.json``, with the month names and the order of a date.
English needs no catalog, so the default costs nothing to start.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import NamedTuple

from kzfp_cli.choices import Lang
from kzfp_cli.dates import ENGLISH_DATES, DateWords


class Language(NamedTuple):
    """One language's interface words and dates."""

    code: Lang
    messages: dict[str, str]
    dates: DateWords

    def gettext(self, text: str) -> str:
        """``text`` (kzfp's English wording) in this language; as written where the
        catalog has no entry, as for a user's own names."""
        return self.messages.get(text, text)


ENGLISH = Language(Lang.en, {}, ENGLISH_DATES)


def language(code: Lang) -> Language:
    """The interface of language ``code``."""
    if code is Lang.en:
        return ENGLISH
    # Beside this module, as the wheel ships it (importlib.resources would cost ~10 ms).
    path = Path(__file__).with_name("locale") / f"{code.value}.json"
    catalog = json.loads(path.read_text(encoding="utf-8"))
    dates = catalog["dates"]
    return Language(
        code,
        catalog["messages"],
        DateWords(("", *dates["months"]), ("", *dates["months_alone"]), dates["year_mark"]),
    )
