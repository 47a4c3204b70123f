"""The ``kzfp`` command: options in, a call into the library, a renderer out.

The command table is here, in the order ``kzfp --help`` lists it; each family of
commands lives in its own module (groups carry their subcommands with them).
"""

from __future__ import annotations

from kzfp_cli.cli import citing, events, exports, reference, tools
from kzfp_cli.cli.app import KzfpCommand, app

app.command("timeline", cls=KzfpCommand)(events.timeline_command)
app.command("on", cls=KzfpCommand)(events.on_command)
app.command("search", cls=KzfpCommand)(events.search_command)
app.command("stats", cls=KzfpCommand)(events.stats_command)
app.command("chart", cls=KzfpCommand)(events.chart_command)
app.command("cite", cls=KzfpCommand)(citing.cite_command)
app.command("about", cls=KzfpCommand)(reference.about_command)
app.command("validate", cls=KzfpCommand)(tools.validate_command)
app.command("fields", cls=KzfpCommand)(tools.fields_command)
app.add_typer(events.event_app)
app.add_typer(reference.partner_app)
app.add_typer(reference.org_app)
app.add_typer(reference.theme_app)
app.add_typer(tools.schema_app)
app.add_typer(exports.export_app)
app.command("help", cls=KzfpCommand)(tools.help_command)

__all__ = ["app", "main"]


def main() -> None:
    """Run the kzfp command (the console script and ``python -m kzfp_cli`` start here)."""
    app(prog_name="kzfp")
