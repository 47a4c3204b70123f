"""References in the formats citation managers read: BibTeX (biblatex's ``@online`` and
``@dataset``), RIS, CSL-JSON, and a note in the Chicago Manual of Style's notes and
bibliography style (17th edition) for a footnote. No I/O: each format turns references
into text."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from kzfp_cli.dates import PartialDate
from kzfp_cli.model import About, Event, Source

# Who the dataset is by, as its citation names it (CITATION.cff says the same).
AUTHOR = "kzfp developers"
DATASET_TITLE = "kzfp: a cited record of Kazakhstan's foreign policy since 1991"
DATASET_KEY = "kzfp"
_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip


class Reference(NamedTuple):
    """One work to cite: a page (``webpage``) or the dataset itself (``dataset``)."""

    key: str
    kind: str
    title: str
    publisher: str
    url: str | None
    language: str
    published: PartialDate | None
    accessed: PartialDate | None
    author: str = ""
    version: str = ""
    license: str = ""


def references(events: Iterable[Event]) -> list[Reference]:
    """The sources the events cite, each once, in the order first cited. A source a user
    cites by text has no id: it is keyed by its place (``source-3``)."""
    seen: dict[Source, None] = {}
    for event in events:
        seen.update(dict.fromkeys(event.sources))
    return [
        Reference(
            source.id or f"source-{number}",
            "webpage",
            source.title,
            source.publisher,
            source.url,
            source.language,
            source.published,
            source.checked,
        )
        for number, source in enumerate(seen, start=1)
    ]


def dataset_reference(about: About) -> Reference:
    """The built-in data, as one cites a dataset: its version, the day it was reviewed."""
    return Reference(
        DATASET_KEY,
        "dataset",
        DATASET_TITLE,
        AUTHOR,
        None,
        "en",
        about.reviewed,
        None,
        author=AUTHOR,
        version=about.version,
        license=about.license,
    )


# BibTeX ---------------------------------------------------------------------------------

# The characters LaTeX reads as commands, and how a value writes each as itself.
_LATEX = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_LATEX_SPECIAL = re.compile("[" + re.escape("".join(_LATEX)) + "]")
# What a URL may not hold in a BibTeX value, which reads braces as nesting.
_URL_UNSAFE = re.compile(r"[{}\\\s]")


def latex(text: str) -> str:
    """Text as a BibTeX value spells it, every character LaTeX would read as a command
    written as itself."""
    return _LATEX_SPECIAL.sub(lambda m: _LATEX[m.group()], text)


def _url_value(url: str) -> str:
    return _URL_UNSAFE.sub(lambda m: f"%{ord(m.group()):02X}", url)


def bibtex(refs: Sequence[Reference]) -> str:
    entries = []
    for ref in refs:
        fields = [("title", latex(ref.title))]
        if ref.author:
            fields.append(("author", "{" + latex(ref.author) + "}"))
        if ref.publisher:
            name = "organization" if ref.kind == "webpage" else "publisher"
            fields.append((name, latex(ref.publisher)))
        if ref.version:
            fields.append(("version", latex(ref.version)))
        if ref.published:
            fields.append(("date", ref.published.iso()))
            fields.append(("year", str(ref.published.year)))
        if ref.url:
            fields.append(("url", _url_value(ref.url)))
        if ref.accessed:
            fields.append(("urldate", ref.accessed.iso()))
        if ref.language:
            fields.append(("langid", ref.language))
        if ref.license:
            fields.append(("note", latex(f"Licence: {ref.license}")))
        kind = "online" if ref.kind == "webpage" else "dataset"
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
        entries.append(f"@{kind}{{{ref.key},\n{body}\n}}\n")
    return "\n".join(entries)


# RIS ------------------------------------------------------------------------------------


def _ris_date(date: PartialDate) -> str:
    """A date as RIS writes it: ``YYYY/MM/DD/``, with what is not known left empty."""
    month = f"{date.month:02d}" if date.month else ""
    day = f"{date.day:02d}" if date.day else ""
    return f"{date.year:04d}/{month}/{day}/"


def _ris_line(tag: str, value: str) -> str:
    # A value is one line: RIS has no way to continue one.
    return f"{tag}  - {' '.join(value.split())}"


def ris(refs: Sequence[Reference]) -> str:
    records = []
    for ref in refs:
        lines = [_ris_line("TY", "ELEC" if ref.kind == "webpage" else "DATA")]
        lines.append(_ris_line("ID", ref.key))
        lines.append(_ris_line("TI", ref.title))
        if ref.author:
            lines.append(_ris_line("AU", ref.author))
        if ref.publisher:
            lines.append(_ris_line("PB", ref.publisher))
        if ref.version:
            lines.append(_ris_line("ET", ref.version))
        if ref.published:
            lines.append(_ris_line("PY", str(ref.published.year)))
            lines.append(_ris_line("DA", _ris_date(ref.published)))
        if ref.url:
            lines.append(_ris_line("UR", ref.url))
        if ref.accessed:
            lines.append(_ris_line("Y2", _ris_date(ref.accessed)))
        if ref.language:
            lines.append(_ris_line("LA", ref.language))
        if ref.license:
            lines.append(_ris_line("N1", f"Licence: {ref.license}"))
        lines.append("ER  - ")
        records.append("\n".join(lines) + "\n")
    return "\n".join(records)


# CSL-JSON -------------------------------------------------------------------------------


def _date_parts(date: PartialDate) -> dict[str, list[list[int]]]:
    parts = [date.year, date.month, date.day]
    return {"date-parts": [[part for part in parts if part]]}


def csl_item(ref: Reference) -> dict[str, object]:
    item: dict[str, object] = {"id": ref.key, "type": ref.kind, "title": ref.title}
    if ref.author:
        item["author"] = [{"literal": ref.author}]
    if ref.publisher:
        item["publisher"] = ref.publisher
    if ref.version:
        item["version"] = ref.version
    if ref.published:
        item["issued"] = _date_parts(ref.published)
    if ref.url:
        item["URL"] = ref.url
    if ref.accessed:
        item["accessed"] = _date_parts(ref.accessed)
    if ref.language:
        item["language"] = ref.language
    if ref.license:
        item["license"] = ref.license
    return item


def csl_json(refs: Sequence[Reference]) -> str:
    return json.dumps([csl_item(ref) for ref in refs], ensure_ascii=False, indent=2) + "\n"


# Chicago notes --------------------------------------------------------------------------


def chicago_date(date: PartialDate) -> str:
    """A date as Chicago writes it in a note: ``November 30, 2015``, ``November 2015``."""
    if date.month is None:
        return str(date.year)
    month = _MONTHS[date.month - 1]
    if date.day is None:
        return f"{month} {date.year}"
    return f"{month} {date.day}, {date.year}"


def chicago_note(ref: Reference) -> str:
    """A full note for a web page or a dataset (CMOS 17, 14.206 and 14.257): the title in
    quotation marks, who published it, when, and the address; the day it was consulted
    only where the page gives no date of its own."""
    if ref.kind == "dataset":
        parts = [ref.author, ref.title, f"version {ref.version}"]
        if ref.published:
            parts.append(f"reviewed {chicago_date(ref.published)}")
        if ref.license:
            parts.append(ref.license)
        return ", ".join(parts) + "."
    tail = []
    if ref.publisher:
        tail.append(ref.publisher)
    if ref.published:
        tail.append(chicago_date(ref.published))
    elif ref.accessed:
        tail.append(f"accessed {chicago_date(ref.accessed)}")
    if ref.url:
        tail.append(ref.url)
    if not tail:
        return f"“{ref.title}.”"
    return f"“{ref.title},” {', '.join(tail)}."


def chicago(refs: Sequence[Reference]) -> str:
    return "".join(chicago_note(ref) + "\n" for ref in refs)
