"""Every command is documented: it has help text and a section of the README."""

from __future__ import annotations

from pathlib import Path

import typer

from kzfp_cli.cli import app

README = Path(__file__).resolve().parents[1] / "README.md"


def command_paths() -> list[str]:
    paths = []

    def walk(command, path: str) -> None:
        children = getattr(command, "commands", {})
        if not children:
            paths.append(path)
        for name, child in children.items():
            walk(child, f"{path} {name}")

    walk(typer.main.get_command(app), "kzfp")
    return paths


# These print one fixed format by nature (a JSON Schema, a chart, an export file), so they
# have no --format.
WITHOUT_FORMAT = {
    "kzfp schema show",
    "kzfp chart",
    "kzfp export timelinejs",
    "kzfp export ics",
    "kzfp export html",
    "kzfp export md",
}


def test_every_command_is_in_the_readme_and_has_help(kzfp):
    paths = command_paths()
    assert "kzfp timeline" in paths
    assert "kzfp org list" in paths
    headings = [
        line for line in README.read_text(encoding="utf-8").splitlines() if line.startswith("### ")
    ]
    for path in paths:
        assert any(f"`{path}" in heading for heading in headings), f"no README section: {path}"
        run = kzfp(*path.split()[1:], "--help")
        assert run.exit_code == 0, path
        assert ("--format" in run.stdout) == (path not in WITHOUT_FORMAT), path


def test_the_readme_documents_every_data_column_and_theme():
    from kzfp_cli.store import TABLE_COLUMNS, load_dataset

    text = README.read_text(encoding="utf-8")
    data_section = text[text.index("## The data") :]
    for name, columns in TABLE_COLUMNS.items():
        assert f"`{name}.csv`" in data_section, name
        for column in columns:
            assert f"`{column}`" in data_section, f"{name}.csv: {column}"
    for theme in load_dataset().themes.values():
        assert f"| `{theme.id}` | {theme.description} |" in data_section
