"""The HTML export's script, run: its filters follow the address (``hashchange`` too),
read aliases there (``#partner=RU``, ``#org=ШОС``), survive any address (a fragment that
does not decode or names no choice leaves that filter at "All") and combine with the
words box (``#q=wto``).

The page's own script is run in Node against a small stand-in for the page (its selects,
words box and events, read from the exported HTML), so what is tested is the script kzfp
writes. Where Node is missing these tests skip, and the last one checks the emitted code.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import unicodedata
from urllib.parse import quote

import pytest
from curated import cells, chronological, curated

from kzfp_cli.names import normalize

NODE = shutil.which("node")


def needs_node(test):
    """A test that runs the page's script in node: skipped without node, and slow."""
    skip = pytest.mark.skipif(NODE is None, reason="node is needed to run the page's script")
    return pytest.mark.slow(skip(test))


# A stand-in for the page: selects that behave as a browser's (a value that is no option
# leaves none selected, and reads as ""), a words box, events with the page's data
# attributes and text, and an address that replaceState and hashchange move. After the
# load and after each step it reports what a reader would see.
HARNESS = r"""
const page = JSON.parse(require("fs").readFileSync(0, "utf8"));
function listening(target) {
  const listeners = {};
  target.addEventListener = (type, f) => (listeners[type] = listeners[type] || []).push(f);
  target.fire = (type, event) => (listeners[type] || []).forEach((f) => f(event));
  return target;
}
function select(values) {
  let chosen = 0;
  return {
    get value() { return chosen < 0 ? "" : values[chosen]; },
    set value(v) { chosen = values.indexOf(String(v)); },
    get selectedIndex() { return chosen; },
  };
}
const form = listening({ q: { value: "" } });
for (const name in page.selects) { form[name] = select(page.selects[name]); }
let scrolled = null;
const links = {};
const events = page.events.map((e) => ({
  id: e.id,
  dataset: e.data,
  hidden: false,
  scrollIntoView() { scrolled = e.id; },
  querySelector: (s) => (s === "h2" ? { textContent: e.title }
    : s === "p:not([class])" && e.summary !== null ? { textContent: e.summary }
    : s === "a.date" ? (links[e.id] = listening({})) : null),
}));
const count = { textContent: "" };
const problem = { textContent: "", hidden: true };
const names = { textContent: page.names };
const document = {
  getElementById: (id) => ({ filters: form, count: count, problem: problem, names: names })[id],
  querySelectorAll: () => events,
};
const window = listening({});
const location = { hash: page.hash, pathname: "/page.html", search: "" };
let address = null;
const history = {
  replaceState: (a, b, to) => { address = to; location.hash = to[0] === "#" ? to : ""; },
};
const report = (error) => ({
  error: error,
  values: Object.fromEntries(["partner", "org", "theme", "year", "q"].map(
    (name) => [name, form[name].value])),
  shown: events.filter((li) => !li.hidden).map((li) => li.id),
  count: count.textContent,
  problem: problem.hidden ? null : problem.textContent,
  scrolled: scrolled,
  address: address,
});
const reports = [];
try {
  new Function("document", "window", "location", "history", page.script)(
    document, window, location, history);
  reports.push(report(null));
  for (const step of page.steps) {
    const event = { prevented: false, preventDefault() { this.prevented = true; } };
    scrolled = null;
    if ("click" in step) {  // a date's link; a new address fires hashchange, as in a browser
      const before = location.hash;
      links[step.click].fire("click", event);
      if (location.hash !== before) { window.fire("hashchange", {}); }
    }
    if ("hash" in step) { location.hash = step.hash; window.fire("hashchange", event); }
    if ("set" in step) { form[step.set[0]].value = step.set[1]; form.fire("change", event); }
    if ("type" in step) { form.q.value = step.type; form.fire("input", event); }
    if ("submit" in step) { form.fire("submit", event); }
    reports.push({ ...report(null), prevented: event.prevented });
  }
} catch (error) {
  reports.push(report(String(error)));
}
process.stdout.write(JSON.stringify(reports));
"""


@pytest.fixture(scope="module")
def page() -> str:
    from typer.testing import CliRunner

    from kzfp_cli.cli import app

    result = CliRunner().invoke(app, ["export", "html"], prog_name="kzfp")
    assert result.exit_code == 0, result.stderr
    return result.stdout


def stand_in(page: str) -> dict[str, object]:
    selects = {
        name: [html.unescape(value) for value in re.findall(r'<option value="([^"]*)"', body)]
        for name, body in re.findall(r'<select name="(\w+)">(.*?)</select>', page)
    }
    events = []
    for attributes, body in re.findall(r'<li class="event"([^>]*)>(.*?)</li>', page):
        data = {k: html.unescape(v) for k, v in re.findall(r' data-(\w+)="([^"]*)"', attributes)}
        title = re.search(r"<h2>(.*?)</h2>", body)
        summary = re.search(r"<p>(.*?)</p>", body)
        assert title is not None
        events.append(
            {
                "id": html.unescape(re.search(r' id="([^"]*)"', attributes).group(1)),  # type: ignore[union-attr]
                "data": data,
                "title": html.unescape(title.group(1)),
                "summary": html.unescape(summary.group(1)) if summary else None,
            }
        )
    names = re.search(r'<script type="application/json" id="names">(.*?)</script>', page)
    script = re.search(r"<script>(.*?)</script>", page, re.S)
    assert names is not None and script is not None
    return {"selects": selects, "events": events, "names": names.group(1), "script": script[1]}


def run_script(page: str, fragment: str, *steps: dict[str, object]) -> list[dict[str, object]]:
    assert NODE is not None
    config = {**stand_in(page), "hash": fragment, "steps": list(steps)}
    result = subprocess.run(
        [NODE, "-e", HARNESS], input=json.dumps(config), capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    reports = json.loads(result.stdout)
    assert [report["error"] for report in reports] == [None] * (len(steps) + 1)
    return reports


EVENTS = chronological(curated("events"))
EVERY = [row["id"] for row in EVENTS]
ALL = {"partner": "", "org": "", "theme": "", "year": "", "q": ""}


def ids(**wanted: str) -> list[str]:
    """The events a reader expects to see, read from the data apart from kzfp."""

    def keeps(row: dict[str, str]) -> bool:
        year = wanted.get("year")
        first, last = row["date"][:4], (row["end_date"] or row["date"])[:4]
        return (
            all(
                wanted[k] in cells(row, f"{k}s") for k in ("partner", "org", "theme") if k in wanted
            )
            and (year is None or first <= year <= last)
            and all(
                word in fold(row["title"] + " " + row["summary"])
                for word in wanted.get("q", "").split()
            )
        )

    return [row["id"] for row in EVENTS if keeps(row)]


def fold(text: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)
    ).lower()


def offered(page: str, name: str) -> list[str]:
    return stand_in(page)["selects"][name][1:]  # type: ignore[index]


def unknown(label: str, value: str) -> str:
    return f"{label}: “{value}” is not on this page, so it shows every event."


@needs_node
@pytest.mark.parametrize(
    ("fragment", "year", "problem"),
    [
        ("#partner=%E0%A4%A&year=2015", "2015", [("Partner", "%E0%A4%A")]),  # not UTF-8
        ("#year=2015&partner=%", "2015", [("Partner", "%")]),
        ("#partner=%E0%A4%A", "", [("Partner", "%E0%A4%A")]),
        ("#partner=nosuch&year=2015", "2015", [("Partner", "nosuch")]),  # names no partner
        ("#theme=%ZZ&year=1", "", [("Theme", "%ZZ"), ("Year", "1")]),  # names no year
        ("#org=&year=2015&colour=red", "2015", []),  # empty, and a filter the page lacks
        (
            "#partner=constructor&theme=__proto__&year=2015",  # no object's names
            "2015",
            [("Partner", "constructor"), ("Theme", "__proto__")],
        ),
    ],
)
def test_a_fragment_that_does_not_decode_leaves_its_filter_at_all(page, fragment, year, problem):
    partner = offered(page, "partner")[0]
    load, change = run_script(page, fragment, {"set": ["partner", partner]})
    assert load["problem"] == (" ".join(unknown(*p) for p in problem) or None)
    assert load["values"] == {**ALL, "year": year}
    shown = ids(year=year) if year else EVERY
    assert load["shown"] == shown
    assert load["count"] == f"{len(shown)} of {len(EVERY)} events"
    assert load["address"] == (f"#year={year}" if year else "/page.html")
    # The filters still work: choosing a partner shows that partner's events.
    assert change["values"] == {**ALL, "partner": partner, "year": year}
    assert change["shown"] == (ids(partner=partner, year=year) if year else ids(partner=partner))


@needs_node
def test_a_good_fragment_sets_the_filters(page):
    (load,) = run_script(page, "#partner=russia&org=sco&theme=security&year=2015")
    wanted = {"partner": "russia", "org": "sco", "theme": "security", "year": "2015"}
    assert load["values"] == {**ALL, **wanted}
    assert load["shown"] == ids(**wanted)
    assert load["address"] == "#partner=russia&org=sco&theme=security&year=2015"


@needs_node
def test_an_event_in_the_address_is_kept_with_the_filters(page):
    event = "wto-membership-2015"
    other = next(i for i in ids(year="2015") if i != event)
    assert event in ids(year="2015") and event not in ids(partner="russia")
    load, filtered, clicked, hidden, gone = run_script(
        page,
        f"#{event}",
        {"set": ["year", "2015"]},
        {"click": other},
        {"hash": f"#partner=russia&{event}"},
        {"hash": "#year=2015"},
    )
    assert (load["values"], load["shown"], load["problem"]) == (ALL, EVERY, None)
    assert (load["scrolled"], load["address"]) == (event, f"#{event}")
    # A filter changed keeps the event in the address, after the filters.
    assert (filtered["shown"], filtered["address"]) == (ids(year="2015"), f"#year=2015&{event}")
    # A date's link names its event and keeps the filters.
    assert clicked["prevented"] is True
    assert (clicked["values"], clicked["scrolled"]) == ({**ALL, "year": "2015"}, other)
    assert clicked["address"] == f"#year=2015&{other}"
    # An event the filters hide is kept in the address, but not scrolled to.
    assert (hidden["scrolled"], hidden["address"]) == (None, f"#partner=russia&{event}")
    assert (gone["scrolled"], gone["address"]) == (None, "#year=2015")


@needs_node
@pytest.mark.parametrize(
    ("fragment", "name", "ident"),
    [
        ("#partner=RU", "partner", "russia"),
        ("#partner=Россия", "partner", "russia"),
        (f"#partner={quote('Россия')}", "partner", "russia"),  # as a browser sends it
        (f"#partner={quote('Ресей')}", "partner", "russia"),
        ("#partner=Russian%20Federation", "partner", "russia"),
        ("#partner=U.S.", "partner", "usa"),
        (f"#org={quote('ШОС')}", "org", "sco"),
        (f"#org={quote('ШЫҰ')}", "org", "sco"),
        ("#org=WTO", "org", "wto"),
        ("#theme=Economy%20and%20trade", "theme", "economy"),
    ],
)
def test_an_alias_in_the_address_selects_its_choice(page, fragment, name, ident):
    (load,) = run_script(page, fragment)
    assert load["values"] == {**ALL, name: ident}
    assert load["shown"] == ids(**{name: ident})
    assert load["address"] == f"#{name}={ident}"  # the address now names the id


def names_in_data(name: str) -> dict[str, list[str]]:
    """Every name the data gives each id (as kzfp's lookup reads them), from the files."""
    table, columns = {
        "partner": ("partners", ["name", "iso2", "iso3", "wikidata"]),
        "org": ("orgs", ["acronym", "name", "wikidata"]),
        "theme": ("themes", ["name"]),
    }[name]
    return {
        row["id"]: [row[c] for c in columns if row[c]] + cells(row, "aliases")
        for row in curated(table)
    }


@needs_node
@pytest.mark.parametrize("name", ["partner", "org", "theme"])
def test_every_alias_of_every_choice_selects_it(page, name):
    given = names_in_data(name)
    owners: dict[str, set[str]] = {}
    for ident, names in given.items():
        for alias in names:
            owners.setdefault(normalize(alias), set()).add(ident)
    choices = set(offered(page, name))
    cases = [
        (alias, ident)
        for ident, names in given.items()
        if ident in choices
        for alias in names
        if owners[normalize(alias)] == {ident}
    ]
    assert {ident for _, ident in cases} == choices  # every choice has a name tried
    steps = [{"hash": f"#{name}={quote(alias, safe='')}"} for alias, _ in cases]
    _, *reports = run_script(page, "", *steps)
    assert [(alias, r["values"][name]) for (alias, _), r in zip(cases, reports, strict=True)] == [
        (alias, ident) for alias, ident in cases
    ]


@needs_node
def test_the_page_follows_the_address_as_it_changes(page):
    load, later, back, cleared, alias = run_script(
        page,
        "#partner=russia&year=2015",
        {"hash": "#year=2016"},
        {"hash": "#partner=russia&year=2015"},
        {"hash": ""},
        {"hash": "#org=%D0%A8%D0%9E%D0%A1&q=summit"},
    )
    assert load["values"] == {**ALL, "partner": "russia", "year": "2015"}
    assert later["values"] == {**ALL, "year": "2016"}  # a filter left out is All again
    assert later["shown"] == ids(year="2016")
    assert later["count"] == f"{len(ids(year='2016'))} of {len(EVERY)} events"
    assert back["shown"] == load["shown"] == ids(partner="russia", year="2015")
    assert (cleared["values"], cleared["shown"], cleared["address"]) == (ALL, EVERY, "/page.html")
    assert alias["values"] == {**ALL, "org": "sco", "q": "summit"}
    assert alias["shown"] == ids(org="sco", q="summit")
    assert alias["address"] == "#org=sco&q=summit"


@needs_node
def test_the_words_box_filters_by_title_and_summary(page):
    load, typed, narrowed, nothing, submitted = run_script(
        page,
        "#q=wto+member",
        {"type": "  WTO  "},
        {"set": ["year", "2015"]},
        {"type": "zzqx wto"},
        {"submit": True},
    )
    assert ids(q="wto member")  # the data has such events, so the test can fail
    assert (load["values"], load["shown"]) == ({**ALL, "q": "wto member"}, ids(q="wto member"))
    assert load["address"] == "#q=wto%20member"
    assert (typed["shown"], typed["address"]) == (ids(q="wto"), "#q=WTO")
    assert narrowed["shown"] == ids(q="wto", year="2015")
    assert narrowed["address"] == "#year=2015&q=WTO"
    assert nothing["shown"] == []
    assert nothing["count"] == f"0 of {len(EVERY)} events"
    assert submitted["prevented"] is True  # Enter does not reload the page


@needs_node
def test_the_words_box_ignores_case_and_accents(kzfp, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "t.csv").write_text(
        "id,date,title,summary\n"
        "a-2020,2020,Visit to Türkiye,Talks in Ankara.\n"
        "b-2021,2021,Visit to Turkmenistan,Talks on gas; no Turkiye.\n"
        "c-2022,2022,Talks,\n",
        encoding="utf-8",
    )
    result = kzfp("export", "html", "--data", "t.csv", "--no-builtin")
    assert result.exit_code == 0, result.stderr
    turkiye, turk, ankara, talks = run_script(
        result.stdout, "#q=TURKIYE", {"type": "türk"}, {"type": "ankara VISIT"}, {"type": "talks"}
    )
    assert turkiye["shown"] == ["a-2020", "b-2021"]  # in a title, and in a summary
    assert turk["shown"] == ["a-2020", "b-2021"]
    assert ankara["shown"] == ["a-2020"]  # every word, in the title or the summary
    assert talks["shown"] == ["a-2020", "b-2021", "c-2022"]


def test_the_script_catches_a_fragment_that_does_not_decode(page):
    # Where Node is missing, the emitted code is checked instead.
    script = str(stand_in(page)["script"])
    assert re.search(r"try \{\s*value = decodeURIComponent\(", script)
    assert "selectedIndex < 0" in script
    assert 'window.addEventListener("hashchange", follow)' in script


def test_the_aliases_cannot_end_their_script_element(page):
    names = json.loads(str(stand_in(page)["names"]))
    assert set(names) == {"partner", "org", "theme"}
    assert set(names["partner"]) <= set(offered(page, "partner"))
    assert "россия" in names["partner"]["russia"].split()
    assert not re.search(r"[<>&]", str(stand_in(page)["names"]))
