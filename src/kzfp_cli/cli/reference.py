"""Commands about the reference tables: partners, organizations and themes."""

# No ``from __future__ import annotations`` here: Typer reads these signatures on every
# run, and annotations kept as strings would be compiled again each time.

from typing import Annotated

import typer

from kzfp_cli.cli.app import group
from kzfp_cli.cli.common import load, show
from kzfp_cli.cli.options import (
    DataSource,
    FieldsOption,
    FormatOption,
    completer,
    shared_options,
)

partner_app = group("partner", "States and blocs Kazakhstan deals with.")
org_app = group("org", "International organizations Kazakhstan belongs to, and the roles it held.")
theme_app = group("theme", "The themes events are tagged with.")


@partner_app.command("list")
@shared_options
def partner_list_command(
    *,
    fields: FieldsOption = None,
    source: DataSource,
    output_format: FormatOption = None,
) -> None:
    """Partners with their number of events and the first and last dates they appear."""
    from kzfp_cli.lookup import partner_summaries
    from kzfp_cli.views import partner_listing

    show(partner_listing(partner_summaries(load(source))), output_format, fields)


@partner_app.command("show")
@shared_options
def partner_show_command(
    *,
    name: Annotated[
        str,
        typer.Argument(metavar="PARTNER", autocompletion=completer("partner"), help="Id or alias."),
    ],
    source: DataSource,
    output_format: FormatOption = None,
) -> None:
    """Who a partner is to Kazakhstan, shared interests and tensions, and its timeline."""
    from kzfp_cli.lookup import partner_profile
    from kzfp_cli.views import partner_detail

    dataset = load(source)
    show(partner_detail(partner_profile(dataset, name), dataset), output_format)


@org_app.command("list")
@shared_options
def org_list_command(
    *,
    on: Annotated[
        str | None,
        typer.Option(
            "--on",
            metavar="DATE",
            help="Only memberships and roles held on this date (2016-06-01, 'Jun 2016').",
        ),
    ] = None,
    fields: FieldsOption = None,
    source: DataSource,
    output_format: FormatOption = None,
) -> None:
    """Organizations with the date Kazakhstan joined and the roles it held, oldest first."""
    from kzfp_cli.lookup import org_summaries
    from kzfp_cli.query import window_on
    from kzfp_cli.views import org_listing

    window = window_on(on) if on is not None else None
    show(org_listing(org_summaries(load(source), on=window)), output_format, fields)


@org_app.command("show")
@shared_options
def org_show_command(
    *,
    name: Annotated[
        str,
        typer.Argument(metavar="ORG", autocompletion=completer("org"), help="Id or alias."),
    ],
    source: DataSource,
    output_format: FormatOption = None,
) -> None:
    """An organization: Kazakhstan's membership, the roles it held and related events."""
    from kzfp_cli.lookup import org_detail
    from kzfp_cli.views import org_detail_view

    dataset = load(source)
    show(org_detail_view(org_detail(dataset, name), dataset), output_format)


@theme_app.command("list")
@shared_options
def theme_list_command(
    *,
    fields: FieldsOption = None,
    source: DataSource,
    output_format: FormatOption = None,
) -> None:
    """The themes, what each means, and how many events carry it."""
    from kzfp_cli.lookup import theme_summaries
    from kzfp_cli.views import theme_listing

    show(theme_listing(theme_summaries(load(source))), output_format, fields)


@shared_options
def about_command(*, source: DataSource, output_format: FormatOption = None) -> None:
    """What the data is: its version, the period it covers, when it was last reviewed,
    how many events, partners, organizations and sources it holds, and where its facts
    come from."""
    from kzfp_cli.lookup import dataset_summary
    from kzfp_cli.views import about_detail

    show(about_detail(dataset_summary(load(source))), output_format)
