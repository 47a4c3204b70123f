"""The HTML export's filters survive any address: a fragment that does not decode
(``#partner=%E0%A4%A``) or names no choice leaves that filter at "All", and the page's
filters keep working.

The page's own script is run in Node against a small stand-in for the page (its selects
and events, read from the exported HTML), so what is tested is the script kzfp writes.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess

import pytest

NODE = shutil.which("node")

# A stand-in for the page: selects that behave as a browser's (a value that is no option
# leaves none selected, and reads as ""), and events with the page's data attributes.
HARNESS = r"""
const page = JSON.parse(require("fs").readFileSync(0, "utf8"));
function select(values) {
  let chosen = 0;
  return {
    get value() { return chosen < 0 ? "" : values[chosen]; },
    set value(v) { chosen = values.indexOf(String(v)); },
    get selectedIndex() { return chosen; },
  };
}
const listeners = [];
const form = { addEventListener: (type, f) => listeners.push(f) };
for (const name in page.selects) { form[name] = select(page.selects[name]); }
const events = page.events.map((data) => ({ dataset: data, hidden: false }));
const count = { textContent: "" };
const document = {
  getElementById: (id) => (id === "filters" ? form : count),
  querySelectorAll: () => events,
};
const state = { address: null };
const location = { hash: page.hash, pathname: "/page.html" };
const history = { replaceState: (a, b, address) => { state.address = address; } };
const report = (error) => ({
  error: error,
  values: { partner: form.partner.value, theme: form.theme.value, year: form.year.value },
  shown: events.map((li, index) => (li.hidden ? -1 : index)).filter((index) => index >= 0),
  count: count.textContent,
  address: state.address,
});
const after = {};
try {
  new Function("document", "location", "history", page.script)(document, location, history);
  after.load = report(null);
  form.partner.value = page.change;
  listeners.forEach((f) => f());
  after.change = report(null);
} catch (error) {
  after.load = report(String(error));
}
process.stdout.write(JSON.stringify(after));
"""


@pytest.fixture
def page(kzfp) -> str:
    result = kzfp("export", "html")
    assert result.exit_code == 0, result.stderr
    return result.stdout


def stand_in(page: str) -> dict[str, object]:
    selects = {
        name: [html.unescape(value) for value in re.findall(r'<option value="([^"]*)"', body)]
        for name, body in re.findall(r'<select name="(\w+)">(.*?)</select>', page)
    }
    events = [
        {
            "partners": html.unescape(partners),
            "themes": html.unescape(themes),
            "from": start,
            "to": end,
        }
        for partners, themes, start, end in re.findall(
            r'<li class="event"[^>]* data-partners="([^"]*)" data-themes="([^"]*)"'
            r' data-from="(\d+)" data-to="(\d+)">',
            page,
        )
    ]
    script = re.search(r"<script>(.*?)</script>", page, re.S)
    assert script is not None
    return {"selects": selects, "events": events, "script": script.group(1)}


def run_script(page: str, fragment: str, change: str) -> dict[str, dict[str, object]]:
    assert NODE is not None
    config = {**stand_in(page), "hash": fragment, "change": change}
    result = subprocess.run(
        [NODE, "-e", HARNESS], input=json.dumps(config), capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def overlapping(page: str, year: int) -> list[int]:
    events = stand_in(page)["events"]
    assert isinstance(events, list)
    return [i for i, e in enumerate(events) if int(e["from"]) <= year <= int(e["to"])]


def with_partner(page: str, partner: str) -> list[int]:
    events = stand_in(page)["events"]
    assert isinstance(events, list)
    return [i for i, e in enumerate(events) if partner in e["partners"].split()]


@pytest.mark.skipif(NODE is None, reason="node is needed to run the page's script")
@pytest.mark.parametrize(
    ("fragment", "year"),
    [
        ("#partner=%E0%A4%A&year=2015", "2015"),  # cut short: not UTF-8
        ("#year=2015&partner=%", "2015"),
        ("#partner=%E0%A4%A", ""),
        ("#partner=nosuch&year=2015", "2015"),  # names no partner
        ("#theme=%ZZ&year=1", ""),  # names no year
    ],
)
def test_a_fragment_that_does_not_decode_leaves_its_filter_at_all(page, fragment, year):
    partner = stand_in(page)["selects"]["partner"][1]  # type: ignore[index]
    everything = list(range(len(stand_in(page)["events"])))  # type: ignore[arg-type]
    outcome = run_script(page, fragment, change=partner)
    load = outcome["load"]
    assert load["error"] is None
    assert load["values"] == {"partner": "", "theme": "", "year": year}
    shown = overlapping(page, int(year)) if year else everything
    assert load["shown"] == shown
    assert load["count"] == f"{len(shown)} of {len(everything)} events"
    assert load["address"] == (f"#year={year}" if year else "/page.html")
    # The filters still work: choosing a partner shows that partner's events.
    change = outcome["change"]
    assert change["values"]["partner"] == partner
    wanted = set(with_partner(page, partner)) & set(shown)
    assert change["shown"] == sorted(wanted)


@pytest.mark.skipif(NODE is None, reason="node is needed to run the page's script")
def test_a_good_fragment_still_sets_the_filters(page):
    partner = stand_in(page)["selects"]["partner"][1]  # type: ignore[index]
    load = run_script(page, f"#partner={partner}&year=2015", change=partner)["load"]
    assert load["values"] == {"partner": partner, "theme": "", "year": "2015"}
    assert load["shown"] == sorted(set(with_partner(page, partner)) & set(overlapping(page, 2015)))
    assert load["address"] == f"#partner={partner}&year=2015"


def test_the_script_catches_a_fragment_that_does_not_decode(page):
    # Where Node is missing, the emitted code is checked instead.
    script = str(stand_in(page)["script"])
    assert re.search(r"try \{ value = decodeURIComponent\(parts\[1\]\); \} catch", script)
    assert "selectedIndex < 0" in script
