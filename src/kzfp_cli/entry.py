"""The ``kzfp`` console script and ``python -m kzfp_cli``: start up, then run the CLI."""

import gc
import importlib
from types import ModuleType

# Set by the console script: only a short-lived kzfp process may freeze the collector's
# view of its objects; a program using kzfp as a library keeps its collector as it is.
_command_line = False


def main() -> None:
    global _command_line
    _command_line = True
    run = import_long_lived("kzfp_cli.cli").main
    run()


def import_long_lived(name: str) -> ModuleType:
    """Import a module whose objects live as long as the process (Typer, Click, Rich).

    Importing them allocates tens of thousands of such objects, and the garbage
    collector's passes over them while they are made were a tenth of a lookup's time. In
    the ``kzfp`` command the collector is paused for the import, and what exists then is
    frozen out of its later passes (reading a large file costs less too); refcounting
    still frees it."""
    if not _command_line or not gc.isenabled():
        return importlib.import_module(name)
    gc.disable()
    try:
        return importlib.import_module(name)
    finally:
        gc.freeze()
        gc.enable()
