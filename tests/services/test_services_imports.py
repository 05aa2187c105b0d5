"""services/ is MCP-free: it imports nothing of `mcp`, `chime_mcp.server` or `chime_mcp.sandbox`.

(The project-wide import-rule test may replace this one; it checks the same rule for services.)
"""

from __future__ import annotations

import ast
from pathlib import Path

import chime_mcp.services

FORBIDDEN = ("mcp", "mcp_types", "chime_mcp.server", "chime_mcp.sandbox")
SERVICES = Path(chime_mcp.services.__file__).parent


def forbidden_imports(source: str, package: str) -> list[str]:
    """The modules `source` imports that services may not (relative imports resolved in `package`)."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            names = [base]
        found += [n for n in names if any(n == f or n.startswith(f + ".") for f in FORBIDDEN)]
    return found


def test_the_check_sees_every_spelling() -> None:
    # A rule test that cannot fail is a defect: each of these must be caught.
    sample = (
        "import mcp\nfrom mcp.server.mcpserver import MCPServer\nimport mcp_types\n"
        "from chime_mcp.server.tools import Backend\nfrom ..sandbox import app\n"
        "from chime_mcp.services.timeline import KINDS\nimport mcpish\n"
    )
    assert forbidden_imports(sample, "chime_mcp.services") == [
        "mcp",
        "mcp.server.mcpserver",
        "mcp_types",
        "chime_mcp.server.tools",
        "chime_mcp.sandbox",
    ]


def test_services_import_no_mcp_server_or_sandbox() -> None:
    modules = sorted(SERVICES.rglob("*.py"))
    assert len(modules) >= 8
    for path in modules:
        package = ".".join(("chime_mcp", *path.relative_to(SERVICES.parent).parent.parts))
        assert forbidden_imports(path.read_text(encoding="utf-8"), package) == [], path
