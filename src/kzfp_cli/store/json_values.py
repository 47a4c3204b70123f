"""JSON text into its values, one at a time, each with the line it starts on: the items of
one array (``--format json``), or values one after another (``--format jsonl``, or the
objects ``jq`` prints). Read from blocks of whole lines (:func:`streams.texts`) through a
window that drops what has been decoded, so that memory holds a block and the value
being read, never the whole array.

A syntax error ends the file with one problem at its line, as a broken quote ends a CSV
file: what follows it cannot be placed.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator

from kzfp_cli.store.problems import Problems
from kzfp_cli.store.schema import MAX_CELL_CHARS
from kzfp_cli.store.streams import BLANK, ReadError, line_breaks

# The text of one value is read whole: room for every cell of an event at its limit.
_MAX_VALUE = 16 * MAX_CELL_CHARS
_NOT_BLANK = re.compile(f"[^{BLANK}]")


class Twice(dict[str, object]):
    """An object that names a key more than once (json would keep the last in silence):
    its keys and values, with the keys named again in ``twice``."""

    def __init__(self, pairs: list[tuple[str, object]]) -> None:
        super().__init__(pairs)
        counted = Counter(key for key, _ in pairs)
        self.twice = sorted(key for key, count in counted.items() if count > 1)


def _object(pairs: list[tuple[str, object]]) -> dict[str, object]:
    made = dict(pairs)
    return made if len(made) == len(pairs) else Twice(pairs)


_decode = json.JSONDecoder(object_pairs_hook=_object).raw_decode


class _Window:
    """The text not yet decoded, with the line each place of it is on. Places are asked
    for in order, front to back; reading on drops the lines before the place kept."""

    __slots__ = ("blocks", "counted", "ended", "error", "line", "text")

    def __init__(self, blocks: Iterator[str]) -> None:
        self.blocks = blocks
        self.text = ""
        self.counted = 0  # the place up to which line breaks are counted
        self.line = 1  # the line of that place
        self.error: ReadError | None = None
        self.ended = False

    def line_at(self, at: int) -> int:
        if at > self.counted:
            self.line += line_breaks(self.text, self.counted, at)
            self.counted = at
        return self.line

    def more(self, keep: int) -> int | None:
        """Read the next block, keeping the text from the start of the line of ``keep``:
        where ``keep`` is now, or None at the end of the stream (``error`` says if a
        ReadError ended it)."""
        if self.ended:
            return None
        try:
            block = next(self.blocks)
        except StopIteration:
            self.ended = True
            return None
        except ReadError as error:
            self.error, self.ended = error, True
            return None
        text = self.text
        start = max(text.rfind("\n", 0, keep), text.rfind("\r", 0, keep)) + 1
        if self.counted < start:
            self.line_at(start)
        self.counted -= start
        self.text = text[start:] + block
        return keep - start

    def next_value(self, at: int) -> int | None:
        """The place of the next character that is not white space, from ``at``; None at
        the end of the stream."""
        while True:
            found = _NOT_BLANK.search(self.text, at)
            if found is not None:
                return found.start()
            moved = self.more(len(self.text))
            if moved is None:
                return None
            at = moved

    def column(self, at: int) -> int:
        """The character of its line that ``at`` is, from 1."""
        text = self.text
        return at - max(text.rfind("\n", 0, at), text.rfind("\r", 0, at))


def values(label: str, blocks: Iterator[str], problems: Problems) -> Iterator[tuple[int, object]]:
    """The values of a JSON text with the line each starts on: the items of its array when
    it is one, else the values it holds one after another. When the first of those is on
    one line, the text is JSON lines: every value must then be on one line. Where the
    text cannot be read on from, one problem says why, and the values end."""
    window = _Window(blocks)
    try:
        yield from _read(window)
    except _Broken as broken:
        problems.add(label, window.line_at(broken.at), None, broken.message)
    except ReadError as error:
        problems.add(label, error.line, None, error.message)


def _read(window: _Window) -> Iterator[tuple[int, object]]:
    """What :func:`values` gives, ending with _Broken or ReadError where the text cannot
    be read on from."""
    at = window.next_value(0)
    if at is None:
        return
    array = window.text[at] == "["
    if array:
        at += 1
    one_a_line: bool | None = False if array else None
    after = ""  # in an array: "value" or "," when one was just read
    while True:
        found = window.next_value(at)
        if found is None:
            break
        at = found
        if array and (window.text[at] == "]" or after == "value"):
            if _closes(window, at, after):
                return
            at, after = at + 1, ","
            continue
        value, end, at = _value(window, at, one_line=bool(one_a_line))
        if one_a_line is None:
            one_a_line = not line_breaks(window.text, at, end)
        yield window.line_at(at), value
        at, after = end, "value"
    if window.error is not None:
        raise window.error
    if array:
        last = len(window.text.rstrip(BLANK))
        raise _Broken(last, "malformed JSON (the array is never closed: ']' is missing)")


def _closes(window: _Window, at: int, after: str) -> bool:
    """Whether the ``]`` or ``,`` at ``at``, after a value or a ``,`` (``after``), closes
    the array, which only white space may follow; False when it is a ``,`` that goes on
    to the next item."""
    char = window.text[at]
    if char == "]" and after != ",":
        found = window.next_value(at + 1)
        if found is not None:
            raise _Broken(found, _malformed(window, found, "more after the end of the array"))
        if window.error is not None:
            raise window.error
        return True
    if char == "," and after == "value":
        return False
    expected = "an item" if after == "," else "',' or ']'"
    raise _Broken(at, _malformed(window, at, f"expected {expected}, found {char!r}"))


class _Broken(Exception):
    """Where the text cannot be read on from, and the problem that says why."""

    def __init__(self, at: int, message: str) -> None:
        super().__init__(message)
        self.at = at
        self.message = message


# What Python's json module says, in kzfp's words: the module's own wording ("invalid
# control character at") is not shown to users.
_JSON_WORDS = {
    "Expecting value": "a value was expected",
    "Expecting property name enclosed in double quotes": "a key in double quotes was expected",
    "Expecting ',' delimiter": "a comma was expected",
    "Expecting ':' delimiter": "a colon was expected",
    "Unterminated string starting at": "a string is not closed",
    "Invalid control character at": "a control character inside a string; JSON escapes it",
    "Invalid \\escape": "a backslash escape JSON does not have",
    "Invalid \\uXXXX escape": "a \\u escape without four hexadecimal digits",
    "Extra data": "more text after the value",
    "Illegal trailing comma before end of object": "a comma before the object's end",
    "Illegal trailing comma before end of array": "a comma before the list's end",
}

_NOT_ONE_LINE = (
    "malformed JSON (the line ends before the object does; JSON lines hold one object a line)"
)


def _value(window: _Window, at: int, *, one_line: bool) -> tuple[object, int, int]:
    """The value that begins at ``at``, where it ends, and where it begins now (reading
    on moves places). Blocks end with a line, so a value cut by one fails to decode at
    the very end of the text: then the next block is read and it is decoded again."""
    while True:
        text = window.text
        try:
            value, end = _decode(text, at)
        except json.JSONDecodeError as error:
            cut = error.pos >= len(text) and not window.ended
            if one_line and (cut or line_breaks(text, at, error.pos)):
                raise _Broken(at, _NOT_ONE_LINE) from None
            if not cut:
                message = _JSON_WORDS.get(error.msg, "not JSON")
                raise _Broken(error.pos, _malformed(window, error.pos, message)) from None
            if len(text) - at > _MAX_VALUE:
                raise _Broken(
                    at,
                    f"a JSON value longer than {_MAX_VALUE:,} characters; is a bracket left open?",
                ) from None
            moved = window.more(at)
            if moved is None:
                if window.error is not None:
                    raise window.error from None
                continue  # the end of the stream: decoded once more, to say what is wrong
            at = moved
        except ValueError:  # what json leaves to int(): a number of more than 4,300 digits
            raise _Broken(at, "malformed JSON (a number too long to read)") from None
        except RecursionError:  # [[[[...
            raise _Broken(at, "malformed JSON (nested too deeply)") from None
        else:
            if one_line and line_breaks(text, at, end):
                raise _Broken(at, _NOT_ONE_LINE)
            return value, end, at


def _malformed(window: _Window, at: int, message: str) -> str:
    return f"malformed JSON ({message}, at character {window.column(at)})"
