"""Reads of wire fields the response models do not declare (yet).

The published document has fields the models lack; response models allow extras, so the values
are there, only untyped. Every such read goes through `wire_extra`, so that when the models
declare a field (`LogTypeResponse.content`, `emailSubject`, `logType`;
`SystemLogResponse.timelineTypeDesc`, `refId`; `TextResponse.textContent`) each call can be
replaced by the plain attribute. Find them all with `grep -rn wire_extra chime_mcp`.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


def wire_extra(model: BaseModel, name: str) -> Any:
    """A wire field the model may not declare (kept because response models allow extras)."""
    value = getattr(model, name, None)
    if value is None and model.model_extra:
        value = model.model_extra.get(name)
    return value
