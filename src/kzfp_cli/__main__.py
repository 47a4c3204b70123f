"""``python -m kzfp_cli``: the kzfp command."""

from kzfp_cli.cli import main

main()
