"""The ``kzfp`` command: options in, a call into the library, a renderer out.

The command table is here, in the order ``kzfp --help`` lists it; each family of
commands lives in its own module (groups carry their subcommands with them).
"""

from __future__ import annotations

from kzfp_cli.cli import events, exports, reference, tools
from kzfp_cli.cli.app import app

app.command("timeline")(events.timeline_command)
app.command("search")(events.search_command)
app.command("stats")(events.stats_command)
app.command("chart")(events.chart_command)
app.command("about")(reference.about_command)
app.command("validate")(tools.validate_command)
app.command("fields")(tools.fields_command)
app.add_typer(events.event_app)
app.add_typer(reference.partner_app)
app.add_typer(reference.org_app)
app.add_typer(reference.theme_app)
app.add_typer(tools.schema_app)
app.add_typer(exports.export_app)

__all__ = ["app", "main"]


def main() -> None:
    """Run the kzfp command (the console script and ``python -m kzfp_cli`` start here)."""
    app(prog_name="kzfp")
