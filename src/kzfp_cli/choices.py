"""A value a user picks from a fixed set of names (a format, a grouping)."""

from __future__ import annotations

from collections.abc import Iterable

from kzfp_cli.errors import UsageError


def choose(value: str, options: Iterable[str], what: str) -> str:
    """The option ``value`` names, in any case and with spaces around it forgiven; a
    UsageError naming ``what`` was given and listing the options otherwise."""
    names = list(options)
    wanted = value.strip().lower()
    if wanted in names:
        return wanted
    raise UsageError(f"unknown {what} '{value}'; choose one of: {', '.join(names)}")
