"""``export md`` carries what ``export html`` shows of each event: summary, partners,
organizations, sources and note, escaped with the one Markdown escaper."""

from __future__ import annotations

import html
import re

from curated import chronological, curated

from kzfp_cli.safe_text import markdown_text


def md(text: str) -> str:
    """Text as export md writes it: escaped, each run of white space one space."""
    return markdown_text(" ".join(text.split()))


def test_an_event_with_every_field_exactly(kzfp, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "e.csv").write_text(
        "id,date,title,summary,partners,orgs,sources,note\n"
        "x-2030,2030-05-04,Talks,Held *twice*.,russia;china,sco;un,A | https://e.x/a,"
        '"<b>x</b>\n [y](j:z)"\n'
        "y-2030,2030-06,Alone,,,,,\n",
        encoding="utf-8",
    )
    result = kzfp("export", "md", "--data", "e.csv", "--year", "2030")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "# Kazakhstan's foreign policy\n"
        "\n"
        "## 2030\n"
        "\n"
        "- **4 May 2030**: Talks. Held \\*twice\\*. _Partners: Russia, China · Organizations:"
        " SCO, UN._ Sources: [A](https://e.x/a). Note: \\<b\\>x\\</b\\> \\[y\\](j:z)\n"
        "- **Jun 2030**: Alone.\n"
    )


def test_every_event_carries_what_the_html_page_shows(kzfp):
    page = kzfp("export", "html").stdout
    lines = [line for line in kzfp("export", "md").stdout.splitlines() if line.startswith("- **")]
    items = re.findall(r'<li class="event"[^>]*>(.*?)</li>', page)
    assert len(items) == len(lines) == len(curated("events"))
    with_note = with_orgs = 0
    for row, item, line in zip(chronological(curated("events")), items, lines, strict=True):

        def shown(css_class: str, item: str = item) -> str | None:
            attribute = f' class="{css_class}"' if css_class else ""
            found = re.search(rf"<p{attribute}>(.*?)</p>", item)
            return html.unescape(found.group(1)) if found else None

        summary, meta, note = shown(""), shown("meta"), shown("note")
        assert (summary is None) == (row["summary"] == "")
        if summary:
            assert f". {md(summary)}" in line
        assert (f" _{md(meta)}._" in line) if meta else " _Partners" not in line
        if meta and "Organizations: " in meta:
            with_orgs += 1
        assert line.endswith(f" {md(note)}") if note else " Note: " not in line
        with_note += note is not None
        # Every source the page links is linked in the Markdown.
        for address in re.findall(r'<a href="([^"]*)"', item):
            assert f"]({html.unescape(address)})" in line.replace("%28", "(").replace("%29", ")")
    assert with_note and with_orgs  # the data has both, so this test can fail
