"""What every command does around its own work: know what kzfp itself was told, read the
data, print to stdout or stderr.

Heavy modules (the loader, views, renderers) are imported inside the functions, so that
``kzfp --help`` and tab completion do not pay for them.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, NamedTuple, NoReturn, TextIO, TypeVar

import typer

from kzfp_cli.choices import Lang
from kzfp_cli.errors import EXIT_BROKEN_PIPE, OutputError
from kzfp_cli.safe_text import visible
from kzfp_cli.terminal import use_utf8

if TYPE_CHECKING:
    from kzfp_cli.choices import OutputFormat
    from kzfp_cli.language import Language
    from kzfp_cli.model import Dataset, Event
    from kzfp_cli.query import EventFilter, Filters
    from kzfp_cli.scan import ReadEvents
    from kzfp_cli.store import Selection as EventSelection
    from kzfp_cli.translations import Translations
    from kzfp_cli.views import Output

Found = TypeVar("Found")


class DataSource(NamedTuple):
    """Where a command's events come from: the user's files (--data, and KZFP_DATA) and
    whether the built-in events are read too."""

    files: list[str]
    builtin: bool


@dataclass(frozen=True)
class Invocation:
    """What kzfp itself was told for this run: its options that a command may also take
    after its name (kzfp --no-color timeline, kzfp timeline --no-color); and what the run
    says once its command has done its work. ``KzfpGroup.main`` puts one on the Click
    context (``ctx.obj``), the root command adds the options given before the name, and
    ``invocation`` the command's own."""

    no_color: bool = False
    data: tuple[str, ...] = ()
    no_builtin: bool = False
    no_pager: bool = False  # given before the command only, as git's --no-pager
    # The command's own: --lang is not an option of kzfp itself.
    lang: Lang = Lang.en
    # Lines said when the command has done its work, and only then: beside an error they
    # would make its one line two. One list for the run, whatever options are added.
    at_the_end: list[str] = field(default_factory=list, compare=False, repr=False)

    @property
    def source(self) -> DataSource:
        """The events to read: the files of --data, then those of KZFP_DATA."""
        from kzfp_cli.store import data_files

        return DataSource(data_files(list(self.data)), not self.no_builtin)

    @property
    def language(self) -> Language:
        """The words and dates of --lang's language, for the views."""
        from kzfp_cli.language import language

        return language(self.lang)


def given_before(ctx: typer.Context) -> Invocation:
    """kzfp's own options given before the command's name (``ctx.obj``, which the root
    sets; a command run on its own, as a test may, has none)."""
    return ctx.obj if isinstance(ctx.obj, Invocation) else Invocation()


def invocation(
    ctx: typer.Context,
    *,
    no_color: bool = False,
    data: Sequence[str] | None = None,
    no_builtin: bool = False,
    lang: Lang = Lang.en,
) -> Invocation:
    """kzfp's own options for the command ``ctx`` runs: those given before its name, then
    its own."""
    before = given_before(ctx)
    return replace(
        before,
        no_color=before.no_color or no_color,
        data=(*before.data, *(data or ())),
        no_builtin=before.no_builtin or no_builtin,
        lang=lang,
    )


def say(line: str) -> None:
    """One line on stderr. Such lines echo what the user typed or what a data file
    holds: they are kept inert (see safe_text.visible), and a line break in what they
    echo is shown as ``^J``, so that one message is one line and none can forge another."""
    if sys.stderr is None:  # started with stderr closed: the line is lost, never put on stdout
        return
    try:
        print(visible(line).replace("\n", "^J"), file=sys.stderr)
    except (OSError, ValueError):  # stderr full or gone: nothing more can be told
        _discard(sys.stderr)


def read(run: Invocation) -> Dataset:
    """The dataset ``run`` names, the built-in data and the user's events files, in
    English: the language kzfp resolves names and matches filters in. How many warnings
    the files gave is said once the command has done its work (see
    :func:`tell_warnings`)."""
    from kzfp_cli.progress import file_progress
    from kzfp_cli.store import begin

    source = run.source
    with file_progress(source.files) as progress:
        loading = begin(source.files, builtin=source.builtin)
        dataset = loading.load(progress=progress)
    tell_warnings(run, loading.problems.warnings)
    return dataset


@contextmanager
def read_again(run: Invocation) -> Iterator[tuple[Dataset, ReadEvents]]:
    """The data ``run`` names that is known before the user's events are read (the
    reference tables, the built-in events), and a function that reads those events,
    showing each to a selection (``store.Selection``), as many times as it is called, so
    that a command can take what it needs of each without holding them all. Standard
    input, a pipe or a FIFO is copied to a temporary file as it is first read, and read
    again from there (see ``store.Rereading``). How many warnings the files gave is said
    once."""
    from kzfp_cli.progress import file_progress
    from kzfp_cli.store import Rereading, begin

    source = run.source
    first = begin(source.files, builtin=source.builtin)
    reads = 0

    def read_events(select: EventSelection) -> Dataset:
        nonlocal reads
        reads += 1
        loading = first if reads == 1 else begin(source.files, builtin=source.builtin)
        with file_progress(source.files) as progress:
            dataset = loading.load(select, progress=progress, rereading=rereading)
        if reads == 1:
            tell_warnings(run, loading.problems.warnings)
        return dataset

    with Rereading() as rereading:
        yield first.known, read_events


def tell_warnings(run: Invocation, warnings: Mapping[str, int]) -> None:
    """Say, once the command has done its work, how many warnings the files ``run``
    reads gave, if any, in one line: a file may hold one a row, and ``kzfp validate``
    lists them."""
    if any(warnings.values()):
        from kzfp_cli.cli.messages import warnings_told

        source = run.source
        run.at_the_end.append(warnings_told(warnings, source.files, builtin=source.builtin))


def command_ended(run: Invocation, *, done: bool) -> None:
    """Say what was left to say at the end of a command that has ``done`` its work;
    forget it if it has not."""
    lines = list(run.at_the_end)
    run.at_the_end.clear()
    for line in lines if done else ():
        say(line)


def translations(run: Invocation, lang: Lang) -> Translations:
    """The built-in texts in ``lang`` that apply to what ``run`` reads."""
    from kzfp_cli.translations import load_translations

    found = load_translations(lang)
    return found.without_events() if run.no_builtin else found


def localize(run: Invocation, dataset: Dataset) -> Dataset:
    """``dataset`` with its texts in the language of ``run`` (the same dataset in
    English)."""
    if run.lang is Lang.en:
        return dataset
    from kzfp_cli.translations import localized

    return localized(dataset, translations(run, run.lang))


def load(run: Invocation) -> Dataset:
    """The dataset ``run`` names, with its texts in the language of ``run``."""
    return localize(run, read(run))


def load_named(
    run: Invocation,
    name: str,
    look_up: Callable[[Dataset, str], Found],
    ident: Callable[[Found], str],
) -> tuple[Dataset, Found]:
    """The dataset ``run`` names, in its language, and what ``look_up`` finds in it by
    ``name``. The name is looked up in English, where a partner or an organization
    answers to its English name besides its id and aliases; then again by the id of what
    it found (``ident``), in the language shown."""
    english = read(run)
    found = look_up(english, name)
    shown = localize(run, english)
    if shown is english:
        return english, found
    return shown, look_up(shown, ident(found))


class Selection(NamedTuple):
    """The events a command's filters select, with the dataset they come from and the
    filter that chose them (its names resolved to ids)."""

    dataset: Dataset
    events: list[Event]
    chosen: EventFilter


def read_selected(
    run: Invocation, filters: Filters, *, reverse: bool = False, limit: int | None = None
) -> Selection:
    """The dataset ``run`` names, in English, the events ``filters`` select in it, in
    chronological order (newest first with ``reverse``; at most ``limit``), and the filter
    they resolve to (the ids they name).

    The filter is resolved against the data known before the user's events are read,
    which are then read keeping only those it selects, so a large file costs memory for
    what is shown; a name only the user's files define is resolved once they are read,
    all their events held.
    """
    from kzfp_cli.progress import file_progress
    from kzfp_cli.query import timeline
    from kzfp_cli.store import begin

    source = run.source
    with file_progress(source.files) as progress:
        loading = begin(source.files, builtin=source.builtin)
        chosen = filters.selector(loading.known)
        dataset = loading.load(chosen, progress=progress)
    event_filter = filters.event_filter(dataset) if chosen is None else chosen
    tell_warnings(run, loading.problems.warnings)
    events = timeline(dataset, event_filter, reverse=reverse, limit=limit)
    return Selection(dataset, events, event_filter)


def load_selected(
    run: Invocation, filters: Filters, *, reverse: bool = False, limit: int | None = None
) -> Selection:
    """The dataset ``run`` names and the events ``filters`` select in it (chronological,
    or newest first with ``reverse``; at most ``limit``), with their texts in the language
    of ``run``. The events are selected in English, so that every language shows the same
    ones: a name and a --search word are read as they are in English."""
    dataset, events, chosen = read_selected(run, filters, reverse=reverse, limit=limit)
    shown = localize(run, dataset)
    if shown is dataset:
        return Selection(dataset, events, chosen)
    return Selection(shown, [shown.events_by_id[event.id] for event in events], chosen)


def show(
    run: Invocation,
    output: Output,
    output_format: OutputFormat | None,
    fields: str | None = None,
) -> None:
    """Print ``output`` on stdout in the format asked for (or the one stdout suits)."""
    from kzfp_cli.choices import format_spec
    from kzfp_cli.pager import Screen, fits, page, pager_command
    from kzfp_cli.render import choose_format, render
    from kzfp_cli.terminal import Terminal
    from kzfp_cli.views import Listing

    if fields is not None and isinstance(output, Listing):
        output = output.select([name.strip() for name in fields.split(",") if name.strip()])
    terminal = Terminal.of(sys.stdout, no_color=run.no_color)
    chosen = choose_format(output_format, terminal)
    stdout = stdout_stream()
    err: TextIO = sys.stderr if sys.stderr is not None else io.StringIO()
    pager = pager_command() if terminal.is_tty and not run.no_pager else None
    with writing_stdout():
        if format_spec(chosen).utf8:
            use_utf8(stdout)
        if pager is None:
            render(output, chosen, stdout, err, color=terminal.color)
            return
        shown = Screen(stdout)
        render(output, chosen, shown, err, color=terminal.color)
        text = shown.getvalue()
        if fits(text, stdout) or not page(text, pager, stdout.encoding):
            stdout.write(text)


def write_output_text(text: str | Iterable[str], output: str | None, force: bool) -> None:
    """UTF-8 ``text`` (an export, references) to stdout (no output, or a name of stdout
    such as ``-``) or to the file ``output`` (see kzfp_cli.output)."""
    from kzfp_cli.output import names_stdout, write_output

    if output is None or names_stdout(output):
        write_text(text, utf8=True)
    else:
        write_output(text, output, force=force)


def write_text(text: str | Iterable[str], *, utf8: bool = False) -> None:
    """Print text that is already what the user asked for (a chart, an export, a schema),
    whole or a piece at a time: in UTF-8 with ``utf8``, else in the locale's encoding."""
    stdout = stdout_stream()
    with writing_stdout():
        if utf8:
            use_utf8(stdout)
        for piece in [text] if isinstance(text, str) else text:
            stdout.write(piece)


def stdout_stream() -> TextIO:
    """stdout, to be written inside ``writing_stdout``; an OutputError (exit 4) if kzfp
    was started with it closed."""
    if sys.stdout is None:  # kzfp was started with stdout closed (kzfp timeline >&-)
        raise OutputError("cannot write to stdout: it is closed")
    raw = getattr(sys.stdout, "buffer", None)
    if isinstance(raw, io.RawIOBase):
        # Unbuffered (python -u, PYTHONUNBUFFERED=1): a raw write may write less than it is
        # given (a full disk, a file-size limit, a pipe), and a text stream straight over it
        # does not notice. A buffered writer writes every byte or raises.
        text = sys.stdout
        sys.stdout = io.TextIOWrapper(
            io.BufferedWriter(raw), encoding=text.encoding, errors=text.errors, newline="\n"
        )
    return sys.stdout


@contextmanager
def writing_stdout() -> Iterator[None]:
    """Write to stdout inside this, and flush it at the end: a reader gone is a quiet
    exit 141; a full disk, an I/O error or a character the stream's encoding cannot hold
    is one OutputError line (exit 4), and what is left unwritten is dropped."""
    try:
        yield
        if sys.stdout is not None:
            sys.stdout.flush()
    except BrokenPipeError:
        pipe_gone()
    except UnicodeEncodeError as error:
        _discard(sys.stdout)
        character = str(error.object[error.start : error.start + 1])
        raise OutputError(
            f"stdout cannot encode U+{ord(character):04X} in {error.encoding}; "
            "use a UTF-8 locale or set PYTHONIOENCODING=utf-8"
        ) from None
    except OSError as error:
        if error.filename is not None:  # a file kzfp opened (a completion script), not stdout
            # A folder to be made where a file is: mkdir's "File exists" says it poorly.
            why = "not a folder" if isinstance(error, FileExistsError) else error.strerror
            raise OutputError(f"{error.filename}: cannot write ({why})") from None
        _discard(sys.stdout)
        raise OutputError(f"cannot write to stdout ({error.strerror or error})") from None


def pipe_gone() -> NoReturn:
    """The reader has gone (kzfp ... | head -1): stop quietly, with the status a command
    killed by SIGPIPE reports."""
    _discard(sys.stdout)
    raise typer.Exit(EXIT_BROKEN_PIPE) from None


def _discard(stream: TextIO | None) -> None:
    # Nothing more can reach this stream: give its descriptor /dev/null, so that what is
    # left in its buffer goes nowhere when Python flushes it on the way out (which would
    # otherwise print "Exception ignored" and change the exit status to 120).
    try:
        descriptor = stream.fileno() if stream is not None else -1
    except (OSError, ValueError, AttributeError):  # not a real file (the tests' streams)
        return
    if descriptor < 0:
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
    except OSError:
        return
    os.dup2(devnull, descriptor)
    os.close(devnull)
