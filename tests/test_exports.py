"""kzfp chart and the exports: TimelineJS, iCalendar, HTML and Markdown."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
from datetime import date, timedelta

import icalendar
import pytest
from browser import CHROMIUM, FLAGS, Page
from conftest import missing
from curated import cells, chronological, cited, curated


def hostile_csv(title: str = "<script>alert(1)</script> & co") -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "date", "title", "summary", "partners"])
    writer.writerow(["x-2020", "2020-05", title, "a|b *c*", "mars"])
    return out.getvalue()


HOSTILE = hostile_csv()


def with_org(org: str) -> list[str]:
    return [row["id"] for row in chronological(curated("events")) if org in cells(row, "orgs")]


# --- chart ---------------------------------------------------------------------------


TALKS = "iran;usa;russia;china;united-kingdom;france;germany;eu"
GERMANY = (
    "id,date,end_date,title,partners,orgs,themes\n"
    f"talks-1-2013,2013-02-26,2013-02-27,Talks,{TALKS},un;osce,nuclear;security\n"
    f"talks-2-2013,2013-04-05,2013-04-06,Talks,{TALKS},un,nuclear\n"
    "visit-2017,2017-07-11,2017-07-13,Visit,germany,,economy\n"
    "visit-2019,2019-12-05,2019-12-06,Visit,germany,,\n"
)


def test_chart_plain_when_piped(kzfp, monkeypatch, in_tmp):
    monkeypatch.setenv("COLUMNS", "80")
    (in_tmp / "g.csv").write_text(GERMANY, encoding="utf-8")
    run = kzfp("chart", "--lanes", "3", "--data", "g.csv", "--no-builtin")
    assert run.exit_code == 0
    assert [line.rstrip() for line in run.stdout.splitlines()] == [
        "4 events, 2013–2019, one lane per partner",
        "",
        "Germany        |  oo                                     o                    o",
        "China          |  oo",
        "European Union |  oo",
        "(others)       |  oo",
        "               +-+--------+--------+--------+-------+--------+--------+---------",
        "                 2013     2014     2015     2016    2017     2018     2019",
        "",
        "o event   === period   * several close together",
    ]


def test_chart_lanes_are_those_asked_for(kzfp, monkeypatch, in_tmp):
    # The talks name eight partners; asked for three, the chart draws those three, busiest
    # first, one with no event too, and no "(others)".
    monkeypatch.setenv("COLUMNS", "80")
    (in_tmp / "g.csv").write_text(GERMANY, encoding="utf-8")
    mine = ("--data", "g.csv", "--no-builtin")
    run = kzfp("chart", "--partner", "japan,china", "--partner", "germany", *mine)
    assert (run.exit_code, [line.rstrip() for line in run.stdout.splitlines()]) == (
        0,
        [
            "4 events, 2013–2019, one lane per partner",
            "",
            "Germany |   oo                                         o                      o",
            "China   |   oo",
            "Japan   |",
            "        +-+---------+---------+---------+--------+---------+---------+----------",
            "          2013      2014      2015      2016     2017      2018      2019",
            "",
            "o event   === period   * several close together",
        ],
    )
    # --lanes still caps them: the rest of those asked share one.
    capped = kzfp("chart", "--partner", "china,germany,iran", "--lanes", "1", *mine)
    assert [line.rstrip() for line in capped.stdout.splitlines()][2:4] == [
        "Germany  |  ==o                                        o                      o",
        "(others) |  ==o",
    ]


@pytest.mark.parametrize(
    ("args", "lanes"),
    [
        (("--org", "osce", "--by", "org"), ["OSCE"]),
        (("--theme", "economy,security", "--by", "theme"), ["Economy and tra~", "Security"]),
        # Asked for partners, drawn by organization: every organization's lane.
        (("--partner", "china", "--by", "org"), ["UN", "OSCE"]),
        (("--org", "osce", "--by", "partner", "--lanes", "1"), ["China", "(others)"]),
    ],
)
def test_chart_lanes_of_the_kind_asked_for(kzfp, in_tmp, args, lanes):
    (in_tmp / "g.csv").write_text(GERMANY, encoding="utf-8")
    run = kzfp("chart", *args, "--data", "g.csv", "--no-builtin")
    labels = [line.split("|")[0].rstrip() for line in run.stdout.splitlines()[2:] if "|" in line]
    assert (run.exit_code, labels) == (0, lanes)


def test_chart_bars_for_periods_and_unicode_with_colour(kzfp, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("FORCE_COLOR", "1")
    text = kzfp("chart", "--org", "un", "--by", "org").stdout
    plain = re.sub(r"\x1b\[[0-9;]*m", "", text)
    lane = next(line for line in plain.splitlines() if line.startswith("UN "))
    assert "━" in lane and "●" in lane
    assert "\x1b[36m━\x1b[0m" in text


def test_chart_fits_the_width(kzfp, monkeypatch):
    for width in (60, 80, 120):
        monkeypatch.setenv("COLUMNS", str(width))
        lines = kzfp("chart").stdout.splitlines()
        assert max(len(line) for line in lines) <= width


def test_chart_errors_and_empty(kzfp):
    bad = kzfp("chart", "--by", "year")
    assert (bad.exit_code, bad.stderr) == (
        2,
        "kzfp: error: Invalid value for '--by': 'year' is not one of 'partner', 'org', "
        "'theme'. (see 'kzfp chart --help')\n",
    )
    empty = kzfp("chart", "--search", "nothing matches this")
    assert (empty.exit_code, empty.stdout, empty.stderr) == (
        0,
        "",
        "No events match these filters.\n",
    )


# --- TimelineJS ------------------------------------------------------------------------


def test_timelinejs_json(kzfp):
    document = json.loads(kzfp("export", "timelinejs", "--org", "osce").stdout)
    assert document["title"]["text"]["headline"] == "Kazakhstan&#x27;s foreign policy"
    slides = {slide["unique_id"]: slide for slide in document["events"]}
    assert list(slides) == with_org("osce")
    assert slides["osce-astana-summit-2010"]["start_date"] == {
        "year": "2010",
        "month": "12",
        "day": "1",
        "display_date": "1 Dec 2010",
    }
    assert slides["osce-astana-summit-2010"]["end_date"]["day"] == "2"
    assert slides["osce-astana-summit-2010"]["display_date"] == "1–2 Dec 2010"
    assert slides["osce-chairmanship-2010"]["display_date"] == "2010"
    assert "group" not in slides["csce-becomes-osce-1995"]  # grouped only with --group-by
    (first_source, *_) = cited(
        next(row for row in curated("events") if row["id"] == "csce-becomes-osce-1995")
    )
    link = f'<a href="{first_source["url"]}">{first_source["title"]}</a>'
    assert link in slides["csce-becomes-osce-1995"]["text"]["text"]


def a_year_event_with_an_org() -> dict[str, str]:
    """A curated event dated only to a year that names an organization."""
    return next(row for row in curated("events") if len(row["date"]) == 4 and cells(row, "orgs"))


def test_timelinejs_keeps_true_precision(kzfp):
    event = a_year_event_with_an_org()
    org = cells(event, "orgs")[0]
    slides = json.loads(kzfp("export", "timelinejs", "--org", org).stdout)["events"]
    (slide,) = [slide for slide in slides if slide["unique_id"] == event["id"]]
    assert slide["start_date"] == {"year": event["date"], "display_date": event["date"]}


def test_timelinejs_escapes_every_text(kzfp, in_tmp):
    (in_tmp / "h.csv").write_text(HOSTILE, encoding="utf-8")
    text = kzfp("export", "timelinejs", "--data", "h.csv", "--no-builtin").stdout
    assert "<script>" not in text
    slide = json.loads(text)["events"][0]
    assert slide["text"]["headline"] == "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"


def test_timelinejs_sheet_has_the_18_template_columns(kzfp):
    rows = list(
        csv.reader(io.StringIO(kzfp("export", "timelinejs", "--sheet", "--org", "wto").stdout))
    )
    assert rows[0] == [
        "Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time",
        "Display Date", "Headline", "Text", "Media", "Media Credit", "Media Caption",
        "Media Thumbnail", "Type", "Group", "Background",
    ]  # fmt: skip
    assert all(len(row) == 18 for row in rows)
    assert rows[1][15] == "title"
    assert len(rows) == 2 + len(with_org("wto"))  # the header, the title slide, the events
    (member,) = [row for row in rows if row[9] == "Kazakhstan becomes a WTO member"]
    assert member[:3] == ["2015", "11", "30"]
    assert member[8] == "30 Nov 2015"


def test_timelinejs_sheet_cells_are_text_and_only_text_is_html(kzfp, in_tmp):
    (in_tmp / "q.csv").write_text(
        hostile_csv('Kazakhstan\'s <b>ties</b> & "trade"'), encoding="utf-8"
    )
    sheet = kzfp("export", "timelinejs", "--sheet", "--data", "q.csv", "--no-builtin")
    header, heading, row = csv.reader(io.StringIO(sheet.stdout))
    cell = dict(zip(header, row, strict=True))
    assert heading[header.index("Headline")] == "Kazakhstan's foreign policy"
    assert cell["Headline"] == 'Kazakhstan\'s <b>ties</b> & "trade"'
    assert cell["Text"] == "<p>a|b *c*</p><p>Partners: mars</p>"  # the one HTML column
    built_in = list(csv.reader(io.StringIO(kzfp("export", "timelinejs", "--sheet").stdout)))
    headlines = [row[header.index("Headline")] for row in built_in[1:]]
    assert headlines[1:] == [row["title"] for row in chronological(curated("events"))]
    assert any("'" in headline for headline in headlines)  # so this test can fail


# --- iCalendar -------------------------------------------------------------------------


def test_ics_lines_end_in_crlf_and_fold_at_75_octets(kzfp_bin, in_tmp):
    raw = subprocess.run(
        [kzfp_bin, "export", "ics", "--org", "un"], capture_output=True, check=True
    ).stdout
    lines = raw.split(b"\r\n")
    assert lines[-1] == b"" and b"\n" not in b"".join(lines)
    assert max(len(line) for line in lines) == 75
    assert any(line.startswith(b" ") for line in lines)


def test_ics_parses_with_all_day_events_and_exclusive_ends(kzfp):
    calendar = icalendar.Calendar.from_ical(kzfp("export", "ics", "--org", "un").stdout)
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    term = events["unsc-term-2017@kzfp.invalid"]
    assert term["DTSTART"].dt == date(2017, 1, 1)
    assert term["DTEND"].dt == date(2017, 1, 2)  # two years: on its first day alone
    assert term["DTSTART"].params["VALUE"] == "DATE"
    assert str(term["SUMMARY"]) == "Kazakhstan sits on the UN Security Council (2017–2018)"
    assert str(term["DESCRIPTION"]).startswith("Covers: 2017–2018\nKazakhstan served")
    membership = events["un-membership-1992@kzfp.invalid"]
    assert (membership["DTSTART"].dt, membership["DTEND"].dt) == (
        date(1992, 3, 2),
        date(1992, 3, 3),
    )
    assert str(membership["SUMMARY"]) == "Kazakhstan admitted to the United Nations"


def test_ics_is_reproducible_and_year_events_are_on_their_first_day(kzfp):
    event = a_year_event_with_an_org()
    org = cells(event, "orgs")[0]
    first = kzfp("export", "ics", "--org", org).stdout
    assert first == kzfp("export", "ics", "--org", org).stdout
    calendar = icalendar.Calendar.from_ical(first)
    found = next(
        e for e in calendar.walk("VEVENT") if str(e["UID"]) == f"{event['id']}@kzfp.invalid"
    )
    year = int(event["date"])
    assert (found["DTSTART"].dt, found["DTEND"].dt) == (date(year, 1, 1), date(year, 1, 2))
    assert str(found["SUMMARY"]) == f"{event['title']} ({year})"


def days_of(row: dict[str, str]) -> tuple[date, date]:
    """The first and the last day an event of the data covers, read from its dates."""

    def bounds(text: str) -> tuple[date, date]:
        parts = [int(part) for part in text.split("-")]
        if len(parts) == 3:
            return date(*parts), date(*parts)
        if len(parts) == 2:
            after = date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
            return date(parts[0], parts[1], 1), after - timedelta(days=1)
        return date(parts[0], 1, 1), date(parts[0], 12, 31)

    return bounds(row["date"])[0], bounds(row["end_date"] or row["date"])[1]


def test_ics_spans_a_week_at_most_and_states_a_longer_span(kzfp):
    calendar = icalendar.Calendar.from_ical(kzfp("export", "ics").stdout)
    entries = {str(e["UID"]).removesuffix("@kzfp.invalid"): e for e in calendar.walk("VEVENT")}
    rows = curated("events")
    long_ones = short_spans = 0
    for row in rows:
        entry, (first, last) = entries[row["id"]], days_of(row)
        shown = (entry["DTEND"].dt - entry["DTSTART"].dt).days
        assert entry["DTSTART"].dt == first
        summary, description = str(entry["SUMMARY"]), str(entry["DESCRIPTION"])
        if (last - first).days + 1 > 7:
            long_ones += 1
            assert shown == 1
            assert summary.startswith(row["title"] + " (") and summary.endswith(")")
            span = summary.removeprefix(row["title"] + " (")[:-1]
            assert description.startswith(f"Covers: {span}\n" if row["summary"] else span)
        else:
            short_spans += shown > 1
            assert (shown, summary) == ((last - first).days + 1, row["title"])
    assert long_ones and short_spans  # the data has both, so this test can fail


def test_ics_states_the_span_in_the_language_asked(kzfp):
    calendar = icalendar.Calendar.from_ical(
        kzfp("export", "ics", "--org", "un", "--lang", "ru").stdout
    )
    (term,) = [e for e in calendar.walk("VEVENT") if str(e["UID"]).startswith("unsc-term-2017@")]
    assert str(term["SUMMARY"]).endswith(" (2017–2018)")
    assert str(term["DESCRIPTION"]).startswith("Период: 2017–2018\n")


def test_ics_anniversaries_repeat_single_days_only(kzfp):
    calendar = icalendar.Calendar.from_ical(
        kzfp("export", "ics", "--org", "osce", "--anniversaries").stdout
    )
    repeating = sorted(str(e["UID"]) for e in calendar.walk("VEVENT") if "RRULE" in e)
    single_days = [
        row["id"]
        for row in curated("events")
        if "osce" in cells(row, "orgs")
        and len(row["date"]) == len("2000-01-01")
        and row["end_date"] in ("", row["date"])
    ]
    assert "csce-becomes-osce-1995" in single_days
    assert "osce-chairmanship-2010" not in single_days  # a year, not a day
    assert repeating == sorted(f"{ident}@kzfp.invalid" for ident in single_days)


def test_ics_escapes_text(kzfp, in_tmp):
    (in_tmp / "h.csv").write_text(
        hostile_csv("<script>alert(1)</script> a; b, c"), encoding="utf-8"
    )
    calendar = icalendar.Calendar.from_ical(
        kzfp("export", "ics", "--data", "h.csv", "--no-builtin").stdout
    )
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "<script>alert(1)</script> a; b, c (May 2020)"  # a month


# --- Markdown ------------------------------------------------------------------------


def test_markdown_groups_by_year(kzfp):
    text = kzfp("export", "md", "--org", "wto").stdout
    years = sorted({row["date"][:4] for row in curated("events") if "wto" in cells(row, "orgs")})
    assert text.splitlines()[:4] == ["# Kazakhstan's foreign policy", "", f"## {years[0]}", ""]
    assert [line[3:] for line in text.splitlines() if line.startswith("## ")] == years
    assert "- **27 Jul 2015**: WTO General Council approves Kazakhstan's accession." in text
    assert "[Kazakhstan – accessions](https://www.wto.org/" in text
    assert "/a1_kazakhstan_e.htm) (World Trade Organization)" in text


def test_markdown_link_targets_survive_parentheses(kzfp, in_tmp):
    row = "x-2020,2020,T,Page | https://example.org/a_(b)\n"
    (in_tmp / "p.csv").write_text("id,date,title,sources\n" + row, encoding="utf-8")
    text = kzfp("export", "md", "--data", "p.csv", "--no-builtin").stdout
    assert "[Page](https://example.org/a_%28b%29)" in text


def test_markdown_escapes(kzfp, in_tmp):
    (in_tmp / "h.csv").write_text(HOSTILE, encoding="utf-8")
    text = kzfp("export", "md", "--data", "h.csv", "--no-builtin").stdout
    assert "\\<script\\>alert(1)\\</script\\> & co" in text
    assert "a\\|b \\*c\\*" in text


# --- HTML ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "Data: kzfp {version}, reviewed {day}. Licence: {link}."),
        ("ru", "Данные: kzfp {version}, проверены {day}. Лицензия: {link}."),
    ],
)
def test_html_names_the_version_and_the_licence_of_the_data(kzfp, lang, words):
    about = kzfp("about", "-f", "json", "--lang", lang).json()
    shown = kzfp("about", "-f", "plain", "--lang", lang).stdout.splitlines()
    day = shown[1].split("\t")[1]  # the review day, as the language writes it
    page = kzfp("export", "html", "--org", "wto", "--lang", lang).stdout
    link = f'<a href="{about["license_url"]}" rel="license">{about["license"]}</a>'
    expected = words.format(version=about["version"], day=day, link=link)
    assert f'<footer class="note">{expected}</footer>' in page


def test_html_is_self_contained_and_escaped(kzfp, in_tmp):
    (in_tmp / "h.csv").write_text(HOSTILE, encoding="utf-8")
    page = kzfp("export", "html", "--data", "h.csv").stdout
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in page
    assert "<script>alert(1)" not in page
    assert page.count("<script>") == 1  # the page's own filter script
    for external in ("<link", "src=", "@import", "url(", "@font-face"):
        assert external not in page
    assert "default-src 'none'" in page
    assert page.count('<li class="event"') == len(curated("events")) + 1


def render_in_browser(path, fragment: str = "") -> str:
    if CHROMIUM is None:
        missing("chromium is needed to check the HTML export; .ci/run installs it")
    profile = path.parent / "profile"
    flags = [*FLAGS, f"--user-data-dir={profile}"]
    url = path.resolve().as_uri() + fragment
    result = subprocess.run(
        [CHROMIUM, *flags, "--dump-dom", url], capture_output=True, text=True, timeout=120
    )
    return result.stdout


@pytest.mark.slow
def test_html_renders_and_filters_in_a_real_browser(kzfp, in_tmp):
    page = in_tmp / "timeline.html"
    assert kzfp("export", "html", "--output", str(page)).exit_code == 0
    dom = render_in_browser(page)
    events = chronological(curated("events"))
    assert dom.count('<li class="event"') == len(events)
    assert f'id="count">{len(events)} of {len(events)} events<' in dom
    filtered = render_in_browser(page, "#org=un&year=2018")
    # An event shows under a year its period overlaps.
    expected = [
        row["id"]
        for row in events
        if "un" in cells(row, "orgs")
        and row["date"][:4] <= "2018" <= (row["end_date"] or row["date"])[:4]
    ]
    assert "unsc-presidency-2018" in expected and "unsc-term-2017" in expected
    assert f'id="count">{len(expected)} of {len(events)} events<' in filtered
    shown = re.findall(r'<li class="event" id="([^"]+)"(?![^>]*hidden)[^>]*>', filtered)
    assert shown == expected


@pytest.mark.slow
def test_html_reads_aliases_and_words_in_a_real_browser(kzfp, in_tmp):
    page = in_tmp / "timeline.html"
    assert kzfp("export", "html", "--output", str(page)).exit_code == 0
    events = chronological(curated("events"))
    with_words = [
        row["id"]
        for row in events
        if "russia" in cells(row, "partners")
        and all(w in (row["title"] + " " + row["summary"]).lower() for w in ("border", "treaty"))
    ]
    assert with_words  # the data has such events, so this test can fail
    dom = render_in_browser(page, "#partner=%D0%A0%D0%BE%D1%81%D1%81%D0%B8%D1%8F&q=Border+TREATY")
    shown = re.findall(r'<li class="event" id="([^"]+)"(?![^>]*hidden)[^>]*>', dom)
    assert shown == with_words
    assert f'id="count">{len(with_words)} of {len(events)} events<' in dom
    assert '<input type="search" name="q"' in dom


def test_every_event_of_the_page_is_an_anchor_its_date_links_to(kzfp):
    page = kzfp("export", "html").stdout
    anchors = re.findall(
        r'<li class="event" id="([^"]+)"[^>]*><a class="date" href="#([^"]+)">', page
    )
    assert [ident for ident, _ in anchors] == [
        row["id"] for row in chronological(curated("events"))
    ]
    assert all(ident == target for ident, target in anchors)


@pytest.mark.slow
def test_a_link_to_an_event_opens_the_page_there_in_a_real_browser(kzfp, in_tmp):
    page = in_tmp / "timeline.html"
    assert kzfp("export", "html", "--output", str(page)).exit_code == 0
    event = "wto-membership-2015"
    where = f"document.getElementById('{event}').getBoundingClientRect().top"
    with Page(page.resolve().as_uri() + f"#{event}", in_tmp / "profile") as browser:
        assert browser.evaluate("location.hash") == f"#{event}"
        assert browser.evaluate("scrollY") > 0
        assert abs(browser.evaluate(where)) < 1  # at the top of the window
        browser.evaluate(
            "(() => { const form = document.getElementById('filters');"
            " form.year.value = '2015'; form.dispatchEvent(new Event('change')); })()"
        )
        assert browser.evaluate("location.hash") == f"#year=2015&{event}"
    with Page(page.resolve().as_uri() + f"#org=wto&{event}", in_tmp / "profile") as browser:
        assert browser.evaluate("document.getElementById('filters').org.value") == "wto"
        assert 0 <= browser.evaluate(where) < browser.evaluate("innerHeight")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("en", "Partner: “nosuch” is not on this page, so it shows every event."),
        ("ru", "Партнёр: «nosuch» нет на этой странице, поэтому показаны все события."),
    ],
)
def test_an_unknown_filter_in_the_address_is_said_in_a_real_browser(kzfp, in_tmp, lang, message):
    page = in_tmp / "timeline.html"
    assert kzfp("export", "html", "--lang", lang, "--output", str(page)).exit_code == 0
    with Page(page.resolve().as_uri() + "#partner=nosuch", in_tmp / "profile") as browser:
        problem = "document.getElementById('problem')"
        assert browser.evaluate(f"{problem}.innerText") == message
        assert browser.evaluate(f"{problem}.getBoundingClientRect().height") > 0  # visible
        shown = "document.querySelectorAll('li.event:not([hidden])').length"
        assert browser.evaluate(shown) == len(curated("events"))
        # A good address later clears it.
        browser.evaluate("location.hash = '#partner=russia'")
        browser.wait_for(f"{problem}.hidden")


# --- output files --------------------------------------------------------------------


def test_exports_write_files_and_never_overwrite_by_accident(kzfp, in_tmp):
    assert kzfp("export", "md", "-o", "out.md", "--org", "wto").exit_code == 0
    first = (in_tmp / "out.md").read_text(encoding="utf-8")
    assert first.startswith("# Kazakhstan's foreign policy")
    again = kzfp("export", "md", "-o", "out.md")
    assert (again.exit_code, again.stderr) == (
        2,
        "kzfp: error: out.md already exists; add --force to overwrite it\n",
    )
    assert (in_tmp / "out.md").read_text(encoding="utf-8") == first
    assert kzfp("export", "md", "-o", "out.md", "--force").exit_code == 0
    assert (in_tmp / "out.md").read_text(encoding="utf-8") != first
    assert sorted(p.name for p in in_tmp.iterdir()) == ["out.md"]  # no temporary left


def test_export_to_an_unwritable_place(kzfp, in_tmp):
    run = kzfp("export", "ics", "-o", "missing-dir/cal.ics")
    assert (run.exit_code, run.stderr) == (
        4,
        "kzfp: error: missing-dir/cal.ics: cannot write (No such file or directory)\n",
    )


@pytest.mark.parametrize("kind", ["timelinejs", "ics", "html", "md"])
def test_every_export_takes_the_timeline_filters(kzfp, kind):
    text = kzfp("export", kind, "--partner", "germany", "--year", "2017").stdout
    assert "Steinmeier" in text
    assert "Tokayev visits Berlin" not in text
