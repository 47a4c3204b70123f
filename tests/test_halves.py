"""The file mechanics of reading a large file in two halves (kzfp_cli.halves)."""

from __future__ import annotations

import os
import re
import signal
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kzfp_cli import halves


@pytest.fixture
def small_chunks(monkeypatch):
    # Chunks of a few bytes, so that CR LF pairs fall across chunk ends.
    monkeypatch.setattr(halves, "_CHUNK", 3)


@settings(max_examples=200, deadline=None)
@given(data=st.text(alphabet="ab\r\n", max_size=30).map(str.encode), chunk=st.integers(1, 5))
def test_line_numbers_and_offsets_count_breaks_as_text_reading_does(tmp_path_factory, data, chunk):
    path = tmp_path_factory.mktemp("lines") / "f.csv"
    path.write_bytes(data)
    saved, halves._CHUNK = halves._CHUNK, chunk
    try:
        # Reading as text (newline="") gives the lines, and so where each begins.
        lines = data.decode().splitlines(keepends=True) if data else []
        starts = [sum(len(line) for line in lines[:number]) for number in range(len(lines))]
        for number, start in enumerate(starts, start=1):
            assert halves.line_offset(str(path), number) == start
            assert halves.lines_before(str(path), start) == number - 1
        assert halves.line_offset(str(path), len(lines) + 5) == len(data)
        assert halves.lines_before(str(path), len(data)) == len(re.findall(rb"\r\n|\r|\n", data))
    finally:
        halves._CHUNK = saved


def test_a_cr_lf_across_a_chunk_end_is_one_break(tmp_path, small_chunks):
    path = tmp_path / "f.csv"
    path.write_bytes(b"ab\r\ncd\re\n")  # the first chunk ends between CR and LF
    assert [halves.line_offset(str(path), line) for line in (1, 2, 3, 4)] == [0, 4, 7, 9]
    assert [halves.lines_before(str(path), at) for at in (0, 4, 7, 9)] == [0, 1, 2, 3]


def test_the_split_point_starts_the_line_after_the_cut(tmp_path, monkeypatch):
    monkeypatch.setattr(halves, "SPLIT_MIN", 10)
    path = tmp_path / "f.csv"
    path.write_bytes(b"id,date\na,2015\nbb,2016\nccc,2017\n")  # 32 bytes, cut at 17
    assert halves.split_point(str(path)) == 23  # after "bb,2016\n"
    path.write_bytes(b"id,date\r" + b"x" * 30 + b"\r")  # no line feed past the middle
    assert halves.split_point(str(path)) is None
    path.write_bytes(b"id,date\n")  # too small
    assert halves.split_point(str(path)) is None
    assert halves.split_point(str(tmp_path)) is None  # not a regular file
    assert halves.split_point(str(tmp_path / "missing.csv")) is None


def test_text_between_reads_a_range_and_drops_a_bom_only_at_the_start(tmp_path):
    path = tmp_path / "f.csv"
    path.write_bytes("\ufeffid\r\nä,b\nc\n".encode())
    with halves.text_between(str(path), 0, None) as text:
        assert text.read() == "id\r\nä,b\nc\n"
    with halves.text_between(str(path), 0, 7) as text:
        assert text.read() == "id\r\n"
    with halves.text_between(str(path), 7, 12) as text:
        assert text.read() == "ä,b\n"


def test_a_child_sends_its_parts_or_none_when_it_fails():
    sent = halves.Child(lambda: ["a", ("b", 1, None), b"c"]).parts()
    assert sent is not None and list(sent) == ["a", ("b", 1, None), b"c"]
    assert list(halves.Child(list).parts() or ["failed"]) == []
    assert halves.Child(lambda: [1 / 0]).parts() is None
    assert halves.Child(lambda: [object()]).parts() is None  # not plain data
    stopped = halves.Child(lambda: ["never read"])
    stopped.stop()
    with pytest.raises(ChildProcessError):
        os.waitpid(stopped.pid, 0)  # reaped: no zombie is left behind


def test_a_streaming_child_sends_each_part_as_it_is_made(tmp_path):
    # The child makes its second part only once this process has taken the first; a
    # child that made every part first would wait for the mark in vain, then say so.
    mark = tmp_path / "taken"

    def work():
        yield "first"
        deadline = time.monotonic() + 5
        while not mark.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        yield "after the first was taken" if mark.exists() else "made before"

    sent = halves.Child(work, stream=True).parts()
    assert sent is not None and next(sent) == "first"
    mark.touch()
    assert list(sent) == ["after the first was taken"]


def test_a_streaming_child_that_fails_after_a_part_is_reported_at_the_end():
    def work():
        yield "sent"
        raise RuntimeError("the child fails")

    sent = halves.Child(work, stream=True).parts()
    assert sent is not None and next(sent) == "sent"
    with pytest.raises(ChildProcessError):
        next(sent)


def test_a_part_cut_short_by_the_childs_end_is_a_failure():
    # The pipe holds only part of this part: the child is still writing it when it dies.
    child = halves.Child(lambda: ["x" * 1_000_000], stream=True)
    sent = child.parts()
    assert sent is not None
    os.kill(child.pid, signal.SIGKILL)
    with pytest.raises(ChildProcessError):
        next(sent)


def test_pieces_come_in_order_from_both_halves(monkeypatch):
    monkeypatch.setattr(halves, "SPLIT_ITEMS", 4)
    monkeypatch.setattr(halves, "PIECE", 3)
    monkeypatch.setattr(halves, "two_cores", lambda: True)

    def work(items):
        return f"{os.getpid()}:" + "".join(items) + "|"

    texts = list(halves.pieces(list("abcdefghij"), work))
    assert [text.split(":")[1] for text in texts] == ["abc|", "de|", "fgh|", "ij|"]
    makers = [int(text.split(":")[0]) for text in texts]
    assert makers[:2] == [os.getpid()] * 2 and os.getpid() not in makers[2:]  # a child
    assert list(halves.pieces(list("abc"), work)) == [f"{os.getpid()}:abc|"]  # too few


def test_pieces_do_the_childs_half_here_when_the_child_fails(monkeypatch):
    monkeypatch.setattr(halves, "SPLIT_ITEMS", 2)
    monkeypatch.setattr(halves, "two_cores", lambda: True)
    parent = os.getpid()

    def work(items):
        if os.getpid() != parent:
            raise RuntimeError("the child fails")
        return "".join(items)

    assert "".join(halves.pieces(list("abcd"), work)) == "abcd"


def test_counting_lines_stops_at_the_end_of_a_shorter_file(tmp_path):
    path = tmp_path / "f.csv"
    path.write_bytes(b"a\nb\r")
    assert halves.lines_before(str(path), 100) == 2


def test_a_child_whose_parts_are_left_unread_is_ended_and_reaped():
    # Parts bigger than a pipe holds: the child waits to write until they are read.
    child = halves.Child(lambda: ["x" * 200_000, "y" * 200_000, "z"])
    parts = child.parts()
    assert parts is not None and next(parts) == "x" * 200_000
    parts.close()
    with pytest.raises(ChildProcessError):
        os.waitpid(child.pid, os.WNOHANG)  # already reaped
