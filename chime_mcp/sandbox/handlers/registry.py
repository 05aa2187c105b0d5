"""The handler registry and the typed context a handler works with.

`HANDLERS` maps a tool name to its behaviour; `@handler(notes.GET_NOTE)` registers one
(the catalog's `Operation`). The dispatcher in `app.py` has already checked the
credential and validated the path, query and body with the catalog's own models, so a handler
gets a `Call` and returns the JSON payload in the live API's wire shape (or `EMPTY` for the
endpoints whose answer has no body).

`Call` is typed end to end: `call.st` is the `DemoState`, parameters are read with typed
accessors (`call.integer("leadId")`, `call.text("key")`, `call.flag("withTrash")`), defaults and
wrapper keys come from the catalog entry (`call.integer_or_default("limit")`, `call.wrap(...)`),
and the body is read in wire form (`call.fields()`) or as its models (`call.items(Model)`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final, TypeVar

from pydantic import BaseModel

from chime_mcp.chime.operation import Operation
from chime_mcp.sandbox.store import Record, Store

if TYPE_CHECKING:  # the demo module is imported only when the state is first built (see store.py)
    from chime_mcp.sandbox.demo import DemoState

M = TypeVar("M", bound=BaseModel)


class Empty:
    """The answer of endpoints the published document says have no body."""


EMPTY: Final = Empty()


class Xml(str):
    """An answer the live API sends as application/xml (the published listings feed)."""


@dataclass(frozen=True)
class Call:
    """One validated request, as a handler sees it."""

    op: Operation[Any]
    """The catalog entry being served: its parameters' defaults, its wrapper keys."""
    store: Store
    params: Mapping[str, object]
    """Path and query parameters by name, validated by `op.params_model`; None where not given."""
    body: BaseModel | list[BaseModel] | None
    """The body validated by `op.body.model` (a list of them where the body is a list), or None."""
    now: float
    """Epoch seconds."""

    @property
    def st(self) -> DemoState:
        return self.store.state

    # -- parameters ---------------------------------------------------------------------------

    def text(self, name: str) -> str | None:
        value = self.params.get(name)
        if value is None or isinstance(value, str):
            return value
        raise self._mistyped(name, value, "text")

    def integer(self, name: str) -> int | None:
        value = self.params.get(name)
        if value is None or (isinstance(value, int) and not isinstance(value, bool)):
            return value
        raise self._mistyped(name, value, "an integer")

    def flag(self, name: str) -> bool | None:
        value = self.params.get(name)
        if value is None or isinstance(value, bool):
            return value
        raise self._mistyped(name, value, "a boolean")

    def ident(self, name: str) -> int:
        """A required integer parameter (a path id): validation has made sure it is there."""
        value = self.integer(name)
        if value is None:
            raise LookupError(f"{self.op.tool}: parameter {name} is missing")
        return value

    def integer_or_default(self, name: str) -> int:
        """The value sent, else the catalog's default for the parameter (what the client sends)."""
        value = self.integer(name)
        if value is not None:
            return value
        default = self._default(name)
        if not isinstance(default, int):
            raise LookupError(f"{self.op.tool}: the catalog gives {name} no integer default")
        return default

    def text_or_default(self, name: str) -> str:
        """The text sent, else the catalog's default for the parameter (what the client sends)."""
        value = self.text(name)
        if value is not None:
            return value
        default = self._default(name)
        if not isinstance(default, str):
            raise LookupError(f"{self.op.tool}: the catalog gives {name} no text default")
        return default

    def _default(self, name: str) -> object:
        return next((p.default for p in self.op.params if p.name == name), None)

    def _mistyped(self, name: str, value: object, wanted: str) -> TypeError:
        return TypeError(f"{self.op.tool}: parameter {name} is {type(value).__name__}, not {wanted}")

    # -- body ---------------------------------------------------------------------------------

    def fields(self) -> dict[str, Any]:
        """The body fields the caller actually sent, in wire form."""
        if not isinstance(self.body, BaseModel):
            raise TypeError(f"{self.op.tool}: the body is not one object")
        return self.body.model_dump(mode="json", by_alias=True, exclude_unset=True)

    def items(self, model: type[M]) -> list[M]:
        """A list body as its models."""
        found: list[M] = []
        for item in self.body if isinstance(self.body, list) else [None]:
            if not isinstance(item, model):
                raise TypeError(f"{self.op.tool}: the body is not a list of {model.__name__}")
            found.append(item)
        return found

    # -- answer -------------------------------------------------------------------------------

    def wrap(self, value: object) -> Record:
        """`value` under the operation's wrapper key on the wire (`{"notes": [...]}`)."""
        if not self.op.unwrap:
            raise LookupError(f"{self.op.tool}: the catalog gives no wrapper key")
        return {self.op.unwrap[0]: value}


Handler = Callable[[Call], object]
H = TypeVar("H", bound=Handler)

HANDLERS: dict[str, Handler] = {}
"""Tool name -> behaviour, one per catalog operation."""


def handler(*operations: Operation[Any]) -> Callable[[H], H]:
    """Register the decorated function as the behaviour of these catalog operations."""

    def register(fn: H) -> H:
        for op in operations:
            if op.tool in HANDLERS:
                raise ValueError(f"{op.tool} has two handlers: {HANDLERS[op.tool].__name__} and {fn.__name__}")
            HANDLERS[op.tool] = fn
        return fn

    return register
