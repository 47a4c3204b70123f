"""kzfp export sqlite: the database read back by sqlite3, sqlite-utils and Datasette, and
compared with what kzfp prints as JSON (never with counts written here)."""

from __future__ import annotations

import asyncio
import html
import json
import os
import re
import sqlite3
import stat
from collections import Counter
from pathlib import Path

import pytest
import sqlite_utils
from curated import cells, curated
from curated import cited as cited_by
from library import warned

TABLES = [
    "about",
    "events",
    "partners",
    "organizations",
    "themes",
    "sources",
    "event_partners",
    "event_orgs",
    "event_themes",
    "event_sources",
    "org_sources",
    "memberships",
    "roles",
    "event_texts",
    "partner_texts",
    "org_texts",
    "theme_texts",
]
VIEWS = ["events_per_partner", "events_per_org", "events_per_theme", "kazakhstan_memberships"]
EVENT_FIELDS = ("id", "date", "end_date", "precision", "title", "summary", "section", "note")
LISTS = (("event_partners", "partner", "partners"), ("event_orgs", "org", "orgs"))
LISTS += (("event_themes", "theme", "themes"),)
FILTERS = [
    (),
    ("--partner", "russia"),
    ("--org", "wto", "--until", "2015"),
    ("--year", "2018", "--theme", "security"),
    ("--search", "nuclear", "--since", "Dec 1991"),
]

# Partial dates of every precision, a period, a leap month, new partners and sources.
# Mars and Venus are new partners: two warnings.
PARTIAL = (
    "id,date,end_date,title,summary,partners,orgs,themes,sources,note\n"
    "a-2015,2015,,Year only,Known to the year,mars,,,Book,\n"
    "b-2016,2016-02,,Leap month,Known to the month,,wto,,Site | https://example.org/b,Odd\n"
    "c-2016,2016-02-10,2017,A period,From a day to a year,venus;russia,,economy,Book,\n"
)


@pytest.fixture
def export(kzfp, tmp_path):
    """Run kzfp export sqlite with these options into a new file; the database's path."""

    def run(*options: str, name: str = "kzfp.db", told: str = "") -> Path:
        path = tmp_path / name
        result = kzfp("export", "sqlite", str(path), "--force", *options)
        assert (result.exit_code, result.stdout, result.stderr) == (0, "", told)
        return path

    return run


def query(path: Path, sql: str, *parameters: object) -> list[tuple]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql, parameters).fetchall()
    finally:
        connection.close()


def as_json(kzfp, *arguments: str) -> list[dict]:
    run = kzfp(*arguments, "--format", "json")
    assert run.exit_code == 0, run.stderr
    return run.json()


def joined(events: list[dict], field: str) -> list[tuple[str, str]]:
    return [(event["id"], item) for event in events for item in event[field]]


# --- with sqlite3 ----------------------------------------------------------------------


@pytest.mark.parametrize("options", FILTERS, ids=" ".join)
def test_the_events_and_their_lists_are_the_timelines_json(kzfp, export, options):
    path = export(*options)
    expected = as_json(kzfp, "timeline", *options)
    columns = ", ".join(EVENT_FIELDS)
    assert query(path, f"SELECT {columns} FROM events ORDER BY rowid") == [
        tuple(event[field] for field in EVENT_FIELDS) for event in expected
    ]
    for table, column, field in LISTS:
        assert query(
            path,
            f"SELECT event, {column} FROM {table} JOIN events ON events.id = event "
            "ORDER BY events.rowid, position",
        ) == joined(expected, field)
    assert query(
        path,
        "SELECT event, key FROM event_sources JOIN events ON events.id = event "
        "JOIN sources ON sources.id = source ORDER BY events.rowid, position",
    ) == [(event["id"], source["id"]) for event in expected for source in event["sources"]]
    # Each source once, with its parts: those of the events, and those of the
    # organizations (all kept).
    cited = {tuple(source.values()) for event in expected for source in event["sources"]}
    cited |= {tuple(source.values()) for row in curated("orgs") for source in cited_by(row)}
    parts = "key, title, publisher, url, language, published, checked"
    assert sorted(query(path, f"SELECT {parts} FROM sources")) == sorted(cited)
    assert query(path, "PRAGMA foreign_key_check") == []


def test_the_foreign_keys_are_declared(export):
    path = export()
    declared = {
        (table, row[2])
        for table in TABLES
        for row in query(path, f"PRAGMA foreign_key_list({table})")
    }
    assert declared == {
        ("event_partners", "events"),
        ("event_partners", "partners"),
        ("event_orgs", "events"),
        ("event_orgs", "organizations"),
        ("event_themes", "events"),
        ("event_themes", "themes"),
        ("event_sources", "events"),
        ("event_sources", "sources"),
        ("org_sources", "organizations"),
        ("org_sources", "sources"),
        ("organizations", "organizations"),
        ("memberships", "organizations"),
        ("memberships", "partners"),
        ("memberships", "events"),
        ("roles", "organizations"),
        ("roles", "events"),
        ("event_texts", "events"),
        ("partner_texts", "partners"),
        ("org_texts", "organizations"),
        ("theme_texts", "themes"),
    }


def test_partial_dates_keep_their_precision_with_first_and_last_days(kzfp, export, tmp_path):
    (tmp_path / "partial.csv").write_text(PARTIAL, encoding="utf-8")
    partial = str(tmp_path / "partial.csv")
    path = export("--data", partial, "--no-builtin", told=warned(partial, 2))
    assert query(path, "SELECT id, date, end_date, precision, first_day, last_day FROM events") == [
        ("a-2015", "2015", None, "year", "2015-01-01", "2015-12-31"),
        ("b-2016", "2016-02", None, "month", "2016-02-01", "2016-02-29"),
        ("c-2016", "2016-02-10", "2017", "day", "2016-02-10", "2017-12-31"),
    ]
    # The organizations' own sources are in the table too; these are the events'.
    cited = (
        "SELECT DISTINCT s.key, s.title, s.publisher, s.url FROM sources s"
        " JOIN event_sources e ON e.source = s.id"
    )
    assert query(path, cited + " ORDER BY s.id") == [
        (None, "Book", None, None),
        (None, "Site", None, "https://example.org/b"),
    ]
    # Partners the file names and the built-in data does not know are partners too.
    assert {"mars", "venus", "russia"} <= {
        ident for (ident,) in query(path, "SELECT id FROM partners")
    }
    assert query(path, "SELECT event, partner FROM event_partners WHERE partner != 'russia'") == [
        ("a-2015", "mars"),
        ("c-2016", "venus"),
    ]
    assert query(path, "PRAGMA foreign_key_check") == []


def test_reference_tables_hold_what_the_list_commands_list(kzfp, export):
    path = export("--partner", "china")
    identifiers = ("id", "name", "kind", "iso2", "iso3", "cow", "wikidata")
    assert sorted(query(path, f"SELECT {', '.join(identifiers)} FROM partners")) == sorted(
        tuple(partner[field] for field in identifiers)
        for partner in as_json(kzfp, "partner", "list")
    )
    lifetime = ("id", "acronym", "name", "wikidata", "founded", "ended", "predecessor")
    assert sorted(query(path, f"SELECT {', '.join(lifetime)} FROM organizations")) == sorted(
        tuple(org[field] for field in lifetime) for org in as_json(kzfp, "org", "list")
    )
    assert query(path, "SELECT id, name FROM themes ORDER BY id") == sorted(
        (theme["id"], theme["name"]) for theme in as_json(kzfp, "theme", "list")
    )
    about = curated("about")[0]
    assert query(path, "SELECT version, reviewed, origin FROM about") == [
        (about["version"], about["reviewed"], about["origin"])
    ]


def test_memberships_and_roles_are_those_of_org_list_whatever_the_filter(kzfp, export):
    # Filtered to the WTO's events, the export still holds every membership and role; each
    # names its event only where the export holds that event.
    path = export("--org", "wto")
    exported = {event["id"] for event in as_json(kzfp, "timeline", "--org", "wto")}
    orgs = as_json(kzfp, "org", "list")
    assert query(
        path,
        "SELECT org, since, event FROM memberships WHERE member = 'kazakhstan' "
        "ORDER BY since_day, org",
    ) == [
        (
            org["id"],
            org["member_since"],
            org["joined_event"] if org["joined_event"] in exported else None,
        )
        for org in orgs
        if org["member_since"] is not None
    ]
    assert ("wto", "2015-11-30", "wto-membership-2015") in query(
        path, "SELECT org, since, event FROM memberships WHERE partner IS NULL"
    )
    assert sorted(query(path, "SELECT org, role, date, end_date, event FROM roles")) == sorted(
        (
            org["id"],
            role["role"],
            role["date"],
            role["end_date"],
            role["event"] if role["event"] in exported else None,
        )
        for org in orgs
        for role in org["roles"]
    )
    assert sorted(
        query(path, "SELECT partner, org FROM memberships WHERE partner IS NOT NULL")
    ) == sorted((row["id"], org) for row in curated("partners") for org in cells(row, "orgs"))


def test_the_events_per_partner_view_counts_as_partner_list(kzfp, export):
    path = export()
    assert sorted(query(path, "SELECT partner, events FROM events_per_partner")) == sorted(
        (partner["id"], partner["events"]) for partner in as_json(kzfp, "partner", "list")
    )
    counts = Counter(org for event in as_json(kzfp, "timeline") for org in event["orgs"])
    assert {
        org: n for org, n in query(path, "SELECT org, events FROM events_per_org") if n
    } == counts


def test_an_existing_file_is_kept_without_force(kzfp, tmp_path):
    database = tmp_path / "kzfp.db"
    described = tmp_path / "kzfp.db.metadata.json"
    database.write_text("mine", encoding="utf-8")
    run = kzfp("export", "sqlite", str(database))
    assert (run.exit_code, run.stderr) == (
        2,
        f"kzfp: error: {database} already exists; add --force to overwrite it\n",
    )
    assert database.read_text(encoding="utf-8") == "mine"
    assert not described.exists()
    # The metadata file is refused the same way, before the database is written.
    database.unlink()
    described.write_text("mine", encoding="utf-8")
    run = kzfp("export", "sqlite", str(database))
    assert (run.exit_code, run.stderr) == (
        2,
        f"kzfp: error: {described} already exists; add --force to overwrite it\n",
    )
    assert not database.exists()


def test_force_replaces_both_files_keeping_their_mode(kzfp, tmp_path):
    database = tmp_path / "kzfp.db"
    database.write_text("mine", encoding="utf-8")
    database.chmod(0o640)
    run = kzfp("export", "sqlite", str(database), "--force")
    assert (run.exit_code, run.stdout, run.stderr) == (0, "", "")
    assert stat.S_IMODE(database.stat().st_mode) == 0o640
    assert query(database, "SELECT count(*) FROM events") == [(len(as_json(kzfp, "timeline")),)]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["kzfp.db", "kzfp.db.metadata.json"]


@pytest.mark.parametrize(
    ("target", "code", "line"),
    [
        ("-", 2, "a database cannot go to stdout; name a file: kzfp export sqlite FILE"),
        (".", 4, ". is a directory"),
        ("missing/kzfp.db", 4, "missing/kzfp.db: cannot write (No such file or directory)"),
    ],
)
def test_where_a_database_cannot_go(kzfp, tmp_path, monkeypatch, target, code, line):
    monkeypatch.chdir(tmp_path)
    run = kzfp("export", "sqlite", target)
    assert (run.exit_code, run.stdout, run.stderr) == (code, "", f"kzfp: error: {line}\n")
    assert list(tmp_path.iterdir()) == []


def test_a_pipe_or_a_device_is_refused_before_the_data_is_read(kzfp, tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for target in (str(fifo), os.devnull):
        run = kzfp("export", "sqlite", target, "--force")
        assert (run.exit_code, run.stdout, run.stderr) == (
            4,
            "",
            f"kzfp: error: {target} is not a regular file; a database is written to a file\n",
        )
    assert sorted(path.name for path in tmp_path.iterdir()) == ["fifo"]


def test_the_same_selection_gives_the_same_bytes(export, tmp_path):
    first = export("--partner", "china", name="one.db").read_bytes()
    assert export("--partner", "china", name="two.db").read_bytes() == first
    assert export("--partner", "russia", name="three.db").read_bytes() != first


def test_a_symbolic_link_is_followed_not_replaced(kzfp, tmp_path):
    (tmp_path / "real.db").write_bytes(b"")
    (tmp_path / "link.db").symlink_to("real.db")
    run = kzfp("export", "sqlite", str(tmp_path / "link.db"), "--force")
    assert (run.exit_code, run.stderr) == (0, "")
    assert (tmp_path / "link.db").is_symlink()
    assert query(tmp_path / "real.db", "SELECT count(*) FROM events") == [
        (len(as_json(kzfp, "timeline")),)
    ]


# --- with sqlite-utils -----------------------------------------------------------------


def test_sqlite_utils_reads_the_tables_views_and_full_text_search(kzfp, export):
    db = sqlite_utils.Database(export())
    assert set(TABLES) <= set(db.table_names())
    assert sorted(db.view_names()) == sorted(VIEWS)
    events = as_json(kzfp, "timeline")
    assert db["events"].count == len(events)
    assert db["event_partners"].count == len(joined(events, "partners"))
    assert db["partners"].count == len(as_json(kzfp, "partner", "list"))
    assert db["organizations"].count == len(as_json(kzfp, "org", "list"))
    assert db["events"].pks == ["id"]
    assert db["events"].detect_fts() == "events_fts"
    found = [row["id"] for row in db["events"].search("WTO")]
    assert "wto-membership-2015" in found
    # A word the index finds is a word kzfp's own --search finds (which also reads ids).
    assert set(found) <= {event["id"] for event in as_json(kzfp, "timeline", "--search", "WTO")}
    assert db["events"].get("wto-membership-2015")["date"] == "2015-11-30"


def test_the_index_holds_titles_summaries_and_notes(export, tmp_path):
    (tmp_path / "partial.csv").write_text(PARTIAL, encoding="utf-8")
    partial = str(tmp_path / "partial.csv")
    db = sqlite_utils.Database(export("--data", partial, "--no-builtin", told=warned(partial, 2)))
    for word, found in [("leap", ["b-2016"]), ("from", ["c-2016"]), ("odd", ["b-2016"])]:
        assert [row["id"] for row in db["events"].search(word)] == found, word
    assert list(db["events"].search("Book")) == []  # sources are not indexed


# --- with Datasette --------------------------------------------------------------------
# Slow: Datasette takes about a second to import, and serves each request through asyncio.


def datasette_get(path: Path, url: str) -> tuple[int, str]:
    from datasette.app import Datasette

    metadata = json.loads(Path(f"{path}.metadata.json").read_text(encoding="utf-8"))

    async def get() -> tuple[int, str]:
        datasette = Datasette([str(path)], metadata=metadata)
        await datasette.invoke_startup()
        response = await datasette.client.get(url)
        return response.status_code, response.text

    return asyncio.run(get())


@pytest.mark.slow
def test_datasette_serves_the_events_and_searches_them(kzfp, export):
    path = export("--theme", "economy")
    status, text = datasette_get(path, "/kzfp/events.json?_shape=array&_size=max")
    assert status == 200
    served = json.loads(text)
    assert Counter(row["id"] for row in served) == Counter(
        event["id"] for event in as_json(kzfp, "timeline", "--theme", "economy")
    )
    # The metadata sorts the events by their first day.
    days = [row["first_day"] for row in served]
    assert days == sorted(days)
    status, text = datasette_get(path, "/kzfp/events.json?_shape=array&_search=WTO")
    assert status == 200
    assert "wto-membership-2015" in [row["id"] for row in json.loads(text)]


@pytest.mark.slow
def test_datasette_shows_the_events_in_date_order_not_by_id(kzfp, export):
    path = export()
    first_day = dict(query(path, "SELECT id, first_day FROM events"))
    assert set(first_day) == {event["id"] for event in as_json(kzfp, "timeline")}
    shown = json.loads(Path(f"{path}.metadata.json").read_text(encoding="utf-8"))
    sort = shown["databases"]["kzfp"]["tables"]["events"]["sort"]
    columns = [row[1] for row in query(path, "PRAGMA table_info(events)")]
    assert sort in columns  # a column Datasette can sort by
    status, page = datasette_get(path, "/kzfp/events")
    assert status == 200
    assert f"sorted by {sort}" in page
    ids = re.findall(r'<td class="col-id[^"]*"[^>]*><a href="/kzfp/events/([^"]+)"', page)
    assert len(ids) > 10  # the page lists events, so this test can fail
    days = [first_day[ident] for ident in ids]
    assert days == sorted(days)
    assert ids != sorted(ids)  # not by id, as Datasette lists a table without metadata
    assert days[0] == min(first_day.values())


@pytest.mark.slow
def test_datasette_names_the_licence_and_the_source_of_the_data(kzfp, export):
    path = export("--org", "wto")
    about = kzfp("about", "-f", "json").json()
    status, text = datasette_get(path, "/-/metadata.json")
    assert status == 200
    shown = json.loads(text)
    assert (shown["license"], shown["license_url"]) == (about["license"], about["license_url"])
    assert shown["source"] == f"kzfp data {about['version']}, reviewed {about['reviewed']}"
    assert shown["source_url"] == "/kzfp/sources"
    status, page = datasette_get(path, "/kzfp")
    assert status == 200
    assert f'<a href="{about["license_url"]}">{about["license"]}</a>' in page


def test_datasette_shows_the_descriptions_of_the_metadata_file(export):
    path = export(name="research.sqlite")
    metadata = json.loads(Path(f"{path}.metadata.json").read_text(encoding="utf-8"))
    tables = metadata["databases"]["research"]["tables"]
    for table in ("events", "memberships"):
        status, page = datasette_get(path, f"/research/{table}")
        assert status == 200
        page = html.unescape(page)
        # Where Datasette shows them: under the title, and as each column's description
        # (the schema at the foot of the page holds them too, as comments).
        description = page.split('<div class="metadata-description">')[1].split("</div>")[0]
        assert description.strip() == tables[table]["description"]
        for column, text in tables[table]["columns"].items():
            assert f"<dt>{column}</dt><dd>{text}</dd>" in page, column


@pytest.mark.slow
@pytest.mark.parametrize(
    "day", ["1994-12-31", "1995-01-01", "2001-06-14", "2001-06-15", "2015-12-01"]
)
def test_the_memberships_on_query_is_org_list_on(kzfp, export, day):
    path = export("--year", "2020")  # the memberships do not depend on the filters
    status, text = datasette_get(path, f"/kzfp/memberships_on.json?day={day}&_shape=array")
    assert status == 200
    assert [row["org"] for row in json.loads(text)] == [
        org["id"] for org in as_json(kzfp, "org", "list", "--on", day)
    ]
