"""Turn the names people type (``RU``, ``Russian Federation``, ``wto``) into canonical ids."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from kzfp_cli.errors import UsageError

_NOT_ALNUM = re.compile(r"[\W_]+")
# Beyond this many ids an error no longer lists them all.
MAX_LISTED = 30


def normalize(name: str) -> str:
    """Fold case and drop punctuation and spaces: ``U.S.`` and ``us``, ``South Korea`` and
    ``south-korea`` are the same name."""
    return _NOT_ALNUM.sub("", name.casefold())


class UnknownNameError(UsageError):
    """A name that is not among the known ids or aliases of its kind."""


class Vocabulary:
    """The ids of one kind of thing (partners, organizations, themes) and their aliases."""

    def __init__(
        self,
        kind: str,
        option: str,
        entries: Iterable[tuple[str, Sequence[str]]],
        *,
        nothing_close: str = "",
    ) -> None:
        self.kind = kind
        self.option = option
        # What an error says when no id is close to the name, if not the plain fact.
        self.nothing_close = nothing_close or f"no {kind} id is close to it"
        self.ids: list[str] = []
        self._lookup: dict[str, str] = {}
        self._names: dict[str, tuple[str, ...]] = {}
        for ident, aliases in entries:
            self.ids.append(ident)
            self._names[ident] = tuple(name for name in aliases if name)
            for name in (ident, *aliases):
                if name:  # a partner without an ISO code must not answer to ''
                    self._lookup.setdefault(normalize(name), ident)

    def names_of(self, ident: str) -> tuple[str, ...]:
        """The names ``ident`` answers to, besides its id, that no id before it took."""
        return tuple(name for name in self._names[ident] if self.get(name) == ident)

    def get(self, name: str) -> str | None:
        return self._lookup.get(normalize(name))

    def resolve(self, name: str, others: Sequence[Vocabulary] = ()) -> str:
        """The id for ``name``; otherwise a UsageError suggesting the option it belongs to
        (NATO is a partner, not an organization) or the closest ids."""
        ident = self.get(name)
        if ident is not None:
            return ident
        for other in others:
            found = other.get(name)
            if found is not None:
                raise UnknownNameError(
                    f"unknown {self.kind} '{name}'; did you mean {other.option} {found}?"
                )
        raise UnknownNameError(f"unknown {self.kind} '{name}'; {self._hint(name)}")

    def resolve_all(
        self, names: Iterable[str], others: Sequence[Vocabulary] = ()
    ) -> frozenset[str]:
        """Resolve each name; a value may also hold several names separated by commas.
        An empty value is an error rather than no filter: ``--partner "$X"`` with ``X``
        unset must not quietly list everything."""
        resolved: set[str] = set()
        for name in names:
            parts = [part.strip() for part in name.split(",") if part.strip()]
            if not parts:
                raise UsageError(f"{self.option} needs a name or an id, not an empty value")
            resolved.update(self.resolve(part, others) for part in parts)
        return frozenset(resolved)

    def _hint(self, name: str) -> str:
        import difflib  # only on the error path

        key = normalize(name)
        close_keys = difflib.get_close_matches(key, self._lookup, n=6, cutoff=0.8)
        close = list(dict.fromkeys(self._lookup[found] for found in close_keys))
        if not close:
            # Ids holding every word typed: 'wto 2015' suggests 'wto-membership-2015'.
            parts = [normalize(part) for part in _NOT_ALNUM.split(name.casefold()) if part]
            close = [
                ident for ident in self.ids if parts and all(p in normalize(ident) for p in parts)
            ]
        if close:
            quoted = [f"'{ident}'" for ident in close[:3]]
            options = (
                quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + f" or {quoted[-1]}"
            )
            return f"did you mean {options}?"
        if len(self.ids) > MAX_LISTED:
            return self.nothing_close
        return f"known: {', '.join(sorted(self.ids))}"
