"""What the client checks in a request body before sending it, beyond the models' types.

Fields say what they need in their `Annotated` metadata: `TextLimit` (the API keeps at most so
many characters, and cuts the rest without a word) and `EpochMillis` (a time in epoch
milliseconds). The models do not enforce these: the sandbox validates with the same models and
cuts long texts as the live API does. The client does, so nothing is cut or misdated silently.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

from chime_mcp.chime import errors
from chime_mcp.chime.limits import TextLimit
from chime_mcp.chime.times import EpochMillis, epoch_ms_problem, to_epoch_ms


def marked(model: type[BaseModel], marker: type[Any]) -> dict[str, Any]:
    """The wire names of `model`'s fields whose metadata holds a `marker`, with that metadata."""
    found: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        for meta in info.metadata:
            if isinstance(meta, marker):
                found[info.alias or name] = meta
    return found


def with_wire_times(model: type[BaseModel], body: Mapping[str, Any]) -> dict[str, Any]:
    """`body` with every epoch-milliseconds time given as ISO 8601 turned into epoch milliseconds."""
    converted = dict(body)
    for wire in marked(model, EpochMillis):
        if isinstance(converted.get(wire), str):
            try:
                converted[wire] = to_epoch_ms(converted[wire])
            except ValueError:
                raise errors.InvalidInputError(
                    f"{wire} {converted[wire]!r} is not a time: give ISO 8601 such as "
                    "2026-12-05T15:00:00-06:00 or epoch milliseconds",
                    fields=(wire,),
                ) from None
    return converted


def check_sent(model: type[BaseModel], dumped: Mapping[str, Any]) -> None:
    """Refuse a body the API would cut or misread: too-long texts, times that are not epoch ms."""
    problems: list[str] = []
    fields: list[str] = []
    for wire, limit in marked(model, TextLimit).items():
        text = dumped.get(wire)
        if isinstance(text, str) and len(text) > limit.characters:
            fields.append(wire)
            problems.append(
                f"{wire} is {len(text):,} characters; {limit.records} take at most {limit.characters:,}: "
                f"shorten it or {limit.remedy}"
            )
    for wire in marked(model, EpochMillis):
        value = dumped.get(wire)
        if isinstance(value, int) and not isinstance(value, bool):
            problem = epoch_ms_problem(wire, value)
            if problem:
                fields.append(wire)
                problems.append(problem)
    if problems:
        raise errors.InvalidInputError("Nothing was sent: " + "; ".join(problems), fields=tuple(fields))
