"""Turn the names people type (``RU``, ``Russian Federation``, ``wto``) into canonical ids."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from kzfp_cli.errors import FilterError, UsageError
from kzfp_cli.words import joined

_NOT_ALNUM = re.compile(r"[\W_]+")
# Beyond this many ids an error no longer lists them all.
MAX_LISTED = 30


def normalize(name: str) -> str:
    """A name as names are compared: its words folded for case and accents and run
    together (``words.joined``): ``U.S.`` and ``us``, ``South Korea`` and ``south-korea``,
    ``Türkmenistan`` and ``turkmenistan`` are the same name."""
    return joined(name)


class UnknownNameError(UsageError):
    """A name that is not among the known ids or aliases of its kind. Its line says so
    to anyone; its facts are for a caller that words the hint its own way."""

    def __init__(
        self,
        subject: str,
        hint: str,
        *,
        kind: str,
        name: str,
        close: Sequence[str] = (),
        known: Sequence[str] | None = None,
        elsewhere: Vocabulary | None = None,
        found: str = "",
    ) -> None:
        super().__init__(f"{subject}; {hint}")
        # "unknown partner 'wto'": what every wording of this error begins with.
        self.subject = subject
        self.kind = kind
        self.name = name
        # The ids close to the name; if none is, every id, when they are few enough to
        # list (None otherwise).
        self.close = tuple(close)
        self.known = None if known is None else tuple(known)
        # The other kind the name is one of (NATO, asked for as an organization, is a
        # partner), and its id there.
        self.elsewhere = elsewhere
        self.found = found


class EmptyNameError(FilterError):
    """An empty value where a filter's names were to be: ``partner: needs a name or an
    id, not an empty value``."""

    def __init__(self, field: str, value: str) -> None:
        super().__init__(field, value, "needs a name or an id, not an empty value")


class Vocabulary:
    """The ids of one kind of thing (partners, organizations, themes) and their aliases."""

    def __init__(
        self,
        kind: str,
        entries: Iterable[tuple[str, Sequence[str]]],
        *,
        field: str = "",
    ) -> None:
        self.kind = kind
        # The filter a name of this kind is typed into (partner, org, theme); empty for
        # the names a lookup is about rather than filtered by.
        self.field = field
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
        """The id for ``name``; otherwise an UnknownNameError suggesting the kind it
        belongs to (NATO is a partner, not an organization) or the closest ids."""
        ident = self.get(name)
        if ident is not None:
            return ident
        subject = f"unknown {self.kind} '{name}'"
        for other in others:
            found = other.get(name)
            if found is not None:
                raise UnknownNameError(
                    subject,
                    f"did you mean the {other.kind} {found}?",
                    kind=self.kind,
                    name=name,
                    elsewhere=other,
                    found=found,
                )
        close = self._close(name)
        known = sorted(self.ids) if not close and len(self.ids) <= MAX_LISTED else None
        if close:
            quoted = [f"'{ident}'" for ident in close[:3]]
            options = (
                quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + f" or {quoted[-1]}"
            )
            hint = f"did you mean {options}?"
        elif known is not None:
            hint = f"known: {', '.join(known)}"
        else:
            hint = f"no {self.kind} id is close to it"
        raise UnknownNameError(subject, hint, kind=self.kind, name=name, close=close, known=known)

    def resolve_all(
        self, names: Iterable[str], others: Sequence[Vocabulary] = ()
    ) -> frozenset[str]:
        """Resolve each name; a value may also hold several names separated by commas.
        An empty value is an error rather than no filter: a name typed as ``"$X"`` with
        ``X`` unset must not quietly list everything."""
        resolved: set[str] = set()
        for name in names:
            parts = [part.strip() for part in name.split(",") if part.strip()]
            if not parts:
                raise EmptyNameError(self.field or self.kind, name)
            resolved.update(self.resolve(part, others) for part in parts)
        return frozenset(resolved)

    def _close(self, name: str) -> list[str]:
        """The ids most like ``name``: by spelling, else those holding every word typed."""
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
        return close
