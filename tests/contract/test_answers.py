"""Every tool reads every answer the published document allows, and tells where live data drifts.

For each tool whose operation the document describes, answers built from the operation's 2xx
schema (tests.support.contract) are served as the HTTP answer, and the tool is called through an
in-memory MCP client, as a model would. A conforming answer must give a result, not an error
(parsed and rendered); a drifting one (a null in a required field, integers as strings) must
too, with one line "Unexpected in the answer: ..." naming the field.
"""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Any

import pytest

from chime_mcp.server.tools.specs import ToolSpec, all_tool_specs
from tests.support import contract_report
from tests.support.contract import Answer, conforming_answers, documented, drift_answers, leaf
from tests.support.contract_requests import fewest_arguments
from tests.support.contract_server import Served

pytestmark = pytest.mark.anyio

SPECS = {spec.name: spec for spec in all_tool_specs()}
DOCUMENTED = [spec for spec in SPECS.values() if documented(spec.operation) is not None]
contract_report.NOT_IN_DOCUMENT.update(name for name in SPECS if documented(SPECS[name].operation) is None)

UNEXPECTED = "Unexpected in the answer:"


def _call(served: Served, spec: ToolSpec, answer: Answer) -> Awaitable[tuple[bool, str]]:
    """The tool, with its required arguments (and detail, for every field), on `answer`."""
    schema = served.schemas[spec.name]
    given = fewest_arguments(spec.operation, schema)
    if "detail" in schema.get("properties", {}):
        given["detail"] = True
    return served.call(spec.name, given, answer)


def _cases(drift: bool) -> list[Any]:
    return [
        pytest.param(spec, answer, id=f"{spec.name}-{answer.variant}")
        for spec in DOCUMENTED
        for answer in (drift_answers(spec.operation) if drift else conforming_answers(spec.operation))
    ]


@pytest.mark.parametrize(("spec", "answer"), _cases(drift=False))
async def test_a_conforming_answer_parses_and_renders(served: Served, spec: ToolSpec, answer: Answer) -> None:
    passed, text = await _call(served, spec, answer)
    passed = passed and bool(served.wire.requests)
    contract_report.variant(spec.name, answer.variant, passed and UNEXPECTED not in text)
    assert passed, f"{spec.name} on the {answer.variant} answer: {text[:600]}"
    assert UNEXPECTED not in text, f"{spec.name} calls a conforming answer unexpected: {text[:600]}"


@pytest.mark.parametrize(("spec", "answer"), _cases(drift=True))
async def test_a_drifting_answer_parses_and_names_the_field(served: Served, spec: ToolSpec, answer: Answer) -> None:
    passed, text = await _call(served, spec, answer)
    passed = passed and bool(served.wire.requests)
    said = [line for line in text.splitlines() if line.strip().startswith(UNEXPECTED)]
    names = {leaf(where) for where in answer.drifted}
    named = len(said) == 1 and len(said[0]) <= 300 and any(name in said[0] for name in names)
    contract_report.variant(spec.name, answer.variant, passed and named)
    assert passed, f"{spec.name} on the {answer.variant} answer: {text[:600]}"
    assert named, f"{spec.name} on {answer.variant} ({', '.join(answer.drifted[:3])}) should say so: {text[:600]}"
