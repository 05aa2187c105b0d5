"""The layout's rules, read from the source: which layer may import which, no cycles, small modules.

Every rule is a plain function over data (an import graph, a module's text) so that it is also
tested against a layout that breaks it: a rule that cannot fail would guard nothing.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from pathlib import Path

import pytest

from tests.support.paths import PACKAGE

FORBIDDEN: Mapping[str, tuple[str, ...]] = {
    "chime_mcp.chime": ("mcp", "chime_mcp.services", "chime_mcp.server", "chime_mcp.sandbox"),
    "chime_mcp.services": ("mcp", "chime_mcp.server", "chime_mcp.sandbox"),
    "chime_mcp.sandbox": ("chime_mcp.server", "chime_mcp.services"),
}
"""Layer -> what no module in it may import (at any depth, lazily or not)."""

MAX_LINES = 500

Graph = Mapping[str, frozenset[str]]


def module_name(path: Path, root: Path = PACKAGE) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(source: str, module: str, *, is_package: bool, known: Iterable[str]) -> frozenset[str]:
    """Every module `source` imports, relative imports resolved; `from pkg import mod` counts as pkg.mod."""
    known = set(known)
    package = module if is_package else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                child = f"{base}.{alias.name}"
                found.add(child if child in known else base)
    return frozenset(found)


def package_graph(root: Path = PACKAGE) -> dict[str, frozenset[str]]:
    files = {module_name(path, root): path for path in sorted(root.rglob("*.py"))}
    return {
        name: imports_of(path.read_text(), name, is_package=path.name == "__init__.py", known=files)
        for name, path in files.items()
    }


def _within(module: str, prefix: str) -> bool:
    return module == prefix or module.startswith(prefix + ".")


def layer_violations(graph: Graph, forbidden: Mapping[str, tuple[str, ...]] = FORBIDDEN) -> list[str]:
    return [
        f"{module} imports {target}"
        for module, targets in sorted(graph.items())
        for layer, banned in forbidden.items()
        if _within(module, layer)
        for target in sorted(targets)
        if any(_within(target, b) for b in banned)
    ]


def cycles(graph: Graph) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), among the graph's own modules."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in graph:
                continue
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def holds_only_data(source: str) -> bool:
    """A module of constants: a docstring, imports and assignments, nothing that runs logic."""
    allowed = (ast.Expr, ast.Import, ast.ImportFrom, ast.Assign, ast.AnnAssign)
    return all(isinstance(node, allowed) for node in ast.parse(source).body)


def oversized(files: Mapping[str, str], limit: int = MAX_LINES) -> list[str]:
    return [
        f"{name}: {text.count(chr(10))} lines"
        for name, text in sorted(files.items())
        if text.count("\n") > limit and not holds_only_data(text)
    ]


# -- the rules, applied to chime_mcp ------------------------------------------------------------


def test_layers_import_only_what_they_may() -> None:
    assert layer_violations(package_graph()) == []


def test_no_import_cycles() -> None:
    assert cycles(package_graph()) == []


def test_no_module_over_500_lines_except_data() -> None:
    files = {str(path.relative_to(PACKAGE.parent)): path.read_text() for path in PACKAGE.rglob("*.py")}
    assert oversized(files) == []


def test_the_graph_sees_the_real_package() -> None:
    graph = package_graph()
    assert "chime_mcp.chime.client" in graph
    assert any(_within(t, "chime_mcp.chime") for t in graph["chime_mcp.server.app"])


# -- each rule catches a layout that breaks it ----------------------------------------------------


def test_a_chime_module_importing_mcp_is_caught() -> None:
    graph = {"chime_mcp.chime.client": frozenset({"mcp.types", "httpx2"})}
    assert layer_violations(graph) == ["chime_mcp.chime.client imports mcp.types"]


@pytest.mark.parametrize(
    ("module", "target"),
    [
        ("chime_mcp.services.timeline.build", "chime_mcp.server.tools"),
        ("chime_mcp.services.previews", "mcp"),
        ("chime_mcp.sandbox.app", "chime_mcp.server.app"),
        ("chime_mcp.sandbox.handlers.leads", "chime_mcp.services.completions"),
        ("chime_mcp.chime.catalog", "chime_mcp.sandbox"),
    ],
)
def test_every_forbidden_edge_is_caught(module: str, target: str) -> None:
    assert layer_violations({module: frozenset({target})}) == [f"{module} imports {target}"]


def test_allowed_edges_pass() -> None:
    graph = {
        "chime_mcp.server.app": frozenset({"mcp", "chime_mcp.services.timeline", "chime_mcp.chime.client"}),
        "chime_mcp.sandbox.app": frozenset({"chime_mcp.chime.catalog"}),
        "chime_mcp.mcpish": frozenset({"chime_mcp.server"}),
    }
    assert layer_violations(graph) == []


def test_a_cycle_is_caught_and_a_chain_is_not() -> None:
    assert cycles({"a": frozenset({"b"}), "b": frozenset({"c"}), "c": frozenset({"a"})}) == [["a", "b", "c"]]
    assert cycles({"a": frozenset({"b"}), "b": frozenset({"c"}), "c": frozenset()}) == []


def test_relative_and_lazy_imports_are_seen() -> None:
    source = "from . import sibling\nfrom ..server import app\ndef f():\n    import mcp.server\n"
    found = imports_of(
        source,
        "chime_mcp.chime.client",
        is_package=False,
        known={"chime_mcp.chime.sibling", "chime_mcp.server.app"},
    )
    assert found == {"chime_mcp.chime.sibling", "chime_mcp.server.app", "mcp.server"}


def test_a_long_module_with_logic_is_caught_and_a_long_data_module_is_not() -> None:
    logic = "def f():\n    return 1\n" + "X = 1\n" * 600
    data = '"""Words."""\nNAMES = (\n' + '    "x",\n' * 600 + ")\n"
    assert oversized({"logic.py": logic, "data.py": data}) == ["logic.py: 602 lines"]
