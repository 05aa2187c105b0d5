"""The safety gate: a person says yes before anything is destroyed or sent out of the CRM.

Every tool that changes the CRM passes through `SafetyGate.wrap`, which writes its audit line.
The destroy and expose tools (the deletes and create_webhook) are also confirmed:

1. The gate reads, from the API, what the call would affect and words it as a preview
   ("Move lead #123 Bob Li (bob@example.com, stage Active, 4 notes, 2 open tasks) to trash").
2. Where the client supports form elicitation, the person is asked through a `Resolve`
   dependency returning `Elicit`: the SDK sends it mid-call on 2025-11-25 and as an
   input_required round on 2026-07-28, so one code path serves both protocol versions.
   Only an accepted answer with the box ticked proceeds.
3. Elsewhere the first call returns the preview and a confirmation token (HMAC-SHA256 under a
   per-process secret, bound to the tool and its exact arguments, single use, short-lived);
   a second call carrying the token acts. The model cannot mint a token: it can only relay the
   one issued with the preview, and only for exactly those arguments.

CHIME_MCP_CONFIRM chooses: auto (elicit, else token), elicit (refuse without elicitation) or off.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from mcp.server.mcpserver import (
    AcceptedElicitation,
    Context,
    Elicit,
    ElicitationResult,
    Resolve,
)
from mcp.server.mcpserver.exceptions import ToolError
from mcp_types import CallToolResult, TextContent
from pydantic import BaseModel, Field

from chime_mcp.chime import errors
from chime_mcp.chime.catalog.webhooks import CREATE_WEBHOOK
from chime_mcp.chime.operation import Effect
from chime_mcp.server.config import ConfirmPolicy, ServerConfig
from chime_mcp.server.safety.audit import AuditLog, Outcome, check_writable
from chime_mcp.server.safety.tokens import ANSWER_PARAMETER, TOKEN_ARGUMENT, ConfirmationTokens, TokenRefused
from chime_mcp.server.tools import Backend, ToolFunction
from chime_mcp.server.tools.errors import tool_error
from chime_mcp.server.tools.specs import ToolSpec
from chime_mcp.services.previews import preview_for, webhook_preview
from chime_mcp.services.webhook_targets import (
    Resolver,
    UnsafeWebhookTarget,
    WebhookTarget,
    check_webhook_target,
    system_resolver,
)

log = logging.getLogger("chime_mcp.safety")


class Confirmation(BaseModel):
    """The form a person sees: one box to tick."""

    confirm: bool = Field(title="Yes, do it", description="Tick to go ahead; leave empty to cancel")


@dataclass(frozen=True)
class NotAsked:
    """What the resolver returns when it did not ask the person (and why)."""

    reason: Literal["off", "cannot-elicit"]


# -- elicitation support -------------------------------------------------------------------


def can_elicit(ctx: Context) -> bool:
    """Whether the client declared form elicitation for this connection.

    The SDK records the client's capabilities on both protocol versions (from initialize on
    2025-11-25, from each request's _meta on 2026-07-28). As in the SDK, a bare
    `elicitation: {}` (from before modes existed) means form; url-only does not.
    """
    try:
        capabilities = ctx.client_capabilities
    except ValueError:  # no request in progress (a direct server.call_tool)
        return False
    elicitation = capabilities.elicitation if capabilities is not None else None
    return elicitation is not None and (elicitation.form is not None or elicitation.url is None)


# -- the gate ------------------------------------------------------------------------------


class SafetyGate:
    """Audits every CRM-changing tool; confirms the destroy and expose tools (see module doc)."""

    def __init__(
        self,
        config: ServerConfig,
        backend: Backend,
        *,
        audit: AuditLog | None = None,
        tokens: ConfirmationTokens | None = None,
        resolve: Resolver = system_resolver,
    ) -> None:
        self.policy: ConfirmPolicy = config.confirm
        self.backend = backend
        if audit is None and config.audit_log is not None:
            try:
                check_writable(config.audit_log)
            except OSError as exc:
                raise errors.ConfigurationError(
                    f"Cannot append to the audit log {config.audit_log} ({exc.strerror or exc})",
                    hint="Point CHIME_MCP_AUDIT_LOG at a writable file, or unset it",
                ) from None
        self.audit = audit if audit is not None else AuditLog(config.audit_log)
        self.tokens = tokens if tokens is not None else ConfirmationTokens()
        self.resolve = resolve
        if self.policy == "off" and not config.read_only:
            log.warning(
                "CHIME_MCP_CONFIRM=off: deletes and webhooks run WITHOUT a person's confirmation. "
                "Use this only for unattended automation you trust; unset it for interactive use."
            )

    # The Gate protocol (tools.py) -----------------------------------------------------------

    def parameters(self, spec: ToolSpec) -> tuple[inspect.Parameter, ...]:
        """Extra, resolver-filled parameters of the tool function (not in the input schema)."""
        if not spec.effect.needs_confirmation:
            return ()
        annotation = Annotated[ElicitationResult[Confirmation], Resolve(self._asker(spec))]
        return (inspect.Parameter(ANSWER_PARAMETER, inspect.Parameter.KEYWORD_ONLY, annotation=annotation),)

    def wrap(self, spec: ToolSpec, run: ToolFunction) -> ToolFunction:
        if spec.effect.needs_confirmation:
            return self._confirmed(spec, run)
        return self._audited(spec, run)

    # -----------------------------------------------------------------------------------------

    def _audited(self, spec: ToolSpec, run: ToolFunction) -> ToolFunction:
        async def audited(ctx: Context, **values: Any) -> CallToolResult:
            return await self._act(spec, run, ctx, values)

        return audited

    async def _act(self, spec: ToolSpec, run: ToolFunction, ctx: Context, values: dict[str, Any]) -> CallToolResult:
        """Run the call and record how it went."""
        try:
            if spec.operation == CREATE_WEBHOOK:
                # Checked again right before acting: a name can resolve differently by now.
                await self._webhook_target(values)
            result = await run(ctx, **values)
        except ToolError as exc:
            self._record(spec, values, "error", error=str(exc))
            raise
        except Exception:
            self._record(spec, values, "error", error="unexpected failure")
            raise
        self._record(spec, values, "ok", result=result)
        return result

    def _confirmed(self, spec: ToolSpec, run: ToolFunction) -> ToolFunction:
        async def confirmed(ctx: Context, **values: Any) -> CallToolResult:
            answer: ElicitationResult[Confirmation] = values.pop(ANSWER_PARAMETER)
            token = str(values.get(TOKEN_ARGUMENT) or "")
            if self.policy == "off":
                return await self._act(spec, run, ctx, values)
            if isinstance(answer, AcceptedElicitation) and isinstance(answer.data, Confirmation):
                if answer.data.confirm:
                    return await self._act(spec, run, ctx, values)
                return self._declined(spec, values)
            if not isinstance(answer, AcceptedElicitation):  # declined or cancelled
                return self._declined(spec, values)
            # The resolver did not ask: this client cannot elicit.
            if self.policy == "elicit":
                message = (
                    f"{spec.name} needs a person's confirmation, and this server only accepts it through "
                    "the client's confirmation dialog (CHIME_MCP_CONFIRM=elicit), which this client "
                    "does not support. Nothing was done. Use a client with elicitation support, or ask "
                    "the operator to set CHIME_MCP_CONFIRM=auto."
                )
                self._record(spec, values, "error", error=message)
                raise ToolError(message)
            if token:
                try:
                    self.tokens.redeem(token, spec.name, values)
                except TokenRefused as exc:
                    self._record(spec, values, "error", error=str(exc))
                    raise ToolError(f"{exc} {_nothing_done(spec)}") from None
                return await self._act(spec, run, ctx, values)
            return await self._pending(spec, values)

        return confirmed

    async def _pending(self, spec: ToolSpec, values: dict[str, Any]) -> CallToolResult:
        try:
            preview = await self._preview(spec, values)
        except ToolError as exc:
            self._record(spec, values, "error", error=str(exc))
            raise
        token = self.tokens.issue(spec.name, values)
        minutes = max(1, round(self.tokens.ttl / 60))
        text = (
            f"Not done yet: this needs the person's confirmation.\n{preview}\n"
            f"Show this to the person. Only if they say yes, call {spec.name} again with the same "
            f'arguments plus {TOKEN_ARGUMENT}="{token}" (one use, valid {minutes} min).'
        )
        self._record(spec, values, "pending-confirmation")
        # isError keeps hosts and the SDK from reading this as the operation's result (whose
        # outputSchema it does not match): nothing happened yet.
        return CallToolResult(
            content=[TextContent(type="text", text=text)],
            structured_content={
                "preview": preview,
                TOKEN_ARGUMENT: token,
                "expiresInSeconds": int(self.tokens.ttl),
            },
            is_error=True,
        )

    def _declined(self, spec: ToolSpec, values: dict[str, Any]) -> CallToolResult:
        self._record(spec, values, "declined")
        text = f"The person declined. {_nothing_done(spec)} Do not retry unless they ask."
        return CallToolResult(content=[TextContent(type="text", text=text)], is_error=True)

    def _asker(self, spec: ToolSpec) -> Callable[..., Awaitable[Elicit[Confirmation] | NotAsked]]:
        """The Resolve dependency that asks the person, given the tool's arguments by name."""

        async def ask(ctx: Context, **values: Any) -> Elicit[Confirmation] | NotAsked:
            if self.policy == "off":
                return NotAsked("off")
            if not can_elicit(ctx):
                return NotAsked("cannot-elicit")
            # May run again on each 2026-07-28 round: the preview must read the same each time.
            try:
                preview = await self._preview(spec, values)
            except ToolError as exc:
                self._record(spec, values, "error", error=str(exc))
                raise
            return Elicit(f"{preview}\n\nGo ahead?", Confirmation)

        # The SDK passes a resolver the tool arguments it names in its signature.
        names = [a.name for a in spec.arguments]
        ask.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
            [inspect.Parameter("ctx", inspect.Parameter.KEYWORD_ONLY, annotation=Context)]
            + [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY) for name in names]
        )
        ask.__annotations__ = {"ctx": Context}
        ask.__qualname__ = f"confirm_{spec.name}"
        return ask

    # -- previews (worded in services/previews.py) -----------------------------------------------

    async def _preview(self, spec: ToolSpec, values: Mapping[str, Any]) -> str:
        """What the call would do, read from the API; a ToolError when that cannot be read."""
        if spec.operation == CREATE_WEBHOOK:
            target = await self._webhook_target(values)
            return webhook_preview(values, target)
        try:
            client = await self.backend.client()
            return await preview_for(spec.operation)(client, values)
        except errors.ChimeError as exc:
            cause = tool_error(spec.name, exc, values)
            raise ToolError(f"{cause} {_nothing_done(spec)}") from None

    async def _webhook_target(self, values: Mapping[str, Any]) -> WebhookTarget:
        try:
            return await check_webhook_target(str(values.get("callbackUrl") or ""), self.resolve)
        except UnsafeWebhookTarget as exc:
            raise ToolError(f"{exc} No webhook was created.") from None

    def _record(
        self,
        spec: ToolSpec,
        values: Mapping[str, Any],
        outcome: Outcome,
        *,
        result: CallToolResult | None = None,
        error: str = "",
    ) -> None:
        self.audit.record(spec.name, values, outcome, ids=affected_ids(values, result), error=error)


_NOT_RECORD_IDS = frozenset({"listId"})
"""Named like ids but naming no record (a webhook's event list)."""


def affected_ids(values: Mapping[str, Any], result: CallToolResult | None = None) -> dict[str, Any]:
    """The record ids a call names or created (arguments and result fields named `id`/`...Id`)."""
    found: dict[str, Any] = {}
    created = (result.structured_content or {}) if result is not None else {}
    for source in (values, created):
        for key, value in source.items():
            if key in _NOT_RECORD_IDS or not (key == "id" or key.endswith("Id")):
                continue
            if isinstance(value, int) and not isinstance(value, bool):
                found[key] = value
    return found


def _nothing_done(spec: ToolSpec) -> str:
    return "No webhook was created." if spec.effect is Effect.EXPOSE else "Nothing was deleted."
