"""Extract from Lofty's published OpenAPI document what the contract tests need.

Keeps the v1.0 operations the catalog (the reference) covers (their path and query parameters,
request body and responses) and every component schema they reference, so the repository
carries a fraction of the 586 KB document. Run from the repository root:

    python tests/data/extract_openapi.py ../shared/chime-api/lofty-openapi.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from chime_mcp.chime.catalog import OPERATIONS

OUT = Path(__file__).parent / "lofty-openapi-v1.json"


def refs(node: Any) -> set[str]:
    if isinstance(node, dict):
        found = {node["$ref"].rsplit("/", 1)[-1]} if isinstance(node.get("$ref"), str) else set()
        for value in node.values():
            found |= refs(value)
        return found
    if isinstance(node, list):
        return set().union(*(refs(item) for item in node)) if node else set()
    return set()


def main(source: str) -> None:
    document = json.loads(Path(source).read_text())
    schemas = document["components"]["schemas"]
    paths: dict[str, dict[str, Any]] = {}
    for op in OPERATIONS:
        item = document["paths"].get(op.path, {}).get(op.method.lower())
        if item is not None:
            kept: dict[str, Any] = {"responses": item["responses"]}
            parameters = [p for p in item.get("parameters", []) if p.get("in") in ("path", "query")]
            if parameters:
                kept["parameters"] = parameters
            if "requestBody" in item:
                kept["requestBody"] = item["requestBody"]
            paths.setdefault(op.path, {})[op.method.lower()] = kept
    needed: set[str] = set()
    todo = refs(paths)
    while todo:
        name = todo.pop()
        if name not in needed:
            needed.add(name)
            todo |= refs(schemas[name])
    extract = {
        "openapi": document["openapi"],
        "info": {**document["info"], "description": "Extract: see tests/data/extract_openapi.py"},
        "paths": paths,
        "components": {"schemas": {name: schemas[name] for name in sorted(needed)}},
    }
    OUT.write_text(json.dumps(extract, indent=1, sort_keys=True) + "\n")
    print(f"{OUT}: {len(paths)} paths, {len(needed)} schemas, {OUT.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/chime-api/lofty-openapi.json")
