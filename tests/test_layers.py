"""The layers of the package: imports go one way, and no module imports one that imports
it back, at any depth, even inside a function or for type checking only."""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import kzfp_cli

PACKAGE = Path(kzfp_cli.__file__).parent


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, modules: set[str]) -> set[str]:
    """The package's modules that the file at ``path`` imports, wherever it does."""
    found: set[str] = set()
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            # from kzfp_cli.store import tables imports the submodule; any other name
            # comes from the package itself
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                found.add(submodule if submodule in modules else base)
    return {module for module in found if module in modules and module != name}


@cache  # the package does not change while the tests run
def import_graph() -> dict[str, set[str]]:
    paths = sorted(PACKAGE.rglob("*.py"))
    modules = {module_name(path) for path in paths}
    return {module_name(path): imports_of(path, modules) for path in paths}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every cycle of the graph, each once, as the path that closes it."""
    found: list[list[str]] = []
    seen: set[frozenset[str]] = set()

    def walk(start: str, node: str, path: list[str]) -> None:
        for following in sorted(graph[node]):
            if following == start:
                key = frozenset(path)
                if key not in seen:
                    seen.add(key)
                    found.append([*path, start])
            elif following not in path and following > start:
                walk(start, following, [*path, following])

    for start in sorted(graph):
        walk(start, start, [start])
    return found


def test_the_graph_sees_imports_of_every_kind():
    graph = import_graph()
    assert "kzfp_cli.cli.options" in graph["kzfp_cli.cli.events"]
    assert "kzfp_cli.store" in graph["kzfp_cli.cli.common"]  # inside a function
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c", "a"]]


def test_no_module_imports_one_that_imports_it_back():
    assert cycles(import_graph()) == []


def test_the_library_never_imports_the_command_line():
    graph = import_graph()
    speaking_cli = {
        module: sorted(imported for imported in imports if imported.startswith("kzfp_cli.cli"))
        for module, imports in graph.items()
        if not module.startswith(("kzfp_cli.cli", "kzfp_cli.__main__"))
    }
    assert {module: found for module, found in speaking_cli.items() if found} == {}
