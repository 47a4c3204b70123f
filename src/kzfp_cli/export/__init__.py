"""Exports of a timeline to other programs' formats: TimelineJS, iCalendar, HTML,
Markdown and SQLite. Each module turns events into text (a database into bytes); nothing
here prints or writes files."""

from __future__ import annotations

from collections.abc import Callable

from kzfp_cli.language import ENGLISH, Language
from kzfp_cli.model import Dataset, Event, Source, split_source


def title(lang: Language) -> str:
    """The title of an exported timeline, in ``lang``."""
    return lang.gettext("Kazakhstan's foreign policy")


TITLE = title(ENGLISH)


def sources(event: Event) -> list[Source]:
    """An event's sources, split into title and address where they have one."""
    return [split_source(text) for text in event.sources]


def linked_sources(
    event: Event, link: Callable[[str, str], str], text: Callable[[str], str]
) -> list[str]:
    """An event's sources for a document: ``link(title, url)`` where there is an address,
    ``text(title)`` where there is none. Each format brings its own escaping."""
    return [
        link(source.title, source.url) if source.url else text(source.title)
        for source in sources(event)
    ]


def partner_names(event: Event, dataset: Dataset) -> list[str]:
    return [dataset.partners[ident].name for ident in event.partners]


def group_of(event: Event, dataset: Dataset, lang: Language) -> str:
    """The lane an event belongs to: its first partner, else its first organization,
    else Kazakhstan's own (named in ``lang``)."""
    if event.partners:
        return dataset.partners[event.partners[0]].name
    if event.orgs:
        return dataset.orgs[event.orgs[0]].acronym
    return lang.gettext("Kazakhstan")
