"""The rules of a file written with -o, as properties over any text, any mode and any
umask: the file holds exactly the text, a new file takes the umask, a replaced one keeps
its mode, and nothing is overwritten without --force."""

from __future__ import annotations

import os
import stat

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kzfp_cli.errors import ExistingFileError, UsageError
from kzfp_cli.output import write_output

texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200)
contents = texts | st.binary(max_size=200)
umasks = st.sampled_from([0o000, 0o002, 0o022, 0o027, 0o077])
# Modes the owner can write and read (a file the owner cannot write is refused earlier).
modes = st.integers(0, 0o777).map(lambda mode: mode | 0o600)
relaxed = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture
def umask():
    """Restore the process's umask after a test that sets it."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def written(path: str, content: str | bytes) -> bool:
    with open(path, "rb") as file:
        held = file.read()
    return held == (content.encode("utf-8") if isinstance(content, str) else content)


@relaxed
@given(content=contents, mask=umasks)
def test_a_new_file_holds_the_text_exactly_and_takes_the_umask(tmp_path, umask, content, mask):
    path = str(tmp_path / f"new-{os.urandom(4).hex()}.out")
    os.umask(mask)
    write_output(content, path)
    assert written(path, content)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o666 & ~mask
    assert [name for name in os.listdir(tmp_path) if name.startswith(".")] == []


@relaxed
@given(content=contents, old=texts, mode=modes, mask=umasks)
def test_force_replaces_a_file_and_keeps_its_mode(tmp_path, umask, content, old, mode, mask):
    path = tmp_path / f"old-{os.urandom(4).hex()}.out"
    path.write_bytes(old.encode("utf-8"))
    os.chmod(path, mode)
    os.umask(mask)
    write_output(content, str(path), force=True)
    assert written(str(path), content)
    assert stat.S_IMODE(os.stat(path).st_mode) == mode


@relaxed
@given(content=contents, old=texts)
def test_without_force_an_existing_file_is_never_touched(tmp_path, content, old):
    path = tmp_path / f"kept-{os.urandom(4).hex()}.out"
    path.write_bytes(old.encode("utf-8"))
    with pytest.raises(ExistingFileError) as caught:
        write_output(content, str(path))
    assert (str(caught.value), caught.value.path) == (f"{path} already exists", str(path))
    assert isinstance(caught.value, UsageError)
    assert path.read_bytes() == old.encode("utf-8")
    assert [name for name in os.listdir(tmp_path) if name.startswith(".")] == []
