"""What the command line forgives: a name typed where a command or an option was meant
gets the command that takes it; the options of kzfp itself work on either side of the
command's name; and completion offers every value a user may type."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kzfp_cli.cli import app
from kzfp_cli.cli.options import listing_fields
from kzfp_cli.schemas import all_schemas

DATA = Path(__file__).resolve().parents[1] / "data"

ONE_EVENT = """\
id,date,end_date,title,summary,partners,orgs,themes,section,sources,note
mine-2015,2015-11-30,,My event,Mine.,russia,wto,economy,Russia,,
"""


def first_event_id() -> str:
    with (DATA / "events.csv").open(encoding="utf-8", newline="") as handle:
        return next(csv.DictReader(handle))["id"]


def error(kzfp, *args: str) -> str:
    run = kzfp(*args)
    assert (run.exit_code, run.stdout) == (2, "")
    return run.stderr


# --- a name where a command or an option was meant --------------------------------------


@pytest.mark.parametrize(
    ("args", "meant"),
    [
        (
            ("partner", "russia"),
            "No such command 'russia'; did you mean 'kzfp partner show russia'?",
        ),
        (
            ("partner", "Россия"),
            "No such command 'Россия'; did you mean 'kzfp partner show russia'?",
        ),
        (
            ("org", "WTO", "-f", "json"),
            "No such command 'WTO'; did you mean 'kzfp org show wto -f json'?",
        ),
        (
            ("theme", "security"),
            "No such command 'security'; did you mean 'kzfp timeline --theme security'?",
        ),
        (("russia",), "No such command 'russia'; did you mean 'kzfp partner show russia'?"),
        (("partner", "wto"), "No such command 'wto'; did you mean 'kzfp org show wto'?"),
        (
            ("timeline", "russia"),
            "unexpected argument 'russia'; did you mean 'kzfp timeline --partner russia'?",
        ),
        (
            ("timeline", "-n", "3", "Russian Federation"),
            "unexpected argument 'Russian Federation'; "
            "did you mean 'kzfp timeline --partner russia'?",
        ),
        (
            ("stats", "china", "sco"),
            "unexpected arguments 'china', 'sco'; "
            "did you mean 'kzfp stats --partner china --org sco'?",
        ),
        (
            ("export", "md", "security"),
            "unexpected argument 'security'; did you mean 'kzfp export md --theme security'?",
        ),
        (
            ("export", "sqlite", "out.db", "russia"),
            "unexpected argument 'russia'; "
            "did you mean 'kzfp export sqlite out.db --partner russia'?",
        ),
        (
            ("partner", "list", "russia"),
            "unexpected argument 'russia'; did you mean 'kzfp partner show russia'?",
        ),
        (
            ("about", "wto"),
            "unexpected argument 'wto'; did you mean 'kzfp org show wto'?",
        ),
    ],
)
def test_a_name_gets_the_command_that_takes_it(kzfp, args, meant):
    assert error(kzfp, *args) == f"kzfp: error: {meant}\n"


def test_an_event_id_gets_event_show(kzfp):
    ident = first_event_id()
    assert error(kzfp, "event", ident) == (
        f"kzfp: error: No such command '{ident}'; did you mean 'kzfp event show {ident}'?\n"
    )
    assert error(kzfp, "timeline", ident) == (
        f"kzfp: error: unexpected argument '{ident}'; did you mean 'kzfp event show {ident}'?\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("partner", "nowhere"), "No such command 'nowhere'. (see 'kzfp partner --help')"),
        (
            ("timeline", "nowhere"),
            "Got unexpected extra argument(s) (nowhere) (see 'kzfp timeline --help')",
        ),
        (
            ("timeline", "russia", "nowhere"),
            "Got unexpected extra argument(s) (russia nowhere) (see 'kzfp timeline --help')",
        ),
        (
            ("partner", "show", "russia", "x y"),
            "Got unexpected extra argument(s) (x y) (see 'kzfp partner show --help')",
        ),
    ],
)
def test_other_words_get_clicks_message_as_one_line(kzfp, args, message):
    assert error(kzfp, *args) == f"kzfp: error: {message}\n"


def test_an_unknown_option_is_told_before_an_extra_word(kzfp):
    message = error(kzfp, "timeline", "russia", "--fromat", "json")
    assert message.startswith("kzfp: error: No such option: --fromat")
    assert message.count("\n") == 1


# --- the options of kzfp itself, on either side of the command ---------------------------


@pytest.fixture
def mine(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mine.csv").write_text(ONE_EVENT, encoding="utf-8")


@pytest.mark.parametrize(
    "args",
    [
        ("--data", "mine.csv", "--no-builtin", "timeline"),
        ("timeline", "--data", "mine.csv", "--no-builtin"),
        ("--data", "mine.csv", "timeline", "--no-builtin"),
        ("--no-builtin", "timeline", "--data", "mine.csv"),
    ],
)
def test_data_options_go_before_or_after_the_command(kzfp, mine, args):
    run = kzfp(*args, "--format", "jsonl", "--fields", "id")
    assert (run.exit_code, run.stdout, run.stderr) == (0, '{"id": "mine-2015"}\n', "")


def test_data_before_and_after_the_command_are_both_read(kzfp, mine, tmp_path):
    (tmp_path / "more.csv").write_text(ONE_EVENT.replace("mine-2015", "more-2015"), "utf-8")
    run = kzfp(
        "--data",
        "mine.csv",
        "timeline",
        "--data",
        "more.csv",
        "--no-builtin",
        "-f",
        "plain",
        "--fields",
        "id",
    )
    assert (run.exit_code, run.stdout) == (0, "mine-2015\nmore-2015\n")


def test_no_builtin_before_validate_holds_for_it(kzfp, mine, tmp_path):
    # Without the built-in events, an id of theirs may be reused.
    (tmp_path / "reuse.csv").write_text(ONE_EVENT.replace("mine-2015", first_event_id()), "utf-8")
    assert kzfp("validate", "reuse.csv").exit_code == 3
    run = kzfp("--no-builtin", "validate", "reuse.csv")
    assert (run.exit_code, run.stdout, run.stderr) == (
        0,
        "",
        "No problems.\n0 errors, 0 warnings in 1 file\n",
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--data", "mine.csv", "schema", "list"),
            "--data applies to the commands that read events, not to 'kzfp schema list'",
        ),
        (
            ("--data", "mine.csv", "validate", "mine.csv"),
            "--data applies to the commands that read events, not to 'kzfp validate'",
        ),
        (
            ("--no-builtin", "fields"),
            "--no-builtin applies to the commands that read events, not to 'kzfp fields'",
        ),
    ],
)
def test_data_options_before_a_command_that_reads_no_events(kzfp, mine, args, message):
    assert error(kzfp, *args) == f"kzfp: error: {message}\n"


@pytest.mark.parametrize(
    "command",
    [
        ("timeline", "-n", "1"),
        ("search", "wto", "-n", "1", "--no-builtin"),
        ("event", "show", "wto-membership-2015"),
        ("partner", "list"),
        ("org", "show", "wto"),
        ("theme", "list"),
        ("stats",),
        ("about",),
        ("fields",),
        ("schema", "list"),
        ("chart",),
        ("export", "md", "--org", "wto"),
    ],
)
def test_no_color_goes_before_or_after_the_command(kzfp, command):
    before = kzfp("--no-color", *command)
    after = kzfp(*command, "--no-color")
    assert before.exit_code == after.exit_code == 0
    assert before.stdout == after.stdout != ""


@pytest.mark.parametrize(
    "command",
    [("timeline", "--org", "wto"), ("theme", "list"), ("schema", "list"), ("fields",)],
)
def test_no_color_after_the_command_turns_colour_off(kzfp, monkeypatch, command):
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[1m" in kzfp(*command, "-f", "table").stdout  # the header is bold
    after = kzfp(*command, "-f", "table", "--no-color").stdout
    assert "\x1b[" not in after
    assert after == kzfp("--no-color", *command, "-f", "table").stdout


# --- completion --------------------------------------------------------------------------


def complete(line: str) -> list[str]:
    """The values zsh would be offered for the last word of ``line``."""
    env = {"_KZFP_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": line}
    result = CliRunner().invoke(app, [], env=env, prog_name="kzfp")
    values = []
    for entry in result.stdout.split("\n"):
        entry = entry.removeprefix("_arguments '*: :((")
        if entry.startswith('"'):
            values.append(entry[1:].split('"', 1)[0])
    return values


def test_format_values_complete(kzfp):
    formats = ["table", "plain", "json", "jsonl", "csv", "tsv", "md"]
    assert complete("kzfp timeline --format ") == formats
    assert complete("kzfp search wto -f j") == ["json", "jsonl"]
    assert complete("kzfp schema show event --format c") == ["csv"]


def test_schema_names_complete():
    names = [schema.name for schema in all_schemas()]
    assert complete("kzfp schema show ") == names
    assert complete("kzfp schema show org") == [name for name in names if name.startswith("org")]


def test_listing_command_names_complete_word_by_word():
    first_words = list(dict.fromkeys(name.split()[0] for name in listing_fields()))
    assert complete("kzfp fields ") == first_words
    assert complete("kzfp fields org ") == ["list"]
    assert complete("kzfp fields t") == [word for word in first_words if word.startswith("t")]


def test_by_values_complete():
    assert complete("kzfp chart --by ") == ["partner", "org", "theme"]
    assert complete("kzfp chart --by o") == ["org"]
