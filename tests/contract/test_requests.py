"""Every tool, called with full arguments, sends what the published document defines.

Each tool is called with every argument filled with a valid value (tests.support.contract_requests
builds them from the tool's input schema), and once more with only its required ones (what a
minimal call sends must be enough: a field the document requires is sent); each request it sends is checked against the
document's entry for its operation: path and query parameters (names and types), required
headers, and the JSON body (jsonschema, with the document's components; no property the document
does not define, none it marks read-only).
"""

from __future__ import annotations

from typing import Any

import pytest

from chime_mcp.server.tools.specs import ToolSpec, all_tool_specs
from tests.support import contract_report
from tests.support.contract import conforming_answers, documented
from tests.support.contract_requests import arguments, fewest_arguments, request_problems
from tests.support.contract_server import Served

pytestmark = pytest.mark.anyio

DOCUMENTED = [spec for spec in all_tool_specs() if documented(spec.operation) is not None]
OPTIONS = ("confirmationToken",)
"""Arguments the server reads itself; never sent to Chime."""


def given_arguments(served: Served, spec: ToolSpec, *, full: bool = True) -> dict[str, Any]:
    schema = served.schemas[spec.name]
    given = arguments(schema) if full else fewest_arguments(spec.operation, schema)
    return {name: value for name, value in given.items() if name not in OPTIONS}


async def sent_problems(served: Served, spec: ToolSpec, given: dict[str, Any]) -> list[str]:
    _, text = await served.call(spec.name, given, conforming_answers(spec.operation)[0])
    # An overwrite reads the record first (its own documented GET): the write is what is checked.
    requests = [request for request in served.wire.requests if request.method == spec.operation.method]
    problems = [problem for request in requests for problem in request_problems(spec.operation, request)]
    if not requests:
        problems.append(f"no request sent; the tool said: {text[:300]}")
    contract_report.request(spec.name, not problems)
    return problems


@pytest.mark.parametrize("spec", DOCUMENTED, ids=lambda spec: spec.name)
async def test_a_call_with_full_arguments_sends_what_the_document_defines(served: Served, spec: ToolSpec) -> None:
    given = given_arguments(served, spec)
    problems = await sent_problems(served, spec, given)
    assert not problems, f"{spec.name}({', '.join(given)}):\n" + "\n".join(problems)


@pytest.mark.parametrize("spec", DOCUMENTED, ids=lambda spec: spec.name)
async def test_a_call_with_required_arguments_sends_what_the_document_requires(served: Served, spec: ToolSpec) -> None:
    given = given_arguments(served, spec, full=False)
    problems = await sent_problems(served, spec, given)
    assert not problems, f"{spec.name}({', '.join(given)}):\n" + "\n".join(problems)


def test_the_arguments_fill_every_property_of_every_tool(served: Served) -> None:
    for spec in DOCUMENTED:
        schema = served.schemas[spec.name]
        assert set(given_arguments(served, spec)) == set(schema.get("properties", {})) - set(OPTIONS)
