"""kzfp cite: every reference of the whole dataset read back by the programs researchers
use (bibtexparser, rispy, citeproc-py), and the command's own lines."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from curated import cited, curated

from kzfp_cli.citations import Reference, bibtex, chicago, csl_json, references, ris
from kzfp_cli.dates import PartialDate

# Titles that LaTeX, RIS and JSON each read specially, and Cyrillic.
HOSTILE_TITLES = [
    "Braces {and} a % sign & an ampersand",
    'Quotes "inside" and a back\\slash',
    "Казахстан и Россия: 30 лет & более",
    # (A caret is written \\textasciicircum{}, which pylatexenc reads as U+02C6.)
    "Dollar $5, hash #1, under_score and tilde ~",
    "An unbalanced { brace",
]


MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip


def hostile_references() -> list[Reference]:
    return [
        Reference(
            f"hostile-{number}",
            "webpage",
            title,
            "Publisher & Sons {Ltd}",
            f"https://example.org/{number}?q=a%20b&r=1",
            "ru",
            PartialDate(2015, 11, 30),
            PartialDate(2026, 12, 7),
        )
        for number, title in enumerate(HOSTILE_TITLES)
    ]


@pytest.fixture(scope="module")
def every_reference(curated_dataset) -> list[Reference]:
    return references(curated_dataset.events) + hostile_references()


def test_every_event_source_is_one_reference(curated_dataset):
    refs = references(curated_dataset.events)
    expected = {source["id"] for row in curated("events") for source in cited(row)}
    assert sorted(ref.key for ref in refs) == sorted(expected)


def test_bibtex_parses_with_every_part_intact(every_reference):
    import bibtexparser
    from bibtexparser.middlewares import LatexDecodingMiddleware

    text = bibtex(every_reference)
    # Text fields are LaTeX, decoded as a reference manager does; url is verbatim.
    library = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware()])
    raw = {entry.key: entry.fields_dict for entry in bibtexparser.parse_string(text).entries}
    assert library.failed_blocks == []
    entries = {entry.key: entry for entry in library.entries}
    assert len(entries) == len(every_reference)
    for ref in every_reference:
        fields = entries[ref.key].fields_dict
        assert entries[ref.key].entry_type == "online"
        assert fields["title"].value == ref.title, ref.key
        assert fields["organization"].value == ref.publisher, ref.key
        assert raw[ref.key]["url"].value == ref.url, ref.key
        assert fields["urldate"].value == ref.accessed.iso(), ref.key


def test_ris_parses_with_every_part_intact(every_reference):
    import rispy

    records = rispy.loads(ris(every_reference))
    assert len(records) == len(every_reference)
    for record, ref in zip(records, every_reference, strict=True):
        assert record["type_of_reference"] == "ELEC"
        assert record["id"] == ref.key
        assert record["title"] == ref.title
        assert record["publisher"] == ref.publisher
        assert record["urls"] == [ref.url]
        assert (
            record["access_date"]
            == f"{ref.accessed.year:04d}/{ref.accessed.month:02d}/{ref.accessed.day:02d}/"
        )


@pytest.fixture(scope="module")
def each_shape(every_reference) -> list[Reference]:
    """A reference of each shape CSL-JSON gives (with or without a publisher, a
    publication date of each precision, each language, a title in Latin or Cyrillic
    letters), and the hostile ones: JSON escapes nothing that depends on the words, and
    citeproc-py renders a few hundred references a second."""
    shapes = {}
    for ref in every_reference:
        shape = (
            bool(ref.publisher),
            ref.published.precision if ref.published else None,
            ref.language,
            ref.title.isascii(),
        )
        shapes.setdefault(shape, ref)
    return [*shapes.values(), *hostile_references()]


def test_csl_json_renders_in_citeproc_with_every_part(each_shape):
    from citeproc import (
        Citation,
        CitationItem,
        CitationStylesBibliography,
        CitationStylesStyle,
        formatter,
    )
    from citeproc.source.json import CiteProcJSON

    items = json.loads(csl_json(each_shape))
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    rendered = {str(entry) for entry in bibliography.bibliography()}
    assert len(rendered) == len(items)
    for ref in each_shape:
        # Harvard lists a web page with its title, publisher, address and access date.
        match = [text for text in rendered if ref.url in text]
        assert len(match) == 1, ref.key
        assert ref.title in match[0] and ref.publisher in match[0], match[0]
        month = MONTHS[ref.accessed.month - 1]
        assert f"(Accessed: {month} {ref.accessed.day}, {ref.accessed.year})" in match[0]


def test_text_is_one_chicago_note_a_reference():
    refs = [
        Reference("a", "webpage", "Kazakhstan – accessions", "World Trade Organization",
                  "https://www.wto.org/a", "en", None, PartialDate(2026, 12, 7)),
        Reference("b", "webpage", "Rosatom to lead", "The Astana Times",
                  "https://astanatimes.com/b", "en", PartialDate(2025, 6),
                  PartialDate(2026, 12, 7)),
        Reference("c", "webpage", "A book", "", None, "", PartialDate(1999), None),
        Reference("d", "webpage", "Bare", "", None, "", None, None),
    ]  # fmt: skip
    assert chicago(refs).splitlines() == [
        "“Kazakhstan – accessions,” World Trade Organization, accessed December 7, 2026, "
        "https://www.wto.org/a.",
        "“Rosatom to lead,” The Astana Times, June 2025, https://astanatimes.com/b.",
        "“A book,” 1999.",
        "“Bare.”",
    ]


def test_cite_an_event_as_bibtex(kzfp):
    run = kzfp("cite", "wto-membership-2015", "--format", "bibtex")
    assert run.exit_code == 0
    (row,) = [row for row in curated("events") if row["id"] == "wto-membership-2015"]
    keys = re.findall(r"^@online\{([^,]+),$", run.stdout, re.M)
    assert keys == [source["id"] for source in cited(row)]


def test_cite_a_selection_as_csl_json(kzfp):
    run = kzfp("cite", "--partner", "russia", "--since", "2022", "--format", "csl-json")
    assert run.exit_code == 0
    items = run.json()
    timeline = kzfp("timeline", "--partner", "russia", "--since", "2022", "-f", "json").json()
    first_cited = list(dict.fromkeys(s["id"] for event in timeline for s in event["sources"]))
    assert [item["id"] for item in items] == first_cited
    assert {item["type"] for item in items} == {"webpage"}


def test_cite_the_dataset_agrees_with_about_and_citation_cff(kzfp):
    import yaml

    about = kzfp("about", "-f", "json").json()
    text = kzfp("cite", "--dataset").stdout
    assert text == about["citation"] + "\n"
    cff = yaml.safe_load((Path(__file__).parents[1] / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["version"] == about["version"]
    assert str(cff["date-released"]) == about["reviewed"]
    assert cff["license"] == about["license"].replace(" ", "-")
    (item,) = kzfp("cite", "--dataset", "-f", "csl-json").json()
    assert (item["type"], item["title"], item["version"]) == (
        "dataset",
        cff["title"],
        cff["version"],
    )
    assert item["author"] == [{"literal": cff["authors"][0]["name"]}]


def test_the_readme_and_the_licence_files_name_the_licence_about_gives(kzfp):
    about = kzfp("about", "-f", "json").json()
    root = Path(__file__).parents[1]
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert f"[{about['license']}]({about['license_url']})" in readme
    data_licence = (root / "data" / "LICENSE").read_text(encoding="utf-8")
    assert about["license_url"] in data_licence
    assert "MIT License" in (root / "LICENSE").read_text(encoding="utf-8")


def test_citation_cff_is_valid_citation_file_format():
    import jsonschema
    import yaml

    here = Path(__file__).parent
    schema = json.loads((here / "cff-schema-1.2.0.json").read_text(encoding="utf-8"))
    document = yaml.safe_load((here.parent / "CITATION.cff").read_text(encoding="utf-8"))
    # The schema reads dates as strings, as cffconvert does.
    document["date-released"] = str(document["date-released"])
    jsonschema.Draft7Validator(schema).validate(document)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            ("--dataset", "wto-membership-2015"),
            "--dataset cites the data itself: leave out event ids and filters",
        ),
        (
            ("wto-membership-2015", "--partner", "russia"),
            "name events by id or select them with filters, not both",
        ),
    ],
)  # fmt: skip
def test_cite_refuses_what_it_cannot_mean(kzfp, arguments, message):
    run = kzfp("cite", *arguments)
    assert (run.exit_code, run.stderr) == (2, f"kzfp: error: {message}\n")


def test_cite_an_unknown_event_names_the_closest(kzfp):
    run = kzfp("cite", "wto-membership-2016")
    assert run.exit_code == 2
    assert run.stderr.startswith("kzfp: error: unknown event 'wto-membership-2016'")
