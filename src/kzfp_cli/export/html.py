"""One self-contained HTML page: the timeline with filters by partner, theme and year.

No network requests: the style and the script are inline, and there are no fonts, images
or external scripts. Every event is rendered in the HTML itself (escaped), so the page
reads and prints without JavaScript; the script only hides what the filters leave out.
Filters can be set from the address: ``page.html#partner=russia&theme=security&year=2015``;
a value that does not decode or is not a choice leaves its filter at "All".
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from kzfp_cli.dates import display_span
from kzfp_cli.export import TITLE, linked_sources, partner_names
from kzfp_cli.model import Dataset, Event
from kzfp_cli.safe_text import caret, percent_controls

STYLE = """
:root { color-scheme: light dark; --muted: #666; --line: #ccc; --accent: #0b6e99; }
* { box-sizing: border-box; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto;
       max-width: 52rem; padding: 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
.lead, .count { color: var(--muted); margin: 0 0 1rem; }
form { display: flex; flex-wrap: wrap; gap: .5rem 1rem; margin: 0 0 1rem; }
label { display: flex; flex-direction: column; font-size: .85rem; color: var(--muted); }
select { font: inherit; padding: .3rem; min-width: 10rem; }
ol { list-style: none; margin: 0; padding: 0; border-left: 3px solid var(--line); }
li.event { position: relative; margin: 0 0 1.25rem; padding-left: 1rem; }
li.event::before { content: ""; position: absolute; left: -.5rem; top: .45rem; width: .7rem;
                   height: .7rem; border-radius: 50%; background: var(--accent); }
li.event[hidden] { display: none; }
.date { font-weight: 600; color: var(--accent); }
h2 { font-size: 1.1rem; margin: .1rem 0; }
p { margin: .25rem 0; }
.meta, .sources, .note { font-size: .9rem; color: var(--muted); }
a { color: var(--accent); overflow-wrap: anywhere; }
@media (max-width: 30rem) { select { min-width: 0; width: 100%; } label { flex: 1 1 100%; } }
@media print { form, .count { display: none; } li.event { break-inside: avoid; }
               a::after { content: " (" attr(href) ")"; } }
"""

SCRIPT = """
(function () {
  var form = document.getElementById("filters");
  var events = Array.prototype.slice.call(document.querySelectorAll("li.event"));
  var count = document.getElementById("count");
  function apply() {
    var partner = form.partner.value, theme = form.theme.value, year = form.year.value;
    var shown = 0;
    events.forEach(function (li) {
      var ok = (!partner || (" " + li.dataset.partners + " ").indexOf(" " + partner + " ") >= 0)
        && (!theme || (" " + li.dataset.themes + " ").indexOf(" " + theme + " ") >= 0)
        && (!year || (+li.dataset.from <= +year && +year <= +li.dataset.to));
      li.hidden = !ok;
      if (ok) { shown += 1; }
    });
    count.textContent = shown + " of " + events.length + " events";
    var state = [];
    ["partner", "theme", "year"].forEach(function (name) {
      if (form[name].value) { state.push(name + "=" + encodeURIComponent(form[name].value)); }
    });
    history.replaceState(null, "", state.length ? "#" + state.join("&") : location.pathname);
  }
  // A filter from the address (#partner=russia&year=2015). One that does not decode
  // (#partner=%E0%A4%A, an address cut short) or names no choice stays at All; the
  // others still apply, and the filters keep working.
  location.hash.slice(1).split("&").forEach(function (pair) {
    var parts = pair.split("="), value;
    if (parts.length !== 2 || ["partner", "theme", "year"].indexOf(parts[0]) < 0) { return; }
    try { value = decodeURIComponent(parts[1]); } catch (error) { return; }
    var field = form[parts[0]];
    field.value = value;
    if (field.selectedIndex < 0) { field.value = ""; }
  });
  form.addEventListener("change", apply);
  apply();
})();
"""


def escape(text: str) -> str:
    """Text for the page: HTML-escaped, control characters (which HTML forbids) in caret
    notation (``^[``), as kzfp shows them on a terminal."""
    return html.escape(caret(text))


# The page may load nothing from anywhere: only its own inline style and script.
CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"


def _options(name: str, label: str, choices: Sequence[tuple[str, str]]) -> str:
    options = "".join(
        f'<option value="{escape(value)}">{escape(text)}</option>' for value, text in choices
    )
    return (
        f'<label>{escape(label)}<select name="{name}">'
        f'<option value="">All</option>{options}</select></label>'
    )


def _event(event: Event, dataset: Dataset) -> str:
    when = display_span(event.date, event.end_date)
    parts = [
        f'<li class="event" id="{escape(event.id)}"'
        f' data-partners="{escape(" ".join(event.partners))}"'
        f' data-themes="{escape(" ".join(event.themes))}"'
        f' data-from="{event.first.year}" data-to="{event.last.year}">',
        f'<time class="date" datetime="{escape(event.date.iso())}">{escape(when)}</time>',
        f"<h2>{escape(event.title)}</h2>",
    ]
    if event.summary:
        parts.append(f"<p>{escape(event.summary)}</p>")
    meta = []
    names = partner_names(event, dataset)
    if names:
        meta.append("Partners: " + escape(", ".join(names)))
    if event.orgs:
        meta.append(
            "Organizations: " + escape(", ".join(dataset.orgs[o].acronym for o in event.orgs))
        )
    if meta:
        parts.append(f'<p class="meta">{" · ".join(meta)}</p>')
    links = linked_sources(
        event,
        lambda title, url: (
            f'<a href="{escape(percent_controls(url))}" rel="noreferrer">{escape(title)}</a>'
        ),
        escape,
    )
    if links:
        parts.append(f'<p class="sources">Sources: {"; ".join(links)}</p>')
    if event.note:
        parts.append(f'<p class="note">Note: {escape(event.note)}</p>')
    parts.append("</li>")
    return "".join(parts)


def timeline_html(events: Sequence[Event], dataset: Dataset) -> str:
    partners = sorted(
        {p for event in events for p in event.partners}, key=lambda p: dataset.partners[p].name
    )
    themes = sorted({t for event in events for t in event.themes})
    years = sorted({y for event in events for y in range(event.first.year, event.last.year + 1)})
    form = "".join(
        [
            _options("partner", "Partner", [(p, dataset.partners[p].name) for p in partners]),
            _options("theme", "Theme", [(t, dataset.themes[t].name) for t in themes]),
            _options("year", "Year", [(str(y), str(y)) for y in years]),
        ]
    )
    items = "\n".join(_event(event, dataset) for event in events)
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<title>{escape(TITLE)}</title>
<style>{STYLE}</style>
</head>
<body>
<h1>{escape(TITLE)}</h1>
<p class="lead">A timeline made with kzfp. Every event cites its sources.</p>
<form id="filters">{form}</form>
<p class="count" id="count">{len(events)} events</p>
<ol id="timeline">
{items}
</ol>
<script>{SCRIPT}</script>
</body>
</html>
"""
