"""The sandbox as an ASGI application: routes built from the operation catalog.

`create_app(config)` returns a Starlette app with one route per catalog operation (method and
path from the catalog, literal paths before placeholders so `/v1.0/leads/createTime` is not
read as a lead id). Every route goes through one dispatcher, `Sandbox.handle`:

1. credential: `Authorization: token <key>` or `Bearer <token>`, else 401;
2. rate limit: X-RateLimit-* headers on every answer, 429 past the budget;
3. faults (latency, 429 bursts, dropped connections, hangs, 5xx, malformed bodies);
4. validation of path and query with `operation.params_model` and of the body with the body
   model, the same models the client validated with: 400 naming the field;
5. the operation's behaviour from `handlers.HANDLERS` (a typed `Call`), then persistence of what it changed.

The `Sandbox` object (also `app.state.sandbox`) holds the state, the config, the fault settings
and counters; tests change faults and budgets on it while the app runs.
"""

from __future__ import annotations

import json
import logging
import time
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import GenericAlias
from typing import TYPE_CHECKING, Any

import anyio
from pydantic import BaseModel, TypeAdapter, ValidationError
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

from chime_mcp.chime.catalog import OPERATIONS
from chime_mcp.chime.checks import marked
from chime_mcp.chime.operation import Effect, Operation
from chime_mcp.chime.times import EpochMillis
from chime_mcp.sandbox.faults import FaultInjector, FaultPlan, Faults
from chime_mcp.sandbox.handlers import EMPTY, HANDLERS, INVALID_PARAMETER, LIMIT_NOT_VALID, Call, SandboxError, Xml
from chime_mcp.sandbox.limiter import DEFAULT_RATE_LIMIT, RateLimit, RateLimiter, parse_rate_limit
from chime_mcp.sandbox.store import Store

if TYPE_CHECKING:
    from chime_mcp.sandbox.demo import DemoState

log = logging.getLogger("chime_mcp.sandbox")

DEFAULT_API_KEY = "sandbox-key"
API_KEY_AS_BEARER = 200058
"""The live API's answer (HTTP 400) to an API key sent with the Bearer scheme."""


class DroppedConnection(Exception):
    """Raised by the app, after starting an answer, to make the connection drop (a fault).

    Over real HTTP, uvicorn closes the socket mid-answer; the in-process transport turns it into
    the `httpx2.RemoteProtocolError` a client would see from a socket.
    """


@dataclass
class SandboxConfig:
    seed: int = 7
    """Demo data seed: the same seed (and `now`) always gives the same CRM."""
    lead_count: int = 200
    now: datetime | None = None
    """The time the demo history is built around; None: the current hour (so tasks due "today"
    are due today). Records created through the API always carry the real time."""
    api_key: str = DEFAULT_API_KEY
    """Accepted as `token <key>`; also as `Bearer <key>` unless `access_token` is set."""
    access_token: str | None = None
    """A distinct OAuth-style token for `Bearer`. When set, the API key sent as Bearer gets the
    live API's 400 with code 200058, as a real key would."""
    rate_limit: RateLimit = DEFAULT_RATE_LIMIT
    db_path: str | Path | None = None
    """SQLite file for state that survives restarts; None keeps everything in memory."""
    faults: Faults = field(default_factory=Faults)
    clock: Callable[[], float] = time.time
    """Epoch seconds stamped on records created through the API."""


class Sandbox:
    """One emulated Chime account: state, settings and counters. Not thread-safe by design:
    requests are served by one event loop, and handlers never await."""

    def __init__(self, config: SandboxConfig | None = None) -> None:
        self.config = config or SandboxConfig()
        now = self.config.now
        if now is None:
            now = datetime.fromtimestamp(self.config.clock(), UTC).replace(minute=0, second=0, microsecond=0)
        self.store = Store(
            seed=self.config.seed, lead_count=self.config.lead_count, now=now, db_path=self.config.db_path
        )
        self.faults = FaultInjector(self.config.faults)
        self.limiter = RateLimiter(self.config.rate_limit)
        self.endpoint_limiters: dict[str, RateLimiter] = {}
        """Per tool, for the operations with a limit of their own (`Operation.per_minute`: the AI ones)."""
        self.counters: Counter[str] = Counter()
        """requests, op.<tool>, status.<code>, fault.<kind>, rate_limited, unauthorized, ..."""

    @property
    def state(self) -> DemoState:
        return self.store.state

    # -- runtime settings ---------------------------------------------------------------------

    def set_faults(self, faults: Faults | None = None, **changes: Any) -> Faults:
        """Replace the fault settings, or change some fields: `set_faults(error_rate=0.5)`."""
        return self.faults.configure(faults if faults is not None else Faults(), **changes)

    def set_rate_limit(self, rate: RateLimit | str) -> None:
        self.limiter.reset(parse_rate_limit(rate) if isinstance(rate, str) else rate)

    def close(self) -> None:
        self.store.close()

    # -- the dispatcher -----------------------------------------------------------------------

    async def handle(self, operation: Operation[Any], request: Request) -> Response:
        self.counters["requests"] += 1
        self.counters[f"op.{operation.tool}"] += 1
        response = await self._answer(operation, request)
        for name, value in self.limiter.headers().items():
            response.headers.setdefault(name, value)  # a 429 burst sets its own Remaining/Reset
        self.counters[f"status.{response.status_code}"] += 1
        return response

    async def _answer(self, operation: Operation[Any], request: Request) -> Response:
        refused = self._check_credential(request.headers.get("authorization", ""))
        if refused is not None:
            self.counters["unauthorized"] += 1
            return refused
        if not self.limiter.take():
            self.counters["rate_limited"] += 1
            return _json({"message": "Too Many Requests"}, 429)
        if operation.per_minute:
            own = self.endpoint_limiters.setdefault(operation.tool, RateLimiter(RateLimit(operation.per_minute, 60.0)))
            if not own.take():
                self.counters["rate_limited"] += 1
                response = _json("Too many requests", 429)  # the document: a bare string
                response.headers["Retry-After"] = str(max(1, round(int(own.headers()["X-RateLimit-Reset"]) / 1000)))
                return response
        plan = self.faults.plan(operation.tool)
        if plan.delay > 0:
            self.counters["fault.latency"] += 1
            await anyio.sleep(plan.delay)
        if plan.kind is not None:
            self.counters[f"fault.{plan.kind}"] += 1
        faulted = await self._fault(plan, request)
        if faulted is not None:
            return faulted
        return await self._serve(operation, request, plan)

    async def _fault(self, plan: FaultPlan, request: Request) -> Response | None:
        """The answer of a fault that stands in for handling the request, if the plan has one."""
        if plan.kind == "burst_429":
            response = _json({"message": "Too Many Requests"}, 429)
            response.headers["X-RateLimit-Remaining"] = "0"
            response.headers["X-RateLimit-Reset"] = str(self.faults.settings.burst_reset_ms)
            return response
        if plan.kind == "drop":
            return _Dropped()
        if plan.kind == "hang":
            return await self._hang(request)
        if plan.kind == "error":
            status = self.faults.settings.error_status
            return _json({"message": f"Service temporarily unavailable (sandbox fault, HTTP {status})"}, status)
        return None

    async def _serve(self, operation: Operation[Any], request: Request, plan: FaultPlan) -> Response:
        """Validate, run the handler, persist; a `malformed` plan breaks the answer afterwards."""
        try:
            call = await self._validated(operation, request)
            payload = HANDLERS[operation.tool](call)
        except SandboxError as exc:
            self.store.save()  # a handler may have written before failing
            return _json(exc.body(), exc.status)
        except Exception as exc:  # a sandbox bug: answer like a server would, and say what broke
            log.exception("sandbox handler %s failed", operation.tool)
            self.counters["internal_error"] += 1
            return _json({"message": f"Sandbox internal error in {operation.tool}: {exc!r}"}, 500)
        if operation.effect is not Effect.READ:
            self.store.save()
        if isinstance(payload, Xml):
            return Response(payload.encode(), 200, media_type="application/xml")
        body = b"" if payload is EMPTY else json.dumps(payload, separators=(",", ":")).encode()
        if plan.kind == "malformed":
            # The change above is applied; only the answer is broken.
            body = body[: max(1, len(body) // 2)] if body else b'{"'
        return Response(body, 200, media_type="application/json")

    def _check_credential(self, header: str) -> Response | None:
        scheme, _, secret = header.strip().partition(" ")
        scheme, secret = scheme.lower(), secret.strip()
        config = self.config
        if scheme == "token" and secret == config.api_key:
            return None
        if scheme == "bearer":
            if secret == (config.access_token or config.api_key):
                return None
            if secret == config.api_key:
                return _json(
                    {
                        "code": API_KEY_AS_BEARER,
                        "message": "Invalid access token: an API key must be sent as 'token <key>'",
                    },
                    400,
                )
        what = "Missing credential" if not header else "Invalid credential"
        return _json({"message": f"Unauthorized: {what}; send 'Authorization: token <api key>'"}, 401)

    async def _hang(self, request: Request) -> Response:
        """Answer nothing until the client gives up (disconnects) or `hang_seconds` pass."""
        with anyio.move_on_after(self.faults.settings.hang_seconds):
            while (await request.receive())["type"] != "http.disconnect":
                pass
        return _json({"message": "Gateway Timeout (sandbox fault)"}, 504)

    async def _validated(self, operation: Operation[Any], request: Request) -> Call:
        if operation.method != "GET" and "application/json" not in request.headers.get("content-type", ""):
            # Some live endpoints (DELETEs included) refuse requests without it.
            raise SandboxError(415, "Content-Type must be application/json", INVALID_PARAMETER)
        raw = {**request.query_params, **request.path_params}
        try:
            params = _validate_params(operation.params_model, raw).model_dump()
        except ValidationError as exc:
            raise _invalid(exc) from None
        body: BaseModel | list[BaseModel] | None = None
        spec = operation.body
        if spec is not None:
            content = await request.body()
            if not content.strip():
                if spec.required:
                    raise SandboxError(400, f"Missing request body ({spec.model.__name__})", INVALID_PARAMETER)
            else:
                try:
                    body = _body_adapter(spec.model, spec.is_list).validate_json(content)
                except ValidationError as exc:
                    raise _invalid(exc, prefix=spec.name) from None
        return Call(op=operation, store=self.store, params=params, body=body, now=self.config.clock())


def create_app(config: SandboxConfig | None = None, *, sandbox: Sandbox | None = None) -> Starlette:
    """The sandbox app. Cheap: the demo data is built on the first request that needs it."""
    box = sandbox or Sandbox(config)

    def endpoint(operation: Operation[Any]) -> Callable[[Request], Any]:
        async def run(request: Request) -> Response:
            return await box.handle(operation, request)

        run.__name__ = operation.tool
        return run

    # Literal paths first: `/v1.0/leads/createTime` must not match `/v1.0/leads/{leadId}`.
    ordered = sorted(OPERATIONS, key=lambda op: (op.path.count("{"), op.path))
    routes = [Route(op.path, endpoint(op), methods=[op.method], name=op.tool) for op in ordered]

    async def unrouted(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 404
        what = "No such endpoint" if status == 404 else "Method not allowed"
        response = _json({"message": f"{what}: {request.method} {request.url.path}"}, status)
        response.headers.update(box.limiter.headers())
        return response

    app = Starlette(routes=routes, exception_handlers={404: unrouted, 405: unrouted})
    app.state.sandbox = box
    return app


# -- helpers ------------------------------------------------------------------------------------


def _json(payload: Any, status: int) -> Response:
    return Response(json.dumps(payload, separators=(",", ":")).encode(), status, media_type="application/json")


class _Dropped(Response):
    """Starts an answer promising a body, then raises: the connection drops mid-answer."""

    def __init__(self) -> None:
        super().__init__(b"", 200, media_type="application/json")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = [(b"content-type", b"application/json"), (b"content-length", b"512")]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        raise DroppedConnection("sandbox fault: connection dropped on purpose")


_ADAPTERS: dict[tuple[type[BaseModel], bool], TypeAdapter[Any]] = {}


def _body_adapter(model: type[BaseModel], is_list: bool) -> TypeAdapter[Any]:
    key = (model, is_list)
    if key not in _ADAPTERS:  # built on first use: building all 30 at start would slow cold start
        shape: Any = GenericAlias(list, (model,)) if is_list else model  # list[model], built at runtime
        _ADAPTERS[key] = TypeAdapter(shape)
    return _ADAPTERS[key]


def _validate_params(model: type[BaseModel], raw: Mapping[str, str]) -> BaseModel:
    """Validate text parameters. Numeric literals (`type` in 1, 2, 4) arrive as text and pydantic
    will not match "1" against Literal[1]: those fields are retried with the text read as JSON."""
    given: dict[str, Any] = dict(raw)
    for wire in marked(model, EpochMillis):  # the wire takes a number here: read it as one
        number = raw.get(wire)
        if number is not None and number.lstrip("-").isdigit():
            given[wire] = int(number)
    try:
        return model.model_validate(given)
    except ValidationError as exc:
        retry = dict(given)
        for error in exc.errors(include_url=False):
            name = error["loc"][0] if error["loc"] else None
            if error["type"] == "literal_error" and isinstance(name, str) and name in raw:
                try:
                    retry[name] = json.loads(raw[name])
                except ValueError:
                    continue
        if retry == given:
            raise
        return model.model_validate(retry)


def _invalid(exc: ValidationError, prefix: str = "") -> SandboxError:
    """A validation failure as the live API's 400, naming each bad field."""
    problems: list[str] = []
    code = INVALID_PARAMETER
    for error in exc.errors(include_url=False, include_input=False):
        loc = [str(part) for part in error["loc"]]
        name = ".".join(loc) or prefix or "request"
        if loc == ["limit"]:
            code = LIMIT_NOT_VALID
        message = "unknown parameter" if error["type"] == "extra_forbidden" else error["msg"]
        problems.append(f"{name}: {message}")
    label = "LIMIT_NOT_VALID" if code == LIMIT_NOT_VALID else "INVALID_PARAMETER"
    return SandboxError(400, f"{label}: " + "; ".join(problems), code)
