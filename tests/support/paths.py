"""Where things are, for tests in any folder: the checkout, the package, the test data."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "chime_mcp"
DATA = ROOT / "tests" / "data"
PUBLISHED = DATA / "lofty-openapi.json"
"""Lofty's published OpenAPI document, copied whole from ../shared/chime-api (the contract)."""
