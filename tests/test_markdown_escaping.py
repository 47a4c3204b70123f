"""Markdown from kzfp, `--format md` and `export md` alike, shows text from the data as it
is written: no tag, link, image, entity or emphasis comes of it.

Both go through one escaper. Its output is rendered here by markdown-it-py (Rich's own
Markdown parser, with GitHub's tables and strikethrough), as a reader's Markdown viewer
would render it.
"""

from __future__ import annotations

import csv
import html
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from kzfp_cli.safe_text import markdown_text, visible

MARKDOWN = MarkdownIt("commonmark").enable(["table", "strikethrough"])

# Text a Markdown viewer would act on, each inside other text as it stands in a file.
HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[x](javascript:alert(1))",
    "![x](https://e.x/track.png)",
    "<https://e.x>",
    "&#8238;gpj.exe &lt;b&gt;",
    "*em* _em_ **strong** `code` ~~gone~~ $x$",
    "a | b \\| c",
    "# heading\n> quote\n- item",
    "<br>",
]
TEXTS = [f"x {text} y" for text in HOSTILE]
IDS = [f"m-{number}" for number in range(len(TEXTS))]

# What a rendered Markdown document may hold that the data did not put there: kzfp's own
# table, list, heading, bold and line breaks, and the links of its sources.
OWN_TAGS = re.compile(r"</?(table|thead|tbody|tr|th|td|p|ul|li|h1|h2|h3|strong|br)>|</a>")


def cell_html(cell: str) -> str:
    """The HTML of a one-cell Markdown table's body cell."""
    page = MARKDOWN.render(f"| h |\n| --- |\n| {cell} |\n")
    found = re.search(r"<td>(.*)</td>", page, re.S)
    assert found is not None, page
    return found.group(1)


def words(text: str) -> str:
    return " ".join(text.split())


# Markup characters, line breaks, controls and invisible characters, often; anything, too.
MARKUPISH = st.lists(
    st.one_of(
        st.sampled_from([*"<>[]()!*_`\\|#&;~$:/=\"' \n\r\t\u202e", "&#", "&lt;", "<br>", "](j:"]),
        st.characters(codec="utf-8"),
    )
).map("".join)


@given(MARKUPISH)
def test_a_table_cell_renders_as_the_text_itself(text):
    rendered = cell_html(markdown_text(text, line_break="<br>"))
    assert "<" not in rendered.replace("<br>", "")  # no tag of the data's own
    shown = html.unescape(rendered.replace("<br>", "\n"))
    assert words(shown) == words(visible(text))


@pytest.fixture
def hostile(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with open(tmp_path / "m.csv", "w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, quoting=csv.QUOTE_ALL, lineterminator="\n")
        writer.writerow(["id", "date", "title", "summary", "sources"])
        for ident, text in zip(IDS, TEXTS, strict=True):
            writer.writerow([ident, "2020", text, text, f"{text} | https://e.x/{ident}"])
    return tmp_path


def run(kzfp, *args: str) -> str:
    result = kzfp(*args, "--data", "m.csv", "--no-builtin")
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize(
    "command", [("timeline", "-f", "md"), ("event", "show", "m-0", "-f", "md"), ("export", "md")]
)
def test_rendered_markdown_holds_no_markup_from_the_data(kzfp, hostile, command):
    page = MARKDOWN.render(run(kzfp, *command))
    assert not OWN_TAGS.sub("", re.sub(r'<a href="https://e\.x/m-\d+">', "", page)).count("<")
    assert "javascript:" not in re.findall(r'href="([^"]*)"', page)
    assert "\u202e" not in page
    # Bold is kzfp's: an export's dates, nothing in a table.
    assert page.count("<strong>") == (len(TEXTS) if command[0] == "export" else 0)


def test_md_format_and_md_export_escape_alike(kzfp, hostile):
    table = run(kzfp, "timeline", "-f", "md")
    export = run(kzfp, "export", "md")
    for text in TEXTS:
        one_line = " ".join(text.split())
        assert markdown_text(one_line) in export
        assert markdown_text(text, line_break="<br>") in table
    assert "| x \\<script\\>alert(1)\\</script\\> y |" in table
    assert "**: x \\<script\\>alert(1)\\</script\\> y." in export
    assert "x \\[x\\](javascript:alert(1)) y" in table
    assert "x \\[x\\](javascript:alert(1)) y" in export
    assert "x \\&\\#8238;gpj.exe \\&lt;b\\&gt; y" in table
    assert "| x \\# heading<br>\\> quote<br>- item y |" in table
