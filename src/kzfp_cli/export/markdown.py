"""A Markdown timeline grouped by year, for reports.

Each event carries what the HTML export shows of it, in the same order: date, title,
summary, partners, organizations (by acronym), sources and note. Every text from the
data goes through the one Markdown escaper, safe_text.markdown_text."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import groupby

from kzfp_cli.dates import display_span
from kzfp_cli.export import linked_sources, partner_names, title
from kzfp_cli.language import Language
from kzfp_cli.model import Dataset, Event
from kzfp_cli.safe_text import markdown_text, percent_controls


def escape_md(text: str) -> str:
    """Text that Markdown shows as written, its runs of white space one space: escaped as
    ``--format md`` escapes a cell (see safe_text.markdown_text)."""
    return markdown_text(" ".join(text.split()))


def _link(url: str) -> str:
    # A parenthesis or space would end the link target early.
    return percent_controls(url).replace("(", "%28").replace(")", "%29")


def timeline_markdown(events: Sequence[Event], dataset: Dataset, lang: Language) -> Iterator[str]:
    """The document, a line at a time."""
    _ = lang.gettext
    yield f"# {escape_md(title(lang))}\n\n"
    if not events:
        yield escape_md(_("No events.")) + "\n"
        return
    for number, (year, group) in enumerate(groupby(events, key=lambda event: event.date.year)):
        yield ("\n" if number else "") + f"## {year}\n\n"
        for event in group:
            when = display_span(event.date, event.end_date, words=lang.dates)
            line = f"- **{escape_md(when)}**: {escape_md(event.title)}."
            if event.summary:
                line += f" {escape_md(event.summary)}"
            meta = []
            names = partner_names(event, dataset)
            if names:
                meta.append(f"{escape_md(_('Partners'))}: {escape_md(', '.join(names))}")
            if event.orgs:
                acronyms = ", ".join(dataset.orgs[org].acronym for org in event.orgs)
                meta.append(f"{escape_md(_('Organizations'))}: {escape_md(acronyms)}")
            if meta:  # one line of them, as the HTML page's
                line += f" _{' · '.join(meta)}._"
            links = linked_sources(
                event, lang, lambda title, url: f"[{escape_md(title)}]({_link(url)})", escape_md
            )
            if links:
                line += f" {escape_md(_('Sources'))}: {'; '.join(links)}."
            if event.note:
                line += f" {escape_md(_('Note'))}: {escape_md(event.note)}"
            yield line + "\n"
