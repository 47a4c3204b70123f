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
