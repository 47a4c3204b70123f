"""``python -m kzfp_cli`` and the ``kzfp`` console script: start the command line.

It is imported here, inside ``run``, so that a Ctrl-C while Python is still importing it
ends as one after does: one line on stderr and status 130, not a traceback.
"""

import sys

from kzfp_cli.errors import EXIT_INTERRUPTED


def run() -> None:
    try:
        from kzfp_cli.cli import main

        main()
    except KeyboardInterrupt:
        print("kzfp: aborted", file=sys.stderr)
        sys.exit(EXIT_INTERRUPTED)


if __name__ == "__main__":
    run()
