"""Exports of a timeline to other programs' formats: TimelineJS, iCalendar, HTML,
Markdown and SQLite. Each module turns events into text (a database into bytes); nothing
here prints or writes files."""

from __future__ import annotations

from collections.abc import Callable

from kzfp_cli.language import ENGLISH, Language
from kzfp_cli.model import Dataset, Event, Source
from kzfp_cli.views.events import source_credit


def title(lang: Language) -> str:
    """The title of an exported timeline, in ``lang``."""
    return lang.gettext("Kazakhstan's foreign policy")


TITLE = title(ENGLISH)


def credit(source: Source, lang: Language) -> str:
    """What follows a source's title in a document: who published it and when, and the
    page's language where it is not English (``Kazinform, 30 Nov 2015, ru``)."""
    return ", ".join(filter(None, source_credit(source, lang.dates)))


def linked_sources(
    event: Event, lang: Language, link: Callable[[str, str], str], text: Callable[[str], str]
) -> list[str]:
    """An event's sources for a document: ``link(title, url)`` where there is an address,
    ``text(title)`` where there is none, then ``text`` of its credit. Each format brings
    its own escaping."""
    shown = []
    for source in event.sources:
        title = link(source.title, source.url) if source.url else text(source.title)
        about = credit(source, lang)
        shown.append(f"{title} ({text(about)})" if about else title)
    return shown


def partner_names(event: Event, dataset: Dataset) -> list[str]:
    return [dataset.partners[ident].name for ident in event.partners]
