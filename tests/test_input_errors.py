"""Broken data files: every problem reported as file:line: column: message, exit code 3."""

from __future__ import annotations

import pytest
from curated import curated

from kzfp_cli import store
from kzfp_cli.errors import DataError

HEADER = "id,date,end_date,title,summary,partners,orgs,themes,section,sources,note\n"
GOOD = (
    "wto-membership-2015,2015-11-30,,Joins the WTO,Became a member.,,wto,economy,"
    "International commitment,kazakhstan-accessions,\n"
)


def problems_in(events: str) -> list[str]:
    """Load the built-in reference tables with this text as the events file."""
    files = store.builtin_files()
    files["events"] = ("events.csv", events.encode("utf-8"))
    with pytest.raises(DataError) as caught:
        store.load_dataset(tables=files)
    return [line.replace(files["orgs"][0], "orgs.csv") for line in caught.value.lines]


def read_problems(text: bytes) -> list[str]:
    """The problems of this text as the built-in events file, only those placed in it."""
    files = store.builtin_files()
    files["events"] = ("events.csv", text)
    _, problems = store.check(tables=files)
    return [str(p) for p in problems.ordered() if p.file == "events.csv"]


def test_bad_values_are_all_reported_with_file_line_and_column():
    events = (
        HEADER
        + GOOD
        + "bad id,2015,,T,S,,,,Russia,,\n"
        + "a-2015,2015-13-01,,T,S,russia,,,Russia,,\n"
        + "b-2015,2015-05,2014,T,S,mars,,economy;nope,Russia,,\n"
        + 'c-2015,2015,,"",S,,,,Somewhere,,\n'
        + GOOD
    )
    problems = problems_in(events)
    assert [line for line in problems if line.startswith("events.csv")] == [
        "events.csv:3: id: 'bad id' is not an id (lowercase letters, digits, hyphens)",
        "events.csv:4: date: '2015-13-01' is not a real date (month must be in 1..12)",
        "events.csv:5: end_date: 2014 is before the start date 2015-05",
        "events.csv:5: partners: unknown id 'mars'",
        "events.csv:5: themes: unknown id 'nope'",
        "events.csv:6: title: empty; a value is required",
        "events.csv:6: section: 'Somewhere' is not one of: Introduction, Russia, China, "
        "Neighborhood, EU and Germany, United States, International commitment",
        "events.csv:7: id: duplicate id 'wto-membership-2015' (first at line 2)",
    ]
    # The reference tables name membership events that this file does not have.
    first = curated("orgs")[0]
    assert f"orgs.csv:2: joined_event: unknown event '{first['joined_event']}'" in problems


def test_the_builtin_events_cite_sources_by_their_id():
    cited = GOOD.replace(
        "kazakhstan-accessions", "kazakhstan-accessions;WTO | https://www.wto.org/"
    )
    assert read_problems((HEADER + cited).encode()) == [
        "events.csv:2: sources: unknown source 'WTO | https://www.wto.org/'",
    ]


def test_control_characters_are_kept_with_a_warning():
    text = (HEADER + GOOD.replace("Joins the WTO", "Joins\x1b[2J the WTO")).encode()
    files = only_wto_tables(text)
    dataset, problems = store.check(tables=files)
    assert [str(p) for p in problems.ordered()] == [
        "events.csv:2: title: warning: control character ^[ (shown as such)"
    ]
    assert dataset is not None
    assert dataset.events[0].title == "Joins\x1b[2J the WTO"


def test_missing_and_unknown_columns():
    text = b"id,date,title,colour\nx,2015,T,red\n"
    assert read_problems(text) == [
        "events.csv:1: end_date: missing column",
        "events.csv:1: summary: missing column",
        "events.csv:1: partners: missing column",
        "events.csv:1: orgs: missing column",
        "events.csv:1: themes: missing column",
        "events.csv:1: section: missing column",
        "events.csv:1: sources: missing column",
        "events.csv:1: note: missing column",
        "events.csv:1: colour: unknown column",
    ]


def test_rows_with_too_many_or_too_few_fields_are_not_dropped():
    text = (HEADER + GOOD.rstrip("\n") + ",extra\n" + "x,2015\n").encode()
    assert read_problems(text) == [
        "events.csv:2: row has 12 fields, the header has 11",
        "events.csv:3: row has 2 fields, the header has 11",
    ]


def test_not_utf8_is_one_clear_line():
    text = (HEADER + GOOD).encode("utf-8").replace(b"Became", b"Bec\xe4me")
    assert read_problems(text) == [
        "events.csv:2: not UTF-8 text (byte 0xe4); save the file as UTF-8"
    ]


def test_bom_crlf_quoted_newlines_and_blank_lines_are_read():
    text = (
        "\ufeff"
        + HEADER.replace("\n", "\r\n")
        + GOOD.replace("\n", "\r\n").replace("Became a member.", '"Became\r\na member, at last."')
        + "\r\n\r\n"
    ).encode("utf-8")
    events = store.load_dataset(tables=only_wto_tables(text)).events
    assert [(e.id, e.summary) for e in events] == [
        ("wto-membership-2015", "Became\na member, at last.")
    ]
    # Lines are counted across the quoted line break and the blank lines.
    broken = text + b"bad id,2015,,T,S,,,,Russia,,\r\n"
    assert read_problems(broken) == [
        "events.csv:6: id: 'bad id' is not an id (lowercase letters, digits, hyphens)"
    ]


def only_wto_tables(events: bytes) -> dict[str, tuple[str, bytes]]:
    """The built-in tables with these events and reference tables that name no event:
    only the WTO as an organization, no partners, no roles."""
    files = store.builtin_files()
    return {
        **files,
        "events": ("events.csv", events),
        "orgs": (
            "orgs.csv",
            (
                b"id,acronym,name,wikidata,aliases,joined_event,founded,ended,predecessor,sources,note\n"
                b"wto,WTO,WTO,,,,,,,,\n"
            ),
        ),
        "roles": ("roles.csv", b"org,role,event\n"),
        "partners": ("partners.csv", files["partners"][1].split(b"\n", 1)[0] + b"\n"),
    }


def test_broken_builtin_data_is_reported_by_the_cli_with_exit_3(kzfp, monkeypatch):
    real = store.builtin_files()

    def broken() -> dict[str, tuple[str, bytes]]:
        files = dict(real)
        label, data = files["events"]
        files["events"] = (label, data.replace(b"2015-11-30", b"2015-11-31", 1))
        return files

    monkeypatch.setattr(store, "builtin_files", broken)
    run = kzfp("timeline")
    assert run.exit_code == 3
    assert run.stdout == ""
    label = real["events"][0]
    assert run.stderr.splitlines() == [
        f"kzfp: error: {label}:{line_of(real, 'wto-membership-2015')}: date: "
        "'2015-11-31' is not a real date (day is out of range for month)"
    ]


def line_of(files: dict[str, tuple[str, bytes]], event_id: str) -> int:
    lines = files["events"][1].decode("utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.startswith(event_id + ","))


def test_malformed_standard_identifiers_are_errors():
    files = store.builtin_files()
    label, data = files["partners"]
    data = data.replace(b",country,RU,RUS,365,Q159,", b",country,ru,RUSS,0365,159,", 1)
    files["partners"] = (label, data)
    label, data = files["orgs"]
    files["orgs"] = (label, data.replace(b",Q7825,", b",wto,", 1))
    dataset, problems = store.check(tables=files)
    line = 1 + data.decode().split("\n").index(
        next(row for row in data.decode().split("\n") if row.startswith("wto,"))
    )
    partners_line = 1 + files["partners"][1].decode().split("\n").index(
        next(row for row in files["partners"][1].decode().split("\n") if row.startswith("russia,"))
    )
    assert dataset is None
    assert [str(p) for p in problems.ordered()] == [
        f"data/orgs.csv:{line}: wikidata: 'wto' is not a Wikidata item id (Q and digits)",
        f"data/partners.csv:{partners_line}: iso2: 'ru' is not two capital letters "
        "(ISO 3166-1 alpha-2)",
        f"data/partners.csv:{partners_line}: iso3: 'RUSS' is not three capital letters "
        "(ISO 3166-1 alpha-3)",
        f"data/partners.csv:{partners_line}: cow: '0365' is not a Correlates of War country "
        "code (1-999)",
        f"data/partners.csv:{partners_line}: wikidata: '159' is not a Wikidata item id "
        "(Q and digits)",
    ]
