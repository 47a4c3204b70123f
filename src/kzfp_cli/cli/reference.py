"""Commands about the reference tables: partners, organizations and themes."""

# No ``from __future__ import annotations`` here: Typer reads these signatures on every
# run, and annotations kept as strings would be compiled again each time.

from typing import Annotated

import typer

from kzfp_cli.choices import Lang
from kzfp_cli.cli.app import KzfpCommand, group
from kzfp_cli.cli.common import invocation, load, load_named, show
from kzfp_cli.cli.options import (
    DataOption,
    FieldsOption,
    FormatOption,
    LangOption,
    NoBuiltinOption,
    NoColorOption,
    completer,
)

partner_app = group("partner", "States and blocs Kazakhstan deals with.")
org_app = group("org", "International organizations Kazakhstan belongs to, and the roles it held.")
theme_app = group("theme", "The themes events are tagged with.")


@partner_app.command("list", cls=KzfpCommand)
def partner_list_command(
    ctx: typer.Context,
    fields: FieldsOption = None,
    data: DataOption = None,
    no_builtin: NoBuiltinOption = False,
    output_format: FormatOption = None,
    lang: LangOption = Lang.en,
    no_color: NoColorOption = False,
) -> None:
    """Partners with their number of events and the first and last dates they appear."""
    from kzfp_cli.lookup import partner_summaries
    from kzfp_cli.views import partner_listing

    run = invocation(ctx, no_color=no_color, data=data, no_builtin=no_builtin, lang=lang)
    listing = partner_listing(partner_summaries(load(run)), run.language)
    show(run, listing, output_format, fields)


@partner_app.command("show", cls=KzfpCommand)
def partner_show_command(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(metavar="PARTNER", autocompletion=completer("partner"), help="Id or alias."),
    ],
    data: DataOption = None,
    no_builtin: NoBuiltinOption = False,
    output_format: FormatOption = None,
    lang: LangOption = Lang.en,
    no_color: NoColorOption = False,
) -> None:
    """Who a partner is to Kazakhstan, shared interests and tensions, and its timeline."""
    from kzfp_cli.lookup import partner_profile
    from kzfp_cli.views import partner_detail

    run = invocation(ctx, no_color=no_color, data=data, no_builtin=no_builtin, lang=lang)
    dataset, profile = load_named(
        run, name, partner_profile, lambda found: found.summary.partner.id
    )
    show(run, partner_detail(profile, dataset, run.language), output_format)


@org_app.command("list", cls=KzfpCommand)
def org_list_command(
    ctx: typer.Context,
    on: Annotated[
        str | None,
        typer.Option(
            "--on",
            metavar="DATE",
            help="Only memberships and roles held on this date (2016-06-01, 'Jun 2016').",
        ),
    ] = None,
    fields: FieldsOption = None,
    data: DataOption = None,
    no_builtin: NoBuiltinOption = False,
    output_format: FormatOption = None,
    lang: LangOption = Lang.en,
    no_color: NoColorOption = False,
) -> None:
    """Organizations with the date Kazakhstan joined and the roles it held, oldest first."""
    from kzfp_cli.lookup import org_summaries
    from kzfp_cli.query import window_on
    from kzfp_cli.views import org_listing

    run = invocation(ctx, no_color=no_color, data=data, no_builtin=no_builtin, lang=lang)
    window = window_on(on) if on is not None else None
    listing = org_listing(org_summaries(load(run), on=window), run.language)
    show(run, listing, output_format, fields)


@org_app.command("show", cls=KzfpCommand)
def org_show_command(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(metavar="ORG", autocompletion=completer("org"), help="Id or alias."),
    ],
    data: DataOption = None,
    no_builtin: NoBuiltinOption = False,
    output_format: FormatOption = None,
    lang: LangOption = Lang.en,
    no_color: NoColorOption = False,
) -> None:
    """An organization: Kazakhstan's membership, the roles it held and related events."""
    from kzfp_cli.lookup import org_detail
    from kzfp_cli.views import org_detail_view

    run = invocation(ctx, no_color=no_color, data=data, no_builtin=no_builtin, lang=lang)
    dataset, detail = load_named(run, name, org_detail, lambda found: found.summary.org.id)
    show(run, org_detail_view(detail, dataset, run.language), output_format)


@theme_app.command("list", cls=KzfpCommand)
def theme_list_command(
    ctx: typer.Context,
    fields: FieldsOption = None,
    data: DataOption = None,
    no_builtin: NoBuiltinOption = False,
    output_format: FormatOption = None,
    lang: LangOption = Lang.en,
    no_color: NoColorOption = False,
) -> None:
    """The themes, what each means, and how many events carry it."""
    from kzfp_cli.lookup import theme_summaries
    from kzfp_cli.views import theme_listing

    run = invocation(ctx, no_color=no_color, data=data, no_builtin=no_builtin, lang=lang)
    show(run, theme_listing(theme_summaries(load(run)), run.language), output_format, fields)


def about_command(
    ctx: typer.Context,
    data: DataOption = None,
    no_builtin: NoBuiltinOption = False,
    output_format: FormatOption = None,
    lang: LangOption = Lang.en,
    no_color: NoColorOption = False,
) -> None:
    """What the data is: its version, the period it covers, when it was last reviewed,
    how many events, partners, organizations and sources it holds, and where its facts
    come from."""
    from kzfp_cli.lookup import dataset_summary
    from kzfp_cli.views import about_detail

    run = invocation(ctx, no_color=no_color, data=data, no_builtin=no_builtin, lang=lang)
    show(run, about_detail(dataset_summary(load(run)), run.language), output_format)
