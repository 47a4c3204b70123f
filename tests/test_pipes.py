"""kzfp in pipelines: plain rows when piped, field selection, stable JSON, schemas, colour."""

from __future__ import annotations

import csv
import io
import json

import pytest
from jsonschema import Draft202012Validator
from library import as_json, own_data
from referencing import Registry, Resource

from kzfp_cli import timeline
from kzfp_cli.language import ENGLISH
from kzfp_cli.lookup import (
    dataset_summary,
    org_detail,
    org_summaries,
    partner_profile,
    partner_summaries,
    stats,
    theme_summaries,
)
from kzfp_cli.query import resolve_event, window_on
from kzfp_cli.render import OutputFormat, render
from kzfp_cli.schemas import all_schemas
from kzfp_cli.search import search
from kzfp_cli.views import (
    Column,
    Listing,
    about_detail,
    event_detail,
    event_listing,
    org_detail_view,
    org_listing,
    partner_detail,
    partner_listing,
    search_listing,
    stats_detail,
    theme_listing,
)

# Events of a file of our own, so that what the curated data holds never changes these
# outputs (the tests run them with --no-builtin).
EVENTS = [
    {
        "id": "wto-accession-approved-2015",
        "date": "2015-07-27",
        "title": "WTO General Council approves Kazakhstan's accession",
        "orgs": "wto",
    },
    {
        "id": "wto-membership-2015",
        "date": "2015-11-30",
        "title": "Kazakhstan becomes a WTO member",
        "orgs": "wto",
    },
    {
        "id": "foreign-policy-concept-2014",
        "date": "2014-01-21",
        "end_date": "2020-03-06",
        "title": "Foreign policy concept for 2014–2020 approved",
        "partners": "russia;china;japan;south-korea;india;pakistan",
    },
    {"id": "talks-one-2013", "date": "2013-02-26", "title": "Talks", "partners": "germany"},
    {"id": "talks-two-2013", "date": "2013-04-05", "title": "Talks", "partners": "germany"},
    {"id": "visit-2017", "date": "2017-07-11", "title": "Visit", "partners": "germany"},
    {"id": "visit-2019", "date": "2019-12-05", "title": "Visit", "partners": "germany"},
]


@pytest.fixture(scope="module")
def events_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("pipes") / "events.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(
            handle, fieldnames=["id", "date", "end_date", "title", "summary", "partners", "orgs"]
        )
        writer.writeheader()
        writer.writerows({"summary": "What happened.", **event} for event in EVENTS)
    return str(path)


@pytest.fixture
def ours(kzfp, events_file):
    """kzfp on the events of this module's file only."""

    def run(command: str, *args: str):
        return kzfp(*command.split(), "--no-builtin", "--data", events_file, *args)

    return run


def rendered(listing: Listing, output_format: OutputFormat) -> str:
    out, err = io.StringIO(), io.StringIO()
    render(listing, output_format, out, err, color=False)
    return out.getvalue()


def one_row(*cells: str) -> Listing:
    """A listing of one item whose columns (and record fields) hold these texts."""
    names = [f"c{number}" for number in range(len(cells))]
    return Listing(
        items=[cells],
        record=lambda row: dict(zip(names, row, strict=True)),
        fields=names,
        columns=[Column(name, lambda row, n=n: row[n]) for n, name in enumerate(names)],
        empty_message="none",
    )


WTO_PLAIN = (
    "27 Jul 2015\tWTO General Council approves Kazakhstan's accession\t\tWTO\t"
    "wto-accession-approved-2015\n"
    "30 Nov 2015\tKazakhstan becomes a WTO member\t\tWTO\twto-membership-2015\n"
)


def test_piped_output_defaults_to_plain_rows_with_every_column(ours):
    run = ours("timeline", "--org", "wto")
    assert (run.exit_code, run.stdout, run.stderr) == (0, WTO_PLAIN, "")
    assert ours("timeline", "--org", "wto", "--format", "plain").stdout == WTO_PLAIN


def test_plain_rows_never_wrap_or_hold_controls(ours):
    lines = ours("timeline", "--partner", "japan").stdout.splitlines()
    assert lines == [
        "21 Jan 2014 – 6 Mar 2020\tForeign policy concept for 2014–2020 approved\t"
        "Russia, China, Japan, South Korea, India, Pakistan\t\tforeign-policy-concept-2014"
    ]
    assert rendered(one_row("a\tb", "c\nd\x1b[2J"), OutputFormat.plain) == "a b\tc d^[[2J\n"


def test_plain_detail_is_label_tab_value(ours):
    lines = ours("event show", "wto-membership-2015").stdout.splitlines()
    assert lines[:3] == ["ID\twto-membership-2015", "Date\t30 Nov 2015", "Precision\tday"]


def test_plain_stats_leave_out_the_bars(ours):
    lines = ours("stats", "--partner", "germany").stdout.splitlines()
    assert lines[:10] == [
        "Events\t4",
        "",
        "Events per year (by the year each began)",
        "2013\t2",
        "2014\t0",
        "2015\t0",
        "2016\t0",
        "2017\t1",
        "2018\t0",
        "2019\t1",
    ]


def test_tsv_has_a_header_and_escapes(ours):
    lines = ours("timeline", "--org", "wto", "--format", "tsv").stdout.splitlines()
    assert (
        lines[0]
        == "id\tdate\tend_date\ttitle\tsummary\tpartners\torgs\tthemes\tsection\tsources\tnote"
    )
    assert lines[2].split("\t")[:4] == [
        "wto-membership-2015",
        "2015-11-30",
        "",
        "Kazakhstan becomes a WTO member",
    ]


def test_tsv_escape_rule():
    assert rendered(one_row("a\tb", "c\nd", "e\\f", "g\rh"), OutputFormat.tsv) == (
        "c0\tc1\tc2\tc3\na\\tb\tc\\nd\te\\\\f\tg\\rh\n"
    )


def test_markdown_table(ours):
    assert ours("timeline", "--org", "wto", "--format", "md").stdout == (
        "| Date | Event | Partners | Orgs | ID |\n"
        "| --- | --- | --- | --- | --- |\n"
        "| 27 Jul 2015 | WTO General Council approves Kazakhstan's accession |  | WTO | "
        "wto-accession-approved-2015 |\n"
        "| 30 Nov 2015 | Kazakhstan becomes a WTO member |  | WTO | wto-membership-2015 |\n"
    )


def test_markdown_escapes_pipes_and_line_breaks():
    assert rendered(one_row("a|b\nc"), OutputFormat.md) == ("| c0 |\n| --- |\n| a\\|b<br>c |\n")


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        (
            "json",
            '[\n  {\n    "date": "2015-07-27",\n    "id": "wto-accession-approved-2015"\n  },\n'
            '  {\n    "date": "2015-11-30",\n    "id": "wto-membership-2015"\n  }\n]\n',
        ),
        (
            "jsonl",
            '{"date": "2015-07-27", "id": "wto-accession-approved-2015"}\n'
            '{"date": "2015-11-30", "id": "wto-membership-2015"}\n',
        ),
        (
            "csv",
            "date,id\n2015-07-27,wto-accession-approved-2015\n2015-11-30,wto-membership-2015\n",
        ),
        (
            "tsv",
            "date\tid\n2015-07-27\twto-accession-approved-2015\n2015-11-30\twto-membership-2015\n",
        ),
        ("plain", "2015-07-27\twto-accession-approved-2015\n2015-11-30\twto-membership-2015\n"),
        (
            "md",
            "| date | id |\n| --- | --- |\n| 2015-07-27 | wto-accession-approved-2015 |\n"
            "| 2015-11-30 | wto-membership-2015 |\n",
        ),
    ],
)
def test_fields_select_and_order_in_every_format(ours, fmt, expected):
    assert ours("timeline", "--org", "wto", "--fields", "date,id", "-f", fmt).stdout == expected


def test_fields_in_a_table(kzfp):
    lines = [
        line.rstrip()
        for line in kzfp(
            "org", "list", "--fields", "acronym,member_since", "-f", "table"
        ).stdout.splitlines()
    ]
    assert lines[0].split() == ["acronym", "member_since"]
    assert lines[2].split() == ["CIS", "1991-12-21"]


def test_fields_name_nested_objects_readably(curated_dataset):
    listing = org_listing(org_summaries(curated_dataset), ENGLISH).select(["id", "roles"])
    rows = list(csv.DictReader(io.StringIO(rendered(listing, OutputFormat.csv))))
    by_id = {row["id"]: row for row in rows}
    assert by_id["osce"] == {
        "id": "osce",
        "roles": "Chairmanship-in-Office (2010-01-01/2010-12-31)",
    }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("timeline", "--fields", "id,titel"),
            "kzfp: error: unknown field 'titel'; the fields are: id, date, end_date, precision, "
            "title, summary, partners, orgs, themes, section, sources, note",
        ),
        (
            ("partner", "list", "--fields", ","),
            "kzfp: error: no fields named; the fields are: "
            "id, name, kind, iso2, iso3, cow, wikidata, events, first, last",
        ),
        (
            ("fields", "nope"),
            "kzfp: error: 'nope' is not a listing command; choose one of: 'timeline', 'on', "
            "'org list', 'partner list', 'theme list', 'search'",
        ),
    ],
)
def test_field_errors(kzfp, args, message):
    run = kzfp(*args)
    assert (run.exit_code, run.stdout, run.stderr) == (2, "", message + "\n")


def test_fields_command_lists_the_fields(kzfp):
    assert kzfp("fields", "org", "list", "-f", "json").json() == [
        {
            "command": "org list",
            "fields": [
                "id",
                "acronym",
                "name",
                "wikidata",
                "founded",
                "ended",
                "predecessor",
                "successor",
                "member_since",
                "joined_event",
                "roles",
            ],
        }
    ]
    assert len(kzfp("fields", "-f", "json").json()) == 6


def test_json_is_utf8_not_escaped(kzfp):
    text = kzfp("event", "show", "kyrgyzstan-allied-relations-treaty-2003", "-f", "json").stdout
    assert "Ратифицирован Договор" in text
    assert "\\u" not in text


# What each command prints as JSON, asked of the library (the view the command shows),
# with the schema it follows and whether it is a list of them.
SCHEMA_OF = {
    "timeline": (lambda d: event_listing(timeline(d), d, ENGLISH), "event", True),
    "event show wto-membership-2015": (
        lambda d: event_detail(resolve_event(d, "wto-membership-2015"), d, ENGLISH),
        "event",
        False,
    ),
    "org list": (lambda d: org_listing(org_summaries(d), ENGLISH), "org", True),
    "org list --on 2018-01-15": (
        lambda d: org_listing(org_summaries(d, on=window_on("2018-01-15")), ENGLISH),
        "org",
        True,
    ),
    "org show un": (
        lambda d: org_detail_view(org_detail(d, "un"), d, ENGLISH),
        "org-profile",
        False,
    ),
    "partner list": (lambda d: partner_listing(partner_summaries(d), ENGLISH), "partner", True),
    "partner show russia": (
        lambda d: partner_detail(partner_profile(d, "russia"), d, ENGLISH),
        "partner-profile",
        False,
    ),
    "partner show nato": (
        lambda d: partner_detail(partner_profile(d, "nato"), d, ENGLISH),
        "partner-profile",
        False,
    ),
    "theme list": (lambda d: theme_listing(theme_summaries(d), ENGLISH), "theme", True),
    "search kazakhstan": (
        lambda d: search_listing(search(d, "kazakhstan").hits, ENGLISH),
        "search-hit",
        True,
    ),
    "stats": (lambda d: stats_detail(stats(timeline(d)), d, ENGLISH), "stats", False),
    "about": (lambda d: about_detail(dataset_summary(d), ENGLISH), "about", False),
    "org show sco": (
        lambda d: org_detail_view(org_detail(d, "sco"), d, ENGLISH),
        "org-profile",
        False,
    ),
}


@pytest.fixture(scope="module")
def validators():
    schemas = {schema.name: json.loads(schema.text) for schema in all_schemas()}
    registry = Registry().with_resources(
        (document["$id"], Resource.from_contents(document)) for document in schemas.values()
    )
    for document in schemas.values():
        Draft202012Validator.check_schema(document)
    return {name: Draft202012Validator(doc, registry=registry) for name, doc in schemas.items()}


@pytest.mark.parametrize("command", list(SCHEMA_OF))
def test_json_output_matches_its_published_schema(curated_dataset, validators, command):
    view, name, is_list = SCHEMA_OF[command]
    data = as_json(view(curated_dataset))
    items = data if is_list else [data]
    assert items, "an empty output would validate trivially"
    for item in items:
        validators[name].validate(item)


def test_stats_with_years_of_no_events_match_the_schema(tmp_path, validators):
    dataset = own_data(
        tmp_path,
        "id,date,end_date,title\nold-998,0998,,Old\nolder-1001,1001-05,1003,Later\n",
    )
    counts = as_json(stats_detail(stats(timeline(dataset)), dataset, ENGLISH))
    assert counts["by_year"] == {"0998": 1, "0999": 0, "1000": 0, "1001": 1}
    validators["stats"].validate(counts)


def test_the_schema_catches_a_wrong_object(validators):
    assert not validators["event"].is_valid({"id": "x", "date": "15 May 1992"})


def test_schema_commands(kzfp):
    names = [s["name"] for s in kzfp("schema", "list", "-f", "json").json()]
    assert names == [
        "about",
        "event",
        "org-profile",
        "org",
        "partner-profile",
        "partner",
        "search-hit",
        "source",
        "stats",
        "theme",
    ]
    shown = kzfp("schema", "show", "event")
    assert json.loads(shown.stdout)["title"] == "Event"
    assert kzfp("schema", "show", "evnt").stderr == (
        "kzfp: error: unknown schema 'evnt'; did you mean 'event'?\n"
    )


def bold_header(run) -> bool:
    return "\x1b[1m" in run.stdout


def test_colour_only_when_wanted(kzfp, monkeypatch):
    table = ("timeline", "--org", "wto", "--format", "table")
    assert not bold_header(kzfp(*table))  # not a terminal: no colour
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert bold_header(kzfp(*table))
    assert not bold_header(kzfp("--no-color", *table))
    monkeypatch.setenv("NO_COLOR", "1")
    assert not bold_header(kzfp(*table))
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("TERM", "dumb")
    assert not bold_header(kzfp(*table))
    monkeypatch.delenv("TERM")
    monkeypatch.setenv("FORCE_COLOR", "0")
    assert not bold_header(kzfp(*table))


def test_columns_sets_the_table_width(kzfp, monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")
    lines = kzfp("org", "list", "-f", "table").stdout.splitlines()
    assert max(len(line) for line in lines) == 60


def test_ctrl_c_ends_quietly_with_130(kzfp, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    # Piped, the listing goes to the plain renderer, whichever command module calls it.
    monkeypatch.setattr("kzfp_cli.render.plain.render", interrupted)
    run = kzfp("timeline")
    assert (run.exit_code, run.stdout, run.stderr) == (130, "", "")
