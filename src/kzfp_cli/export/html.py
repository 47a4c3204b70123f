"""One self-contained HTML page: the timeline with filters by partner, organization,
theme and year, and a box that filters by words.

No network requests: the style and the script are inline, and there are no fonts, images
or external scripts. Every event is rendered in the HTML itself (escaped), so the page
reads and prints without JavaScript; the script only hides what the filters leave out.

Filters can be set from the address (``page.html#partner=russia&org=sco&year=2015&q=gas``)
and follow it when it changes (``hashchange``). A partner, organization or theme may be
named by any of its aliases (``#partner=RU``, ``#partner=Россия``, ``#org=ШОС``): the page
carries the aliases of the choices it offers. A value that does not decode or names no
choice leaves its filter at "All", and the page says so above the events.

Every event is an anchor (its id; its date links to it), so ``page.html#wto-membership-2015``
opens the page at that event. The address holds an event and filters together, the event
last and without ``=`` (``#partner=russia&wto-membership-2015``): changing a filter keeps
the event, and following a date's link keeps the filters. The colours meet WCAG AA (4.5:1
for text) in light and dark mode; tests/test_export_html_contrast.py computes the ratios
from STYLE.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Iterator, Sequence

from kzfp_cli.dates import display_span
from kzfp_cli.export import linked_sources, partner_names, title
from kzfp_cli.language import Language
from kzfp_cli.model import Dataset, Event
from kzfp_cli.names import Vocabulary
from kzfp_cli.query import org_vocabulary, partner_vocabulary, theme_vocabulary
from kzfp_cli.safe_text import caret, percent_controls

# Every colour is a custom property, set once for light and once for dark mode, so that
# the contrast test sees every pair a reader sees. Text colours against --bg: --fg 17:1,
# --muted and --accent above 4.5:1 in both modes.
STYLE = """
:root { color-scheme: light dark; --bg: #ffffff; --fg: #1b1b1b; --muted: #595959;
        --line: #c4c4c4; --accent: #0a6690; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #161616; --fg: #ececec; --muted: #a8a8a8; --line: #555555; --accent: #6cc4ee; }
}
* { box-sizing: border-box; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto;
       max-width: 52rem; padding: 1rem; background: var(--bg); color: var(--fg); }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
.lead, .count { color: var(--muted); margin: 0 0 1rem; }
form { display: flex; flex-wrap: wrap; gap: .5rem 1rem; margin: 0 0 1rem; }
label { display: flex; flex-direction: column; font-size: .85rem; color: var(--muted); }
select, input { font: inherit; padding: .3rem; min-width: 10rem; color: var(--fg);
                background: var(--bg); border: 1px solid var(--muted); border-radius: 3px; }
input::placeholder { color: var(--muted); opacity: 1; }
ol { list-style: none; margin: 0; padding: 0; border-left: 3px solid var(--line); }
li.event { position: relative; margin: 0 0 1.25rem; padding-left: 1rem; }
li.event::before { content: ""; position: absolute; left: -.5rem; top: .45rem; width: .7rem;
                   height: .7rem; border-radius: 50%; background: var(--accent); }
li.event[hidden] { display: none; }
.date { font-weight: 600; color: var(--accent); text-decoration: none; }
.problem { border-left: 3px solid var(--accent); padding-left: .5rem; margin: 0 0 1rem; }
h2 { font-size: 1.1rem; margin: .1rem 0; }
p { margin: .25rem 0; }
.meta, .sources, .note { font-size: .9rem; color: var(--muted); }
a { color: var(--accent); overflow-wrap: anywhere; }
@media (max-width: 30rem) { select, input { min-width: 0; width: 100%; }
                            label { flex: 1 1 100%; } }
@media print { form, .count { display: none; } li.event { break-inside: avoid; }
               a::after { content: " (" attr(href) ")"; } a.date::after { content: none; } }
"""

SCRIPT = r"""
(function () {
  var form = document.getElementById("filters");
  var events = Array.prototype.slice.call(document.querySelectorAll("li.event"));
  var count = document.getElementById("count");
  var problem = document.getElementById("problem");
  // "{shown} of {total} events", "{filter}: “{value}” is not on this page..." and the
  // filters' labels, in the page's language (put here by kzfp).
  var SHOWN = SHOWN_TEMPLATE;
  var UNKNOWN = UNKNOWN_TEMPLATE;
  var LABELS = LABELS_MAP;
  // The event the address names (#wto-membership-2015), or "".
  var current = "";
  var CHOICES = ["partner", "org", "theme", "year"];
  // Each choice's aliases, as the keys kzfp's own lookup compares (names.normalize):
  // {"partner": {"russia": "ru rus россия ..."}}, turned round into key -> id.
  var given = JSON.parse(document.getElementById("names").textContent), aliases = {};
  Object.keys(given).forEach(function (kind) {
    aliases[kind] = Object.create(null);  // no "constructor" inherited as a name
    Object.keys(given[kind]).forEach(function (id) {
      given[kind][id].split(" ").forEach(function (name) { aliases[kind][name] = id; });
    });
  });
  function key(name) { return name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ""); }
  // The words box ignores case and accents: "turkiye" finds "Türkiye".
  function fold(text) {
    return text.normalize("NFD").replace(/\p{M}+/gu, "").toLowerCase();
  }
  var texts = events.map(function (li) {
    // The summary is the event's one paragraph without a class.
    var summary = li.querySelector("p:not([class])");
    return fold(li.querySelector("h2").textContent + " " + (summary ? summary.textContent : ""));
  });
  function holds(list, id) { return !id || (" " + list + " ").indexOf(" " + id + " ") >= 0; }
  function apply() {
    var year = form.year.value, shown = 0;
    var words = fold(form.q.value).split(/\s+/).filter(Boolean);
    events.forEach(function (li, index) {
      var ok = holds(li.dataset.partners, form.partner.value)
        && holds(li.dataset.orgs, form.org.value)
        && holds(li.dataset.themes, form.theme.value)
        && (!year || (+li.dataset.from <= +year && +year <= +li.dataset.to))
        && words.every(function (word) { return texts[index].indexOf(word) >= 0; });
      li.hidden = !ok;
      if (ok) { shown += 1; }
    });
    count.textContent = SHOWN.replace("{shown}", shown).replace("{total}", events.length);
    var state = [];
    CHOICES.forEach(function (name) {
      if (form[name].value) { state.push(name + "=" + encodeURIComponent(form[name].value)); }
    });
    var text = form.q.value.trim();
    if (text) { state.push("q=" + encodeURIComponent(text)); }
    if (current) { state.push(current); }
    var address = state.length ? "#" + state.join("&") : location.pathname + location.search;
    history.replaceState(null, "", address);
  }
  // Whether the choice is made: false for a value that names none (left at All).
  function choose(name, value) {
    var field = form[name];
    field.value = value;
    if (field.selectedIndex < 0 && aliases[name]) {
      field.value = aliases[name][key(value)] || key(value);
    }
    if (field.selectedIndex >= 0) { return true; }
    field.value = "";
    return !value;
  }
  function named(id) { return events.filter(function (li) { return li.id === id; })[0]; }
  // The filters the address names (#partner=russia&year=2015&q=gas), each by its id or
  // an alias, and the event it names (a part without "="). A filter that does not decode
  // (#partner=%E0%A4%A, an address cut short) or names no choice stays at All, and the
  // page says so; the others still apply. A filter the address leaves out is All, so
  // that going back to an earlier address restores its view.
  function follow() {
    var wanted = {}, unknown = [];
    current = "";
    location.hash.slice(1).split("&").forEach(function (pair) {
      var at = pair.indexOf("="), name = pair.slice(0, at), value;
      if (at < 0) {
        if (named(pair)) { current = pair; }
        return;
      }
      if (CHOICES.indexOf(name) < 0 && name !== "q") { return; }
      try {
        value = decodeURIComponent(pair.slice(at + 1).replace(/\+/g, " "));
      } catch (error) {
        value = pair.slice(at + 1);
        if (name !== "q") { unknown.push([name, value]); }
        return;
      }
      wanted[name] = value;
    });
    CHOICES.forEach(function (name) {
      if (!choose(name, wanted[name] || "")) { unknown.push([name, wanted[name]]); }
    });
    form.q.value = wanted.q || "";
    problem.textContent = unknown.map(function (pair) {
      return UNKNOWN.replace("{filter}", LABELS[pair[0]]).replace("{value}", pair[1]);
    }).join(" ");
    problem.hidden = !unknown.length;
    apply();
    var li = named(current);
    if (li && !li.hidden) { li.scrollIntoView(); }
  }
  // A date links to its event; following it keeps the filters that are set.
  events.forEach(function (li) {
    var link = li.querySelector("a.date");
    if (!link) { return; }
    link.addEventListener("click", function (event) {
      event.preventDefault();
      var kept = location.hash.slice(1).split("&").filter(function (pair) {
        return pair.indexOf("=") > 0;
      });
      kept.push(li.id);
      location.hash = "#" + kept.join("&");
    });
  });
  form.addEventListener("change", apply);
  form.addEventListener("input", apply);
  // Enter in the words box would submit the form and reload the page.
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  window.addEventListener("hashchange", follow);
  follow();
})();
"""


def escape(text: str) -> str:
    """Text for the page: HTML-escaped, control characters (which HTML forbids) in caret
    notation (``^[``), as kzfp shows them on a terminal."""
    return html.escape(caret(text))


# The page may load nothing from anywhere: only its own inline style and script. (The
# aliases are a JSON data block, which is never run.)
CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"
_NOT_ALNUM = re.compile(r"[\W_]+")


def alias_key(name: str) -> str:
    """A name as the page's script compares it: lower case, without punctuation or spaces.
    It is names.normalize with lower() for casefold(), which JavaScript lacks; the two
    differ only for a few letters such as ß."""
    return _NOT_ALNUM.sub("", name.lower())


def _aliases(ids: Iterable[str], vocabulary: Vocabulary) -> dict[str, str]:
    """For each id the page offers, the keys of its other names, space-separated: those
    kzfp's own lookup answers with that id."""
    found: dict[str, str] = {}
    for ident in ids:
        keys = dict.fromkeys(
            key for key in map(alias_key, vocabulary.names_of(ident)) if key not in ("", ident)
        )
        if keys:
            found[ident] = " ".join(keys)
    return found


def script_json(value: object) -> str:
    """``value`` as JSON that is safe inside a <script> element: no ``<``, ``>`` or
    ``&``, so no ``</script>`` can end it early."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def names_json(
    partners: Sequence[str], orgs: Sequence[str], themes: Sequence[str], dataset: Dataset
) -> str:
    """The aliases of the page's choices, as JSON that is safe inside a <script> element
    (no ``<``, ``>`` or ``&``, so no ``</script>`` can end it early). The names are those
    kzfp's own lookup reads (query.partner_vocabulary and the others)."""
    kinds = {
        "partner": _aliases(partners, partner_vocabulary(dataset)),
        "org": _aliases(orgs, org_vocabulary(dataset)),
        "theme": _aliases(themes, theme_vocabulary(dataset)),
    }
    return script_json(kinds)


def _options(name: str, label: str, choices: Sequence[tuple[str, str]], lang: Language) -> str:
    options = "".join(
        f'<option value="{escape(value)}">{escape(text)}</option>' for value, text in choices
    )
    return (
        f'<label>{escape(label)}<select name="{name}">'
        f'<option value="">{escape(lang.gettext("All"))}</option>{options}</select></label>'
    )


def _licence(dataset: Dataset, lang: Language) -> str:
    """The footer that says which data the page shows and on what terms; a page of a
    user's own events only has none."""
    about = dataset.about
    if about is None:
        return ""
    link = f'<a href="{escape(about.license_url)}" rel="license">{escape(about.license)}</a>'
    words = lang.gettext("Data: kzfp {version}, reviewed {date}. Licence: {licence}.")
    text = escape(words).format(
        version=escape(about.version),
        date=escape(about.reviewed.display(lang.dates)),
        licence=link,
    )
    return f'<footer class="note">{text}</footer>'


def _event(event: Event, dataset: Dataset, lang: Language) -> str:
    _ = lang.gettext
    when = display_span(event.date, event.end_date, words=lang.dates)
    parts = [
        f'<li class="event" id="{escape(event.id)}"'
        f' data-partners="{escape(" ".join(event.partners))}"'
        f' data-orgs="{escape(" ".join(event.orgs))}"'
        f' data-themes="{escape(" ".join(event.themes))}"'
        f' data-from="{event.first.year}" data-to="{event.last.year}">',
        f'<a class="date" href="#{escape(event.id)}">'
        f'<time datetime="{escape(event.date.iso())}">{escape(when)}</time></a>',
        f"<h2>{escape(event.title)}</h2>",
    ]
    if event.summary:
        parts.append(f"<p>{escape(event.summary)}</p>")
    meta = []
    names = partner_names(event, dataset)
    if names:
        meta.append(f"{escape(_('Partners'))}: {escape(', '.join(names))}")
    if event.orgs:
        acronyms = ", ".join(dataset.orgs[o].acronym for o in event.orgs)
        meta.append(f"{escape(_('Organizations'))}: {escape(acronyms)}")
    if meta:
        parts.append(f'<p class="meta">{" · ".join(meta)}</p>')
    links = linked_sources(
        event,
        lang,
        lambda title, url: (
            f'<a href="{escape(percent_controls(url))}" rel="noreferrer">{escape(title)}</a>'
        ),
        escape,
    )
    if links:
        parts.append(f'<p class="sources">{escape(_("Sources"))}: {"; ".join(links)}</p>')
    if event.note:
        parts.append(f'<p class="note">{escape(_("Note"))}: {escape(event.note)}</p>')
    parts.append("</li>")
    return "".join(parts)


def timeline_html(events: Sequence[Event], dataset: Dataset, lang: Language) -> Iterator[str]:
    """The page, a piece at a time: an event at a time, between its head and its end."""
    _ = lang.gettext
    partners = sorted(
        {p for event in events for p in event.partners}, key=lambda p: dataset.partners[p].name
    )
    orgs = sorted(
        {o for event in events for o in event.orgs}, key=lambda o: dataset.orgs[o].acronym
    )
    themes = sorted({t for event in events for t in event.themes})
    years = sorted({y for event in events for y in range(event.first.year, event.last.year + 1)})
    labels = {
        "partner": _("Partner"),
        "org": _("Organization"),
        "theme": _("Theme"),
        "year": _("Year"),
    }
    form = "".join(
        [
            _options(
                "partner",
                labels["partner"],
                [(p, dataset.partners[p].name) for p in partners],
                lang,
            ),
            _options("org", labels["org"], [(o, dataset.orgs[o].acronym) for o in orgs], lang),
            _options("theme", labels["theme"], [(t, dataset.themes[t].name) for t in themes], lang),
            _options("year", labels["year"], [(str(y), str(y)) for y in years], lang),
            f'<label>{escape(_("Words"))}<input type="search" name="q"'
            f' placeholder="{escape(_("title, summary"))}"></label>',
        ]
    )
    script = (
        SCRIPT.replace("SHOWN_TEMPLATE", script_json(_("{shown} of {total} events")))
        .replace(
            "UNKNOWN_TEMPLATE",
            script_json(_("{filter}: “{value}” is not on this page, so it shows every event.")),
        )
        .replace("LABELS_MAP", script_json(labels))
    )
    heading = escape(title(lang))
    count = escape(_("{count} events").format(count=len(events)))
    yield f"""<!doctype html>
<html lang="{lang.code.value}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<title>{heading}</title>
<style>{STYLE}</style>
</head>
<body>
<h1>{heading}</h1>
<p class="lead">{escape(_("A timeline made with kzfp. Every event cites its sources."))}</p>
<form id="filters">{form}</form>
<p class="count" id="count">{count}</p>
<p class="problem" id="problem" role="status" hidden></p>
<ol id="timeline">
"""
    for number, event in enumerate(events):
        yield ("\n" if number else "") + _event(event, dataset, lang)
    yield f"""
</ol>
{_licence(dataset, lang)}
<script type="application/json" id="names">{names_json(partners, orgs, themes, dataset)}</script>
<script>{script}</script>
</body>
</html>
"""
