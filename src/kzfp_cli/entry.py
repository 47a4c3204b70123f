"""The ``kzfp`` console script and ``python -m kzfp_cli``: start up, then run the CLI."""

import gc


def main() -> None:
    # A kzfp command lives for a moment and makes next to no cyclic garbage, yet the
    # collector's passes over the objects it keeps (Typer's and Click's at start-up, a
    # large file's events and output records later) were a tenth of its time and freed
    # nothing. Reference counting still frees everything the command lets go of. A
    # program using kzfp as a library keeps its collector.
    gc.disable()
    try:
        from kzfp_cli.cli import main as run

        run()
    finally:
        # Python collects once more as it exits, collector off or not: frozen objects
        # are left out of that pass, which would find nothing to free.
        gc.freeze()
