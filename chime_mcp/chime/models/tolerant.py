"""The tolerant reader: an answer that does not fit the models never fails a record or a page.

Response models are already as wide as the published document allows (optional fields, plain
types). Live data goes further: a null where the document requires a value, a wrong type in
one field, a record that is not an object. Under a reading context (`reading(found)`, which the
client passes when it validates an answer), every model reads what fits, leaves a field that
does not fit empty (an item that does not fit is left out of its list) and writes one
`Unexpected` per such place into `found`. Without that context (the sandbox validating its own
answers, request bodies) the models stay as strict as they are.

Values are never copied into a finding: an answer holds people's data, and findings are logged.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any, Optional, cast

from pydantic import BaseModel, ValidationError, ValidationInfo, create_model, model_validator
from pydantic_core import ErrorDetails

_FOUND = "chime_mcp.unexpected"
"""The key of the validation context under which a read is tolerant."""


@dataclass
class Unexpected:
    """One place in an answer that did not fit: which record, which field, what came instead."""

    field: str
    came: str
    outcome: str = "left empty"
    record: str = ""

    def __str__(self) -> str:
        where = f"{self.record}: " if self.record else ""
        return f"{where}{self.field} was {self.came}, {self.outcome}"


def reading(found: list[Unexpected]) -> dict[str, Any]:
    """The validation context of a tolerant read, collecting into `found`."""
    return {_FOUND: found}


def summary(found: list[Unexpected], most: int = 3) -> str:
    """One short line for the model: which fields of which records did not fit."""
    if not found:
        return ""
    shown = "; ".join(str(item) for item in found[:most])
    more = f"; and {len(found) - most} more" if len(found) > most else ""
    return f"Unexpected in the answer: {shown}{more}."


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _came(error: ErrorDetails, raw: Any) -> str:
    if error["type"] == "missing":
        return "missing"
    return _kind(raw)


def without_misfits(data: Any, error: ValidationError, found: list[Unexpected], where: str = "") -> Any:
    """`data` with each field or list item an error points at taken out, each one noted in `found`.

    An error inside a list item takes out that item only, so one bad record does not empty a page.
    """
    if isinstance(data, list):
        bad = {e["loc"][0] for e in error.errors() if e["loc"] and isinstance(e["loc"][0], int)}
        for index in sorted(bad):
            found.append(Unexpected(f"{where or 'item'}[{index}]", f"{_kind(data[index])}, not a record", "left out"))
        return [item for index, item in enumerate(data) if index not in bad]
    if not isinstance(data, dict):
        raise error
    cleaned = dict(data)
    items: dict[str, set[int]] = {}
    for e in error.errors():
        loc = e["loc"]
        if not loc or not isinstance(loc[0], str):
            raise error
        key = loc[0]
        value = data.get(key)
        if len(loc) > 1 and isinstance(loc[1], int) and isinstance(value, list):
            items.setdefault(key, set()).add(loc[1])
        elif key in cleaned or e["type"] == "missing":
            found.append(Unexpected(key, _came(e, value)))
            cleaned.pop(key, None)
    for key, bad in items.items():
        if key in cleaned:
            for index in sorted(bad):
                found.append(Unexpected(f"{key}[{index}]", _kind(data[key][index]), "left out"))
            cleaned[key] = [item for index, item in enumerate(data[key]) if index not in bad]
    return cleaned


@cache
def _relaxed(model: type[BaseModel]) -> type[BaseModel]:
    """`model` with every required field optional: what is left of a record once misfits are out."""
    required = {
        name: (Optional[info.annotation], None)  # noqa: UP045 - create_model wants a runtime type
        for name, info in model.model_fields.items()
        if info.is_required()
    }
    return cast(type[BaseModel], create_model(model.__name__, __base__=model, **cast(Any, required)))


@cache
def _integer_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The wire names of `model`'s integer fields: a string there reads, but is noted."""
    return tuple(
        info.alias or name
        for name, info in model.model_fields.items()
        if info.annotation in (int, Optional[int])  # noqa: UP045
    )


def _label(model: type[BaseModel], data: Any) -> str:
    """'lead 123' for a record that carries its id; '' otherwise."""
    if not isinstance(data, dict):
        return ""
    noun = model.__name__.removesuffix("Response").removesuffix("Vo")
    for key in (f"{noun[:1].lower()}{noun[1:]}Id", "id"):
        value = data.get(key)
        if isinstance(value, int | str) and not isinstance(value, bool) and str(value):
            return f"{_spaced(noun)} {value}"
    return ""


def _spaced(name: str) -> str:
    return "".join(f" {ch.lower()}" if ch.isupper() and i else ch.lower() for i, ch in enumerate(name))


class TolerantRead(BaseModel):
    """Mixin of every model read from the API; see the module docstring."""

    @model_validator(mode="wrap")
    @classmethod
    def _tolerate(cls, data: Any, handler: Any, info: ValidationInfo) -> Any:
        found = info.context.get(_FOUND) if isinstance(info.context, dict) else None
        if found is None:
            return handler(data)
        start = len(found)
        try:
            result = handler(data)
        except ValidationError as error:
            del found[start:]  # the nested records are read again below, and note their own misfits
            cleaned = without_misfits(data, error, found)
            strict = any(i.is_required() for i in cls.model_fields.values())
            if cleaned == data and not strict:
                raise  # nothing to leave out: the record as a whole is not one (its parent leaves it out)
            result = (_relaxed(cls) if strict else cls).model_validate(cleaned, context=info.context)
        if isinstance(data, dict):
            for key in _integer_fields(cls):
                if isinstance(data.get(key), str):
                    found.append(Unexpected(key, "a string", "read as a number"))
        label = _label(cls, data)
        if label:
            for item in found[start:]:
                item.record = item.record or label
        return result
