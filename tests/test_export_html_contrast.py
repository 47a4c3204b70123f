"""The HTML export meets WCAG AA contrast: 4.5:1 for every text colour against the
background it stands on, in light mode and in dark mode (prefers-color-scheme).

The ratios are computed from the CSS the page declares (relative luminance, WCAG 2.x), so
that a colour changed later which breaks contrast fails here.
"""

from __future__ import annotations

import re

import pytest

AA_TEXT = 4.5
DARK = re.compile(r"@media \(prefers-color-scheme: dark\) \{\s*:root \{([^}]*)\}\s*\}")


@pytest.fixture(scope="module")
def css() -> str:
    from typer.testing import CliRunner

    from kzfp_cli.cli import app

    page = CliRunner().invoke(app, ["export", "html"], prog_name="kzfp").stdout
    found = re.search(r"<style>(.*?)</style>", page, re.S)
    assert found is not None
    return found.group(1)


def luminance(colour: str) -> float:
    """Relative luminance of an sRGB colour written #rgb or #rrggbb (WCAG 2.x)."""
    digits = colour.removeprefix("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    assert re.fullmatch(r"[0-9a-fA-F]{6}", digits), f"not a colour this test reads: {colour}"
    channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(one: str, other: str) -> float:
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def declarations(block: str) -> dict[str, str]:
    return {k: v.strip() for k, v in re.findall(r"(--[\w-]+|[\w-]+)\s*:\s*([^;{}]+)", block)}


def palettes(css: str) -> dict[str, dict[str, str]]:
    """The custom properties of light mode (the first :root) and of dark mode (light's,
    with the dark :root over them)."""
    light = declarations(re.search(r":root \{([^}]*)\}", css).group(1))  # type: ignore[union-attr]
    dark = DARK.search(css)
    assert dark is not None, "the page declares no colours for dark mode"
    return {"light": light, "dark": {**light, **declarations(dark.group(1))}}


def rules(css: str) -> list[tuple[str, dict[str, str]]]:
    """Every rule outside :root: its selector and declarations."""
    body = DARK.sub("", css)
    return [
        (selector.strip(), declarations(block))
        for selector, block in re.findall(r"([^{}]+)\{([^{}]*)\}", body)
        if selector.strip() != ":root"
    ]


def resolve(value: str, palette: dict[str, str]) -> str:
    found = re.fullmatch(r"var\((--[\w-]+)\)", value)
    return palette[found.group(1)] if found else value


def text_pairs(css: str, mode: str) -> list[tuple[str, str, str]]:
    """(selector, text colour, background) for every rule that sets a text colour: its
    own background where it sets one, else the page's."""
    palette = palettes(css)[mode]
    page = dict(rules(css))["body"]
    pairs = []
    for selector, declared in rules(css):
        if "color" in declared:
            background = declared.get("background", page["background"])
            pairs.append(
                (selector, resolve(declared["color"], palette), resolve(background, palette))
            )
    return pairs


def test_the_page_sets_its_own_text_and_background_colours(css):
    # Without these the browser's defaults would stand, which this test cannot see.
    body = dict(rules(css))["body"]
    assert (body["color"], body["background"]) == ("var(--fg)", "var(--bg)")
    assert "color-scheme: light dark" in css
    # Every colour is one of the declared custom properties, set for both modes.
    literal = re.findall(
        r"#[0-9a-fA-F]{3,8}\b", DARK.sub("", re.sub(r":root \{[^}]*\}", "", css, count=1))
    )
    assert literal == []


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_every_text_colour_meets_wcag_aa(css, mode):
    pairs = text_pairs(css, mode)
    selectors = {selector for selector, _, _ in pairs}
    # Grey text, links and dates are among the pairs checked.
    assert {"body", "a", ".date", ".meta, .sources, .note", ".lead, .count"} <= selectors
    low = [(s, fg, bg, round(ratio(fg, bg), 2)) for s, fg, bg in pairs if ratio(fg, bg) < AA_TEXT]
    assert low == []


def test_the_contrast_arithmetic():
    # WCAG's own extremes and a known pair: #767676 on white is 4.54:1.
    assert round(ratio("#000", "#fff"), 2) == 21.0
    assert ratio("#777777", "#777") == 1.0
    assert round(ratio("#767676", "#ffffff"), 2) == 4.54
    assert ratio("#777777", "#ffffff") < AA_TEXT
