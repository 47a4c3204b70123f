"""kzfp: a timeline and fact lookup for Kazakhstan's foreign policy.

The package is a library first: ``load_dataset()`` reads the curated data, the
functions in :mod:`kzfp_cli.query` answer questions about it, and the modules in
:mod:`kzfp_cli.render` print the answers. The ``kzfp`` command is a thin layer on top.
"""

from __future__ import annotations

# The console script imports this package before kzfp's Ctrl-C handler is in place (see
# __main__): it imports nothing, not even typing, so that the moment is as short as it
# can be.
TYPE_CHECKING = False

__version__ = "0.1.0"

if TYPE_CHECKING:
    from typing import Any

    from kzfp_cli.errors import DataError, KzfpError, UsageError
    from kzfp_cli.lookup import org_summaries
    from kzfp_cli.query import EventFilter, timeline
    from kzfp_cli.store import load_dataset

# The public API, imported when first used: `kzfp --help` need not pay for it.
_API = {
    "DataError": "kzfp_cli.errors",
    "KzfpError": "kzfp_cli.errors",
    "UsageError": "kzfp_cli.errors",
    "EventFilter": "kzfp_cli.query",
    "timeline": "kzfp_cli.query",
    "org_summaries": "kzfp_cli.lookup",
    "load_dataset": "kzfp_cli.store",
}


def __getattr__(name: str) -> Any:
    if name in _API:
        import importlib

        return getattr(importlib.import_module(_API[name]), name)
    raise AttributeError(f"module 'kzfp_cli' has no attribute {name!r}")


__all__ = [
    "DataError",
    "EventFilter",
    "KzfpError",
    "UsageError",
    "__version__",
    "load_dataset",
    "org_summaries",
    "timeline",
]
