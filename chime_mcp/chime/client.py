"""ChimeClient: a typed async client for every operation in the catalog.

One method does the work: `call(operation, params, body)` validates the arguments with the
catalog's models, sends the request (credential, JSON headers, rate-limit budget, bounded
retries), turns error statuses into the `errors` hierarchy, and returns the result validated
into the operation's result type, whatever wire shape the live API used.
"""

from __future__ import annotations

import json
import logging
import random
from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import anyio
import httpx2
from pydantic import BaseModel, ValidationError

from chime_mcp.chime import errors
from chime_mcp.chime.catalog import check_with
from chime_mcp.chime.checks import check_one_of, check_sent, with_wire_times
from chime_mcp.chime.config import ClientSettings, settings_from_env
from chime_mcp.chime.models.results import Ack
from chime_mcp.chime.models.tolerant import Unexpected, summary
from chime_mcp.chime.operation import Effect, Operation
from chime_mcp.chime.ratelimit import RateBudget, Sleep, retry_after_seconds, shared_budget
from chime_mcp.chime.redaction import redact_secret
from chime_mcp.chime.wire import api_message, json_answer, read_answer

R = TypeVar("R")

log = logging.getLogger("chime_mcp.client")

USER_AGENT = "chime-mcp/0.1"
_RETRY_STATUSES = frozenset({502, 503, 504})
_IDEMPOTENT = frozenset({"GET", "PUT", "DELETE"})
_AUTH_FAILURE_CODES = frozenset({200058, "200058"})
_NEVER_SENT = (httpx2.ConnectError, httpx2.ConnectTimeout, httpx2.PoolTimeout)
"""Failures before a connection existed: the request cannot have reached Chime."""
_MAX_MESSAGE = 300
_ACTIVITY_PAGE_SIZE = 100
"""Lead activities come 100 a page (curPage); a shorter page is the last."""


@dataclass(frozen=True)
class Reply(Generic[R]):
    """An operation's result and the places in its answer that did not fit (left empty)."""

    result: R
    unexpected: tuple[Unexpected, ...] = ()


class ChimeClient:
    """An async Chime API client. Use as `async with ChimeClient.from_env() as client:`."""

    def __init__(
        self,
        settings: ClientSettings,
        *,
        transport: httpx2.AsyncBaseTransport | None = None,
        sleep: Sleep = anyio.sleep,
        budget: RateBudget | None = None,
        max_retries: int = 3,
        backoff: float = 0.5,
    ) -> None:
        self.settings = settings
        self._sleep = sleep
        self._max_retries = max_retries
        self._backoff = backoff
        self.budget = (
            budget if budget is not None else shared_budget(f"{settings.base_url}|{settings.credential.fingerprint}")
        )
        self._http = httpx2.AsyncClient(
            base_url=settings.base_url,
            transport=transport,
            timeout=settings.timeout,
            headers={
                "Accept": "application/json",
                "Content-Type": "application/json",
                "User-Agent": USER_AGENT,
            },
        )

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **kwargs: Any) -> ChimeClient:
        return cls(settings_from_env(env), **kwargs)

    async def __aenter__(self) -> ChimeClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._http.aclose()

    # -- the one call -----------------------------------------------------------------------

    async def call(
        self,
        operation: Operation[R],
        params: Mapping[str, Any] | None = None,
        body: BaseModel | Mapping[str, Any] | Sequence[BaseModel | Mapping[str, Any]] | None = None,
    ) -> R:
        """Call one operation and return its result, validated into `operation.result`."""
        return (await self.read(operation, params, body)).result

    async def read(
        self,
        operation: Operation[R],
        params: Mapping[str, Any] | None = None,
        body: BaseModel | Mapping[str, Any] | Sequence[BaseModel | Mapping[str, Any]] | None = None,
    ) -> Reply[R]:
        """Like `call`, with what in the answer did not fit the models (fields left empty)."""
        payload = await self.request(operation, params, body)
        found: list[Unexpected] = []
        try:
            result = read_answer(operation, payload, found)
        except ValidationError as exc:
            where = f"{operation.method} {operation.path}"
            shape = f"({exc.error_count()} fields did not match)"
            if operation.effect is Effect.READ:
                raise errors.UnexpectedResponseError(f"{where} answered in an unexpected shape {shape}") from None
            try:
                # A 2xx write succeeded: an answer we cannot read must not turn it into a failure.
                return Reply(operation.result_adapter.validate_python({}))
            except ValidationError:
                raise maybe_applied(
                    operation, f"{where} succeeded but answered in an unexpected shape {shape}"
                ) from None
        if isinstance(result, Ack) and result.code:
            # Some endpoints (Brokermint sync) report a business failure as HTTP 200 with a code.
            raise errors.InvalidRequestError(
                f"Chime refused {operation.method} {operation.path}: {result.message or 'no reason given'}",
                status=200,
                code=result.code,
            )
        if found:
            log.warning("%s %s: %s", operation.method, operation.path, summary(found))
        return Reply(result, tuple(found))

    async def request(
        self,
        operation: Operation[Any],
        params: Mapping[str, Any] | None = None,
        body: BaseModel | Mapping[str, Any] | Sequence[BaseModel | Mapping[str, Any]] | None = None,
    ) -> Any:
        """Send one operation and return the decoded JSON (or text) body, unvalidated."""
        if self.settings.read_only and operation.effect is not Effect.READ:
            raise errors.ReadOnlyError(f"{operation.tool} changes the CRM and was refused")
        path, query = self._prepare_params(operation, params or {})
        json_body = self._prepare_body(operation, body)
        return await self._send(operation, path, query, json_body)

    # -- pagination -------------------------------------------------------------------------

    async def pages(
        self,
        operation: Operation[R],
        params: Mapping[str, Any] | None = None,
        *,
        max_pages: int = 20,
    ) -> AsyncIterator[R]:
        """Yield successive pages of a paged operation until the end or `max_pages`."""
        if operation.pagination is None:
            raise errors.InvalidInputError(f"{operation.tool} is not paged")
        first = dict(params or {})
        current = first
        seen = 0
        for _ in range(max_pages):
            page = await self.call(operation, current)
            yield page
            count = len(items_of(page))
            seen += count
            following = _next_params(operation, first, current, page, count, seen)
            if following is None:
                return
            current = following

    async def iterate(
        self,
        operation: Operation[Any],
        params: Mapping[str, Any] | None = None,
        *,
        max_pages: int = 20,
    ) -> AsyncIterator[Any]:
        """Yield every item of a paged operation, page after page, up to `max_pages` pages."""
        async for page in self.pages(operation, params, max_pages=max_pages):
            for item in items_of(page):
                yield item

    # -- internals --------------------------------------------------------------------------

    def _prepare_params(self, operation: Operation[Any], params: Mapping[str, Any]) -> tuple[str, dict[str, str]]:
        try:
            validated = operation.params_model.model_validate(with_wire_times(operation.params_model, params))
        except ValidationError as exc:
            raise invalid_input(operation.tool, exc) from None
        values = validated.model_dump()
        check_sent(operation.params_model, values)
        path_values: dict[str, Any] = {}
        query: dict[str, str] = {}
        for param in operation.params:
            value = values.get(param.name)
            if value is None:
                value = param.default
            if value is None:
                continue
            if param.location == "path":
                path_values[param.name] = value
            else:
                query[param.name] = _query_text(value)
        return operation.render_path(path_values), query

    def _prepare_body(
        self,
        operation: Operation[Any],
        body: BaseModel | Mapping[str, Any] | Sequence[BaseModel | Mapping[str, Any]] | None,
    ) -> Any:
        spec = operation.body
        if spec is None:
            if body is not None:
                raise errors.InvalidInputError(f"{operation.tool} takes no body")
            return None
        if body is None:
            if spec.required:
                raise errors.InvalidInputError(
                    f"{operation.tool} needs {spec.name} ({spec.model.__name__})", fields=(spec.name,)
                )
            return None
        if spec.is_list:
            if isinstance(body, BaseModel | Mapping | str | bytes):
                raise errors.InvalidInputError(
                    f"{operation.tool} takes {spec.name} as a list of {spec.model.__name__}",
                    fields=(spec.name,),
                )
            items = []
            for index, item in enumerate(body):
                try:
                    items.append(_dump(spec.model, item))
                except ValidationError as exc:
                    raise invalid_input(operation.tool, exc, f"{spec.name}[{index}]") from None
                check_sent(spec.model, items[-1])
            return items
        if not isinstance(body, BaseModel | Mapping):
            raise errors.InvalidInputError(
                f"{operation.tool} takes {spec.name} as one {spec.model.__name__}", fields=(spec.name,)
            )
        try:
            dumped = _dump(spec.model, body)
        except ValidationError as exc:
            raise invalid_input(operation.tool, exc) from None
        check_sent(spec.model, dumped)
        check_one_of(operation.tool, spec.one_of, dumped)
        return dumped

    async def _send(self, operation: Operation[Any], path: str, query: dict[str, str], json_body: Any) -> Any:
        method = operation.method
        # Safe to send again: a read (reads sent as POST included) or an idempotent method.
        safe = operation.effect is Effect.READ or method in _IDEMPOTENT
        reading = operation.effect is Effect.READ
        content = None if json_body is None else json.dumps(json_body).encode()
        where = f"{method} {path}"
        waited_for_limit = 0.0
        attempt = 0
        earlier_failure = ""
        """Why an earlier attempt that may have reached Chime failed, if one did."""
        while True:
            waited_for_limit += await self.budget.acquire(
                self._sleep, self.settings.max_rate_limit_wait - waited_for_limit, operation
            )
            try:
                response = await self._attempt(method, path, query, content)
            except _NEVER_SENT as exc:
                # No connection was made, so the request cannot have reached Chime:
                # safe to retry for every method, POST included.
                if attempt < self._max_retries:
                    attempt += 1
                    await self._pause(attempt, where, type(exc).__name__)
                    continue
                if isinstance(exc, httpx2.TimeoutException):
                    raise errors.ChimeTimeoutError(f"{where} could not get a connection in time") from None
                raise errors.NetworkError(f"Could not connect to {self.settings.base_url} for {where}") from None
            except httpx2.TimeoutException:
                if safe and attempt < self._max_retries:
                    attempt += 1
                    earlier_failure = "timed out"
                    await self._pause(attempt, where, "timeout")
                    continue
                if not safe:
                    raise maybe_applied(operation, f"{where} timed out after it was sent") from None
                raise errors.ChimeTimeoutError(f"{where} timed out after retries") from None
            except httpx2.TransportError as exc:
                if safe and attempt < self._max_retries:
                    attempt += 1
                    earlier_failure = f"lost its connection ({type(exc).__name__})"
                    await self._pause(attempt, where, type(exc).__name__)
                    continue
                what = f"lost its connection ({type(exc).__name__})"
                if not safe:
                    raise maybe_applied(operation, f"{where} {what} after it was sent") from None
                raise errors.NetworkError(f"{where} {what} after retries") from None

            status = response.status_code
            log.debug("%s -> %s", where, status)
            if status == 429:
                # A 429 means the request was not processed: retrying is safe even for POST.
                retry_after = retry_after_seconds(response.headers, self.budget.wall_clock(), default=1.0)
                self.budget.exhaust(retry_after)
                if waited_for_limit + retry_after <= self.settings.max_rate_limit_wait:
                    log.info("%s rate limited; waiting %.1f s", where, retry_after)
                    continue
                raise errors.RateLimitedError(f"Chime's rate limit is spent ({where})", retry_after=retry_after)
            if status in _RETRY_STATUSES and safe and attempt < self._max_retries:
                attempt += 1
                earlier_failure = f"answered HTTP {status}"
                await self._pause(attempt, where, str(status))
                continue
            if status == 404 and method == "DELETE" and earlier_failure:
                # The first attempt may have deleted it before its answer was lost.
                raise maybe_applied(
                    operation,
                    f"{where} answered 404 (not found) on a retry, after an earlier attempt {earlier_failure}",
                )
            if status >= 400:
                error = self._error(response, where)
                if isinstance(error, errors.ServerError) and not safe:
                    # A gateway error (502, 504) can arrive after the write was applied.
                    raise maybe_applied(operation, error.message)
                raise error
            if not 200 <= status < 300:
                raise errors.UnexpectedResponseError(
                    f"{where} answered HTTP {status} instead of a result; check CHIME_BASE_URL"
                )
            try:
                return _decode(response)
            except errors.UnexpectedResponseError:
                if reading and attempt < self._max_retries:
                    attempt += 1
                    await self._pause(attempt, where, "malformed body")
                    continue
                if not reading:
                    # A 2xx write succeeded: an unreadable answer reads as one without an id.
                    log.warning("%s succeeded (HTTP %s) but its answer was malformed", where, status)
                    return {}
                raise

    async def _attempt(self, method: str, path: str, query: dict[str, str], content: bytes | None) -> httpx2.Response:
        """One request, taken from the budget by the caller, given back as soon as it is over:
        before any pause for a retry, so a failing request never holds the budget while it waits."""
        try:
            response = await self._http.request(
                method,
                path,
                params=query,
                content=content,
                headers={"Authorization": self.settings.credential.authorization},
            )
            self.budget.observe(response.headers)
            return response
        finally:
            self.budget.release()

    async def _pause(self, attempt: int, where: str, reason: str) -> None:
        delay = self._backoff * (2 ** (attempt - 1)) * (0.5 + random.random())
        log.info("%s failed (%s); retry %d in %.2f s", where, reason, attempt, delay)
        await self._sleep(delay)

    def _error(self, response: httpx2.Response, where: str) -> errors.ApiError:
        status = response.status_code
        try:
            body = _decode(response)
        except errors.UnexpectedResponseError:
            body = response.text
        if isinstance(body, str) and body.lstrip().startswith("<"):
            body = None  # an HTML error page from a proxy says nothing useful
        code, text = api_message(body)
        text = _shorten(self._redact(text))
        said = f": {text}" if text else ""
        if code is not None and str(code) not in text:
            said += f" (code {_shorten(self._redact(str(code)))})"
        facts: dict[str, Any] = {"status": status, "code": code, "api_text": text}
        if status == 401 or (status == 400 and code in _AUTH_FAILURE_CODES):
            scheme = self.settings.credential.scheme_name
            return errors.AuthenticationError(f"Chime refused the credential ({scheme}) for {where}{said}", **facts)
        if status == 403:
            return errors.PermissionDeniedError(f"Not allowed: {where}{said}", **facts)
        if status == 404:
            return errors.NotFoundError(f"Not found: {where}{said}", **facts)
        if 400 <= status < 500:
            return errors.InvalidRequestError(f"Chime rejected {where}{said}", **facts)
        return errors.ServerError(f"Chime failed on {where} (HTTP {status}){said}", **facts)

    def _redact(self, text: str) -> str:
        return redact_secret(text, self.settings.credential.secret)


def invalid_input(tool: str, exc: ValidationError, prefix: str = "") -> errors.InvalidInputError:
    """A validation failure as one readable error naming each bad field."""
    problems = []
    fields = []
    for error in exc.errors(include_url=False, include_input=False):
        name = ".".join(str(part) for part in (prefix, *error["loc"]) if part != "") or "arguments"
        fields.append(name)
        problems.append(f"{name}: {error['msg']}")
    return errors.InvalidInputError(f"Invalid arguments for {tool}: " + "; ".join(problems), fields=tuple(fields))


def items_of(page: Any) -> list[Any]:
    """The records of one page, whatever the page's shape."""
    if isinstance(page, list):
        return page
    if isinstance(page, BaseModel):
        for name in ("leads", "calls", "members", "timeLines", "items"):
            value = getattr(page, name, None)
            if isinstance(value, list):
                return value
    return []


def _next_params(
    operation: Operation[Any],
    first: dict[str, Any],
    current: dict[str, Any],
    page: Any,
    count: int,
    seen: int,
) -> dict[str, Any] | None:
    """The parameters of the page after `page`, or None at the end.

    `count` is the number of records on `page`, `seen` the number on all pages so far.
    """
    if count == 0:
        return None
    style = operation.pagination
    limit_param = next((p for p in operation.params if p.name == "limit"), None)
    limit = current.get("limit") or (limit_param.default if limit_param else None)
    metadata = getattr(page, "metadata", None)
    total = getattr(metadata, "total", None)
    if style in ("offset", "scroll"):
        offset = int(first.get("offset") or 0) + seen
        if (limit and count < limit) or (total is not None and offset >= total):
            return None
        scroll_id = getattr(metadata, "scrollId", None) if style == "scroll" else None
        if scroll_id:
            return {**current, "scrollId": scroll_id}
        return {**current, "offset": offset}
    if style == "page":
        if count < _ACTIVITY_PAGE_SIZE:
            return None
        return {**current, "curPage": int(current.get("curPage") or 0) + 1}
    if style == "pageNumber":
        if getattr(page, "hasMore", 0) != 1:
            return None
        return {**current, "pageNumber": int(current.get("pageNumber") or 0) + 1}
    return None


def _dump(model: type[BaseModel], value: BaseModel | Mapping[str, Any]) -> Any:
    # A model instance is read again too: its time arguments may still be ISO 8601.
    fields = value.model_dump(by_alias=True, exclude_none=True) if isinstance(value, BaseModel) else value
    instance = model.model_validate(with_wire_times(model, fields))
    return instance.model_dump(mode="json", by_alias=True, exclude_none=True)


def _query_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _decode(response: httpx2.Response) -> Any:
    if not response.content:
        return None
    try:
        return json_answer(response.content)
    except ValueError:
        content_type = response.headers.get("content-type", "")
        if "json" in content_type:
            raise errors.UnexpectedResponseError(f"Chime sent malformed JSON (HTTP {response.status_code})") from None
        return response.text


def _shorten(text: str) -> str:
    return text if len(text) <= _MAX_MESSAGE else text[: _MAX_MESSAGE - 3].rstrip() + "..."


def maybe_applied(operation: Operation[Any], what: str) -> errors.OutcomeUnknownError:
    """The error of a write that may have been applied, naming the read that checks it."""
    check = check_with(operation)
    how = f"check with {check.tool} before retrying" if check is not None else "check in Chime before retrying"
    verb = "deleted" if operation.method == "DELETE" else "applied"
    return errors.OutcomeUnknownError(f"{what}. It may have been {verb}: {how}", hint="")
