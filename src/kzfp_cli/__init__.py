"""kzfp: a timeline and fact lookup for Kazakhstan's foreign policy.

The package is a library first: ``load_dataset()`` reads the curated data, the
functions in :mod:`kzfp_cli.query` answer questions about it, and the modules in
:mod:`kzfp_cli.render` print the answers. The ``kzfp`` command is a thin layer on top.
"""

from kzfp_cli.errors import DataError, KzfpError, UsageError
from kzfp_cli.query import EventFilter, org_summaries, timeline
from kzfp_cli.store import load_dataset

__version__ = "0.1.0"

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
