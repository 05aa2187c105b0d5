"""What each MCP tool looks like, derived from the operation catalog (no MCP imports here).

A tool's arguments are the operation's path and query parameters plus the fields of its body,
flattened to the top level, so the model fills `firstName` rather than `lead.firstName`.
"""

from __future__ import annotations

import inspect
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field
from pydantic.fields import FieldInfo

from chime_mcp.chime import models
from chime_mcp.chime.catalog import OPERATIONS
from chime_mcp.chime.operation import Effect, Operation

Target = Literal["param", "body", "body_list", "option"]

DETAIL_RESULTS: tuple[type[BaseModel], ...] = (models.LeadResponse, models.LeadListResponse)
"""Results big enough that the text shows a summary unless `detail` is asked for."""


@dataclass(frozen=True)
class Argument:
    name: str
    annotation: Any
    default: Any
    target: Target
    wire: str = ""
    """The name on the wire, where the tool argument is named otherwise."""

    @property
    def required(self) -> bool:
        return self.default is inspect.Parameter.empty


@dataclass(frozen=True)
class ToolSpec:
    name: str
    title: str
    description: str
    operation: Operation[Any]
    arguments: tuple[Argument, ...]
    fixed: Mapping[str, Any] = field(default_factory=dict)

    @property
    def effect(self) -> Effect:
        return self.operation.effect

    @property
    def toolset(self) -> str:
        return self.operation.toolset

    def split(self, values: Mapping[str, Any]) -> tuple[dict[str, Any], Any]:
        """Tool arguments -> (path/query params, body) for `ChimeClient.call`."""
        params: dict[str, Any] = {}
        body: dict[str, Any] = dict(self.fixed)
        body_list: Any = None
        for argument in self.arguments:
            value = values.get(argument.name)
            if argument.target == "param":
                if value is not None:
                    params[argument.wire or argument.name] = value
            elif argument.target == "body":
                if value is not None:
                    body[argument.name] = value
            elif argument.target == "body_list":
                body_list = value
        spec = self.operation.body
        if spec is None:
            return params, None
        if spec.is_list:
            return params, body_list
        # A body field that is also a path parameter takes the path's value, unless the body
        # must not carry it (update_transaction's transactionId is read-only in the document).
        for name in spec.model.model_fields:
            if name in params and name not in body and name not in spec.tool_hidden:
                body[name] = params[name]
        return params, body


def _param_argument(param: Any) -> Argument:
    annotation = Annotated[param.annotation, Field(description=param.description or None)]
    if param.default is not None:
        default: Any = param.default
    elif param.required:
        default = inspect.Parameter.empty
    else:
        default = None
    if param.tool_name:
        return Argument(param.tool_name, annotation, default, "param", wire=param.name)
    return Argument(param.name, annotation, default, "param")


def _body_arguments(operation: Operation[Any], taken: set[str], skipped: set[str]) -> list[Argument]:
    spec = operation.body
    if spec is None:
        return []
    if spec.is_list:
        list_type: Any = list[spec.model]  # type: ignore[name-defined]
        return [Argument(spec.name, list_type, inspect.Parameter.empty, "body_list")]
    arguments = []
    for name, info in spec.model.model_fields.items():
        wire = info.alias or name
        if wire in taken or wire in skipped or wire in spec.tool_hidden:
            continue
        argument = _field_argument(wire, info)
        if wire in spec.tool_types:
            narrowed: Any = Annotated[spec.tool_types[wire], Field(description=info.description)]
            argument = Argument(wire, narrowed, argument.default, "body")
        arguments.append(argument)
    return arguments


def _field_argument(name: str, info: FieldInfo) -> Argument:
    annotation: Any = info.annotation
    metadata = list(info.metadata)
    described = Field(description=info.description) if info.description else None
    extras = [*metadata, *([described] if described else [])]
    if extras:
        annotation = Annotated[(annotation, *extras)]
    if info.is_required():
        return Argument(name, annotation, inspect.Parameter.empty, "body")
    return Argument(name, _strip_none(annotation), None, "body")


def _strip_none(annotation: Any) -> Any:
    """`X | None` -> `X`: an optional argument is one with a default, not a nullable one."""
    origin = typing.get_origin(annotation)
    if origin is Annotated:
        inner, *extras = typing.get_args(annotation)
        return Annotated[(_strip_none(inner), *extras)]
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(options) == 1:
            return options[0]
    return annotation


def _detail_option() -> Argument:
    return Argument(
        "detail",
        Annotated[bool, Field(description="All fields")],
        False,
        "option",
    )


def _paging_options(default_limit: int) -> list[Argument]:
    """`limit` and `offset` of a list the API sends whole (`Operation.pages_here`): paged here."""
    return [
        Argument(
            "limit",
            Annotated[int, Field(ge=1, le=100)],
            default_limit,
            "option",
        ),
        Argument("offset", Annotated[int, Field(ge=0)], 0, "option"),
    ]


def _spec(
    operation: Operation[Any],
    name: str,
    title: str,
    description: str,
    fixed: Mapping[str, Any],
    hidden: tuple[str, ...] = (),
) -> ToolSpec:
    arguments = [_param_argument(p) for p in operation.params]
    taken = {a.wire or a.name for a in arguments}
    body_arguments = _body_arguments(operation, taken, {*fixed, *hidden})
    # Required first: a Python signature cannot put a parameter without default after one with.
    everything = arguments + body_arguments
    if operation.result in DETAIL_RESULTS:
        everything.append(_detail_option())
    if operation.pages_here:
        everything += _paging_options(operation.pages_here)
    ordered = [a for a in everything if a.required] + [a for a in everything if not a.required]
    if operation.body is not None and operation.body.one_of:
        description += f" Give at least one of {', '.join(operation.body.one_of)}."
    return ToolSpec(name, title, description, operation, tuple(ordered), fixed)


@cache
def all_tool_specs() -> tuple[ToolSpec, ...]:
    """Every tool the server can offer, in catalog order."""
    specs: list[ToolSpec] = []
    for operation in OPERATIONS:
        if operation.variants:
            for variant in operation.variants:
                specs.append(
                    _spec(
                        operation,
                        variant.tool,
                        variant.title,
                        variant.description,
                        variant.fixed,
                        variant.hidden,
                    )
                )
        else:
            specs.append(_spec(operation, operation.tool, operation.title, operation.description, {}))
    return tuple(specs)
