"""Make text from outside (data files, what a user typed) safe to show on a terminal."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def caret(text: str) -> str:
    """Show control characters harmlessly: C0 and DEL as ``^@``..``^_`` and ``^?`` (as
    ``cat -v`` and ``gh`` do), the C1 range, which some terminals also obey, as ``\\x9b``.
    Tabs and newlines stay."""
    return _CONTROL.sub(_visible, text)


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return "^" + chr(code ^ 0x40) if code <= 0x7F else f"\\x{code:02x}"


# CSV output guards cells a spreadsheet would run as a formula with a leading quote;
# reading a data file strips it again, so that data survives the round trip.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def guard(value: str) -> str:
    """A cell a spreadsheet will show as text, never run as a formula."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


# json.dumps escapes C0 controls; DEL and the C1 range it writes raw, and a terminal that
# shows the JSON obeys U+009B as ESC [. In JSON text these characters can only stand inside
# a string, so escaping them there keeps every value exactly what it was.
_JSON_RAW = re.compile(r"[\x7f-\x9f]")


def json_controls(encoded: str) -> str:
    """JSON text with DEL and C1 controls written ``\\u007f``..``\\u009f``, as json.dumps
    writes C0: the same values, none of them raw."""
    return _JSON_RAW.sub(lambda match: f"\\u{ord(match.group()):04x}", encoded)


_URL_CONTROL = re.compile(r"[\x00-\x20\x7f-\x9f]")


def percent_controls(url: str) -> str:
    """An address with controls and spaces percent-encoded (as a browser sends them), so a
    link in a document never carries a raw control character."""
    return _URL_CONTROL.sub(
        lambda match: "".join(f"%{byte:02X}" for byte in match.group().encode("utf-8")), url
    )
