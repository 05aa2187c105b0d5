"""The sandbox's handler package: its layout, its registry, its typed context, and the facts it
reads from the catalog instead of writing them again."""

from __future__ import annotations

import ast
import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx2
import pytest
from pydantic import BaseModel

import chime_mcp.sandbox.handlers as handlers
from chime_mcp.chime import catalog
from chime_mcp.chime.catalog import BY_NAME, OPERATIONS, TOOLSETS
from chime_mcp.chime.catalog.transactions import TRANSACTION_READ_ONLY
from chime_mcp.chime.models import LeadAssigineeRequest
from chime_mcp.sandbox.app import Sandbox, create_app
from chime_mcp.sandbox.handlers import HANDLERS, Call, handler
from chime_mcp.sandbox.handlers.records import METADATA
from chime_mcp.sandbox.handlers.transactions import READ_ONLY
from tests.support.sandboxes import fresh_sandbox

PACKAGE = Path(handlers.__file__).parent
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 60


def _functions(tree: ast.AST) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
    return (node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef))


# -- layout -------------------------------------------------------------------------------------


def test_each_handler_lives_in_the_module_of_its_toolset() -> None:
    misplaced = {
        op.tool: HANDLERS[op.tool].__module__
        for op in OPERATIONS
        if HANDLERS[op.tool].__module__ != f"chime_mcp.sandbox.handlers.{op.toolset}"
    }
    assert misplaced == {}
    assert {path.stem for path in PACKAGE.glob("*.py")} >= set(TOOLSETS)


def test_no_handler_module_or_function_is_too_long() -> None:
    too_long: list[str] = []
    for path in sorted(PACKAGE.glob("*.py")):
        text = path.read_text()
        if len(text.splitlines()) > MAX_MODULE_LINES:
            too_long.append(f"{path.name}: {len(text.splitlines())} lines")
        for fn in _functions(ast.parse(text)):
            length = (fn.end_lineno or fn.lineno) - fn.lineno + 1
            if length > MAX_FUNCTION_LINES:
                too_long.append(f"{path.name}:{fn.name}: {length} lines")
    assert too_long == []


# -- the registry -------------------------------------------------------------------------------


def test_a_second_handler_for_an_operation_is_refused() -> None:
    with pytest.raises(ValueError, match="get_note has two handlers"):
        handler(catalog.notes.GET_NOTE)(lambda call: None)
    assert HANDLERS["get_note"].__name__ == "get_note"


# -- the typed context --------------------------------------------------------------------------


def _call(tool: str, params: dict[str, object], body: BaseModel | list[BaseModel] | None = None) -> Call:
    return Call(op=BY_NAME[tool], store=fresh_sandbox().store, params=params, body=body, now=0.0)


def test_parameters_are_read_with_their_types() -> None:
    call = _call("search_leads", {"key": "bob", "limit": 5, "contacted": True, "offset": None})
    assert (call.text("key"), call.integer("limit"), call.flag("contacted"), call.integer("offset")) == (
        "bob",
        5,
        True,
        None,
    )
    with pytest.raises(TypeError, match="search_leads: parameter key is str, not an integer"):
        call.integer("key")
    with pytest.raises(TypeError, match="not an integer"):
        call.integer("contacted")  # a bool is no integer
    with pytest.raises(TypeError, match="not text"):
        call.text("limit")
    with pytest.raises(TypeError, match="not a boolean"):
        call.flag("key")


def test_missing_parameters_take_the_catalog_default() -> None:
    assert _call("search_calls", {"limit": None}).integer_or_default("limit") == 25
    assert _call("search_calls", {"limit": 3}).integer_or_default("limit") == 3
    assert _call("list_system_logs", {}).integer_or_default("pageSize") == 100
    assert _call("search_leads_created_since", {}).text_or_default("leadCreateTime") == "2000-01-01 00:00:00"
    with pytest.raises(LookupError, match="no integer default"):
        _call("search_calls", {}).integer_or_default("offset")
    with pytest.raises(LookupError, match="parameter noteId is missing"):
        _call("get_note", {"noteId": None}).ident("noteId")


def test_answers_are_wrapped_in_the_catalog_key() -> None:
    assert _call("list_notes", {}).wrap([]) == {"notes": []}
    assert _call("get_call", {}).wrap({}) == {"calls": {}}  # the first of the keys the client accepts
    with pytest.raises(LookupError, match="no wrapper key"):
        _call("list_lead_ponds", {}).wrap([])


def test_the_body_as_fields_or_as_models() -> None:
    request = LeadAssigineeRequest(assignee="a@b.c", role="Agent")
    assert _call("assign_lead", {}, [request]).items(LeadAssigineeRequest) == [request]
    with pytest.raises(TypeError, match="not a list of LeadAssigineeRequest"):
        _call("assign_lead", {}, request).items(LeadAssigineeRequest)
    assert _call("update_note", {}, request).fields() == {"assignee": "a@b.c", "role": "Agent"}
    with pytest.raises(TypeError, match="not one object"):
        _call("update_note", {}, [request]).fields()


# -- facts read from the catalog and the models -------------------------------------------------


def test_the_metadata_key_is_the_models_wire_name() -> None:
    for tool in ("search_calls", "search_leads", "list_members"):
        result: Any = BY_NAME[tool].result
        assert result.model_fields["metadata"].serialization_alias == METADATA


def test_transaction_read_only_fields_are_the_catalogs() -> None:
    assert frozenset(TRANSACTION_READ_ONLY) == READ_ONLY


@pytest.fixture
async def raw() -> Any:
    box: Sandbox = fresh_sandbox()
    ticks = itertools.count()
    box.config.clock = lambda: 1_780_000_000.0 + next(ticks)
    transport = httpx2.ASGITransport(app=create_app(sandbox=box))
    headers = {"Authorization": f"token {box.config.api_key}"}
    async with httpx2.AsyncClient(transport=transport, base_url="http://sandbox", headers=headers) as client:
        yield client, box


@pytest.mark.anyio
async def test_a_request_without_a_limit_gets_the_catalogs_default(raw: Any) -> None:
    client, box = raw
    lead_id = next(lead["leadId"] for lead in box.state.leads.values() if lead["firstName"] == "Bob")
    answer = (await client.get("/v1.0/calls", params={"leadId": lead_id})).json()
    assert answer[METADATA]["limit"] == catalog.communication.SEARCH_CALLS.params[1].default == 25
    since = await client.get("/v1.0/leads/createTime")  # no time: the catalog's, as the client sends
    assert since.status_code == 200 and since.json()[METADATA]["total"] == len(box.state.leads)
