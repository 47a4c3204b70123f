"""What a user meant by a name typed where kzfp expected a command or no word at all:
``kzfp partner russia`` is ``kzfp partner show russia``, ``kzfp timeline russia`` is
``kzfp timeline --partner russia``.

Only the error path comes here, so the data is read only when a command line is wrong.
"""

from __future__ import annotations

import shlex
from collections.abc import Collection, Sequence
from typing import Any

from kzfp_cli.cli.messages import FILTER_OPTIONS, shown_by
from kzfp_cli.errors import KzfpError


def known_name(name: str) -> tuple[str, str] | None:
    """The kind (partner, org, theme, event) and id of what ``name`` names in the
    built-in data and KZFP_DATA, as --partner, --org and --theme read names."""
    from kzfp_cli import query
    from kzfp_cli.store import data_files, load_dataset

    try:
        dataset = load_dataset(data_files())
    except KzfpError:  # the data cannot be read: no suggestion, the plain error stands
        return None
    vocabularies = (
        ("partner", query.partner_vocabulary(dataset)),
        ("org", query.org_vocabulary(dataset)),
        ("theme", query.theme_vocabulary(dataset)),
    )
    for kind, vocabulary in vocabularies:
        ident = vocabulary.get(name)
        if ident is not None:
            return kind, ident
    if name in dataset.events_by_id:
        return "event", name
    return None


def command_meant(ctx: Any, args: Sequence[str]) -> str | None:
    """For ``args`` whose first word is no command of the group ``ctx`` runs: the
    command line that shows what that word names, with the words after it; or None."""
    if args[0].startswith("-"):
        return None
    found = known_name(args[0])
    if found is None:
        return None
    program = ctx.find_root().info_name or "kzfp"
    return " ".join((shown_by(*found, program), *(shlex.quote(arg) for arg in args[1:])))


def options_meant(path: str, extra: Sequence[str], options: Collection[str]) -> str | None:
    """For words a command has no place for: the command with each word given to the
    filter option that takes it (kzfp timeline --partner russia), or, where the command
    has no such option, the command that shows it; None unless every word names
    something."""
    found = [known_name(word) for word in extra]
    if any(item is None for item in found):
        return None
    named = [item for item in found if item is not None]
    program = path.split()[0]
    if all(FILTER_OPTIONS.get(kind) in options for kind, _ in named):
        return " ".join([path, *(f"{FILTER_OPTIONS[kind]} {ident}" for kind, ident in named)])
    return shown_by(*named[0], program)
