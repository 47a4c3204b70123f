"""Make text from outside (data files, what a user typed) safe to show on a terminal."""

from __future__ import annotations

import re

# C0 controls but tab and line feed, DEL, and C1: kept in the data, shown in caret notation.
_CONTROLS = r"\x00-\x08\x0b-\x1f\x7f-\x9f"
CONTROL = re.compile(f"[{_CONTROLS}]")

# Characters that change how the text around them is shown while showing nothing
# themselves: the bidirectional marks, embeddings, overrides and isolates, which reorder
# a line (U+202E makes "gpj.exe" read "exe.jpg"), and the zero-width characters, which
# make two different names look the same.
_INVISIBLE = "\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff"
_HIDDEN = re.compile(f"[{_CONTROLS}{_INVISIBLE}]")


def caret(text: str) -> str:
    """Show control characters harmlessly: C0 and DEL as ``^@``..``^_`` and ``^?`` (as
    ``cat -v`` and ``gh`` do), the C1 range, which some terminals also obey, as ``\\x9b``.
    Tabs and newlines stay."""
    return CONTROL.sub(_shown, text)


def visible(text: str) -> str:
    """Text as a person is shown it (tables, plain lines, Markdown, messages): controls in
    caret notation, as ``caret`` shows them, and bidirectional and zero-width characters
    by their code point, ``<U+202E>``, so that none acts unseen. Tabs and newlines stay."""
    return _HIDDEN.sub(_shown, text)


def _shown(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code <= 0x7F:
        return "^" + chr(code ^ 0x40)
    return f"\\x{code:02x}" if code <= 0x9F else f"<U+{code:04X}>"


# Markdown's markup characters: escaped with a backslash, each shows as itself. A dollar
# sign starts maths on GitHub; an ampersand is escaped where it starts an entity
# (&#8238; is U+202E, &lt; a bracket), which a lone one in "A & B" does not.
_MARKDOWN = re.compile(r"([\\`*_\[\]<>|#~$]|&(?=#|[A-Za-z0-9]+;))")


def markdown_text(text: str, *, line_break: str = " ") -> str:
    """Text that Markdown shows exactly as written, on one line: markup characters
    backslash-escaped (no link, image, HTML tag or emphasis comes of it), characters shown
    as ``visible`` shows them, and each line break written ``line_break``."""
    return line_break.join(_MARKDOWN.sub(r"\\\1", visible(text)).splitlines())


# CSV output guards cells a spreadsheet would run as a formula with a leading quote;
# reading a data file strips it again, so that data survives the round trip.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _looks_guarded(value: str) -> bool:
    # A formula start, after any number of quotes: so that a value that begins with a
    # quote of its own ('=1+1) gets one more, and reading it back takes exactly one off.
    return value.lstrip("'").startswith(FORMULA_STARTS)


def guard(value: str) -> str:
    """A cell a spreadsheet will show as text, never run as a formula. ``unguard`` gives
    the value back, whatever it is: the pair is the identity."""
    return "'" + value if _looks_guarded(value) else value


def unguard(value: str) -> str:
    """The value of a cell ``guard`` wrote (a cell it left alone is its own value)."""
    return value[1:] if value.startswith("'") and _looks_guarded(value[1:]) else value


# json.dumps escapes C0 controls; DEL and the C1 range it writes raw, and a terminal that
# shows the JSON obeys U+009B as ESC [. In JSON text these characters can only stand inside
# a string, so escaping them there keeps every value exactly what it was.
# Bidirectional and zero-width characters are escaped too, so that JSON read on a terminal
# shows them.
_JSON_RAW = re.compile(f"[\\x7f-\\x9f{_INVISIBLE}]")


def json_controls(encoded: str) -> str:
    """JSON text with DEL and C1 controls written ``\\u007f``..``\\u009f``, as json.dumps
    writes C0, and bidirectional and zero-width characters as ``\\u202e``: the same
    values, none of them raw."""
    return _JSON_RAW.sub(lambda match: f"\\u{ord(match.group()):04x}", encoded)


_URL_CONTROL = re.compile(r"[\x00-\x20\x7f-\x9f]")


def percent_controls(url: str) -> str:
    """An address with controls and spaces percent-encoded (as a browser sends them), so a
    link in a document never carries a raw control character."""
    return _URL_CONTROL.sub(
        lambda match: "".join(f"%{byte:02X}" for byte in match.group().encode("utf-8")), url
    )
