"""The ``kzfp`` console script and ``python -m kzfp_cli``: start up, then run the CLI."""

import gc
import importlib
from types import ModuleType


def main() -> None:
    run = import_long_lived("kzfp_cli.cli").main
    run()


def import_long_lived(name: str) -> ModuleType:
    """Import a module whose objects live as long as the process (Typer, Click, Rich).

    Importing them allocates tens of thousands of such objects, and the garbage
    collector's passes over them while they are made were a tenth of a lookup's time. The
    collector is paused for the import, and what exists then is frozen out of its later
    passes (reading a large file costs less too); refcounting still frees it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return importlib.import_module(name)
    finally:
        if enabled:
            gc.freeze()
            gc.enable()
