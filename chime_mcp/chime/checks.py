"""What the client checks in a request before sending it, beyond the models' types.

Fields and parameters say what they need in their `Annotated` metadata: `TextLimit` (the API
keeps at most so many characters, and cuts the rest without a word) and a `WireTime` (a time
argument, taken in any of `TIME_FORMS` and sent in the form that endpoint's wire takes). The
models do not enforce these: the sandbox validates with the same models and cuts long texts
as the live API does. The client does, so nothing is cut or misdated silently.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Annotated, Any, get_args, get_origin

from pydantic import BaseModel

from chime_mcp.chime import errors
from chime_mcp.chime.limits import KeptLength, TextLimit
from chime_mcp.chime.times import EpochMillis, WireTime, epoch_ms_problem


def marked(model: type[BaseModel], marker: type[Any]) -> dict[str, Any]:
    """The wire names of `model`'s fields whose metadata holds a `marker`, with that metadata."""
    found: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        for meta in [*info.metadata, *_optional_metadata(info.annotation)]:
            if isinstance(meta, marker):
                found[info.alias or name] = meta
    return found


def _optional_metadata(annotation: Any) -> list[Any]:
    """The metadata of an `Annotated[...] | None`: pydantic keeps it inside the union."""
    return [meta for arg in get_args(annotation) if get_origin(arg) is Annotated for meta in get_args(arg)[1:]]


def _nested(model: type[BaseModel]) -> Iterator[tuple[str, type[BaseModel]]]:
    """(wire name, model) of each field that holds a model or a list of them."""
    for name, info in model.model_fields.items():
        stack = [info.annotation]
        while stack:
            kind = stack.pop()
            if isinstance(kind, type) and issubclass(kind, BaseModel):
                yield info.alias or name, kind
            else:
                stack.extend(get_args(kind))


def with_wire_times(model: type[BaseModel], body: Mapping[str, Any]) -> dict[str, Any]:
    """`body` with every time argument, at any depth, in the form the wire takes."""
    converted = dict(body)
    for wire, form in marked(model, WireTime).items():
        try:
            converted[wire] = form.to_wire(wire, converted.get(wire))
        except ValueError as exc:
            raise errors.InvalidInputError(f"Nothing was sent: {exc}", fields=(wire,)) from None
    for wire, inner in _nested(model):
        value = converted.get(wire)
        if isinstance(value, Mapping):
            converted[wire] = with_wire_times(inner, value)
        elif isinstance(value, list):
            converted[wire] = [with_wire_times(inner, v) if isinstance(v, Mapping) else v for v in value]
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
    for wire, form in marked(model, EpochMillis).items():
        value = dumped.get(wire)
        if isinstance(value, int) and not isinstance(value, bool) and value != form.unset:
            problem = epoch_ms_problem(wire, value)
            if problem:
                fields.append(wire)
                problems.append(problem)
    if problems:
        raise errors.InvalidInputError("Nothing was sent: " + "; ".join(problems), fields=tuple(fields))


def cuts(model: type[BaseModel], dumped: Mapping[str, Any]) -> list[tuple[str, str, int]]:
    """The texts of a body the API keeps only the start of (`KeptLength`): (field, what it
    keeps, how many characters it drops), for each text sent longer than the API keeps."""
    found: list[tuple[str, str, int]] = []
    for wire, kept in marked(model, KeptLength).items():
        value = dumped.get(wire)
        texts = value if isinstance(value, list) else [value]
        for text in texts:
            if isinstance(text, str) and len(text) > kept.characters:
                found.append((wire, text[: kept.characters], len(text) - kept.characters))
    return found


def check_one_of(tool: str, names: tuple[str, ...], dumped: Mapping[str, Any]) -> None:
    """Refuse a body that has none of the fields the API needs one of (`Body.one_of`)."""
    if names and all(dumped.get(name) in (None, "") for name in names):
        raise errors.InvalidInputError(
            f"Nothing was sent: {tool} needs at least one of {', '.join(names)}.", fields=names
        )
