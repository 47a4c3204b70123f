"""The ``kzfp`` console script and ``python -m kzfp_cli``: start up, then run the CLI."""

import gc


def main() -> None:
    # Importing Typer, Click and kzfp allocates tens of thousands of objects that live as
    # long as the process; the garbage collector's passes over them while they are made
    # were a tenth of a lookup's time. The collector is paused for the imports, and what
    # they made is frozen out of its later passes (a large file then costs less too).
    gc.disable()
    try:
        from kzfp_cli.cli import main as run
    finally:
        gc.freeze()
        gc.enable()
    run()
