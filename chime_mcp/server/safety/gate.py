"""The safety gate: a person, not the model, says yes before a gated action goes ahead.

Every tool that changes the CRM passes through `SafetyGate.wrap`, which writes its audit line.
Tools whose side-effect class needs a person (destroy, expose, send, team-wide reassign) are
also confirmed, through a channel the model cannot answer itself:

1. The gate reads, from the API, what the call would affect and words it as a preview
   ("Move lead #123 Bob Li (bob@example.com, stage Active, 4 notes, 2 open tasks) to trash").
2. Where the client supports form elicitation, the person is asked through a `Resolve`
   dependency returning `Elicit`: the SDK sends it mid-call on 2025-11-25 and as an
   input_required round on 2026-07-28, so one code path serves both protocol versions.
   Only an accepted answer with the box ticked proceeds.
3. Elsewhere the person approves on a page (server/safety/approval_page.py): its link goes to
   the person by URL-mode elicitation where the client supports it, and is in the tool result
   for the person to open in any case. The model's next call with the same arguments goes
   ahead once the person approved there; before that it reads "waiting for the person".

CHIME_MCP_CONFIRM chooses: auto (all of the above), elicit (elicitation only, else refuse),
token (an in-band token the model relays: opt-in, since the model can confirm by itself) or off.
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
from chime_mcp.server.safety.approval_page import PAGE_PATH, ApprovalListener
from chime_mcp.server.safety.approvals import Approval, ApprovalBook
from chime_mcp.server.safety.audit import AuditLog, Outcome, check_writable
from chime_mcp.server.safety.tokens import ANSWER_PARAMETER, TOKEN_ARGUMENT, ConfirmationTokens, TokenRefused
from chime_mcp.server.tools import Backend, ToolFunction
from chime_mcp.server.tools.errors import tool_error
from chime_mcp.server.tools.specs import ToolSpec
from chime_mcp.services.message_previews import SendRefused, message_preview_for
from chime_mcp.services.previews import preview_for, webhook_preview
from chime_mcp.services.team_previews import team_preview_for
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


def can_elicit_url(ctx: Context) -> bool:
    """Whether the client declared URL-mode elicitation: it can open a link for the person."""
    try:
        capabilities = ctx.client_capabilities
    except ValueError:
        return False
    elicitation = capabilities.elicitation if capabilities is not None else None
    return elicitation is not None and elicitation.url is not None


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
        approvals: ApprovalBook | None = None,
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
        self.approvals = approvals if approvals is not None else ApprovalBook()
        self.resolve = resolve
        self._listener: ApprovalListener | None = None
        self._origin = config.approval_origin
        if self.policy == "off" and not config.read_only:
            log.warning(
                "CHIME_MCP_CONFIRM=off: deletes, webhooks and team-wide changes run WITHOUT a person's "
                "confirmation. Use this only for unattended automation you trust; unset it for interactive use."
            )
        if self.policy == "token" and not config.read_only:
            log.warning(
                "CHIME_MCP_CONFIRM=token: the model can confirm deletes, webhooks and team-wide changes by "
                "itself, by relaying the token it was shown. Unset it to have a person approve instead."
            )

    def approval_origin(self) -> str:
        """Where approval pages are served: the HTTP server's origin, or a loopback listener."""
        if self._origin is None:
            if self._listener is None:
                self._listener = ApprovalListener(self.approvals)
            self._origin = self._listener.base_url()
        return self._origin

    def close(self) -> None:
        if self._listener is not None:
            self._listener.close()

    # The Gate protocol (tools.py) -----------------------------------------------------------

    def parameters(self, spec: ToolSpec) -> tuple[inspect.Parameter, ...]:
        """Extra parameters of a gated tool: the resolver-filled answer (not in the input schema)
        and, in token mode only, the token argument the model relays."""
        if not spec.effect.needs_person:
            return ()
        annotation = Annotated[ElicitationResult[Confirmation], Resolve(self._asker(spec))]
        answer = inspect.Parameter(ANSWER_PARAMETER, inspect.Parameter.KEYWORD_ONLY, annotation=annotation)
        if self.policy != "token":
            return (answer,)
        token_type = Annotated[str | None, Field(description="From the confirmed preview")]
        token = inspect.Parameter(TOKEN_ARGUMENT, inspect.Parameter.KEYWORD_ONLY, annotation=token_type, default=None)
        return (token, answer)

    def wrap(self, spec: ToolSpec, run: ToolFunction) -> ToolFunction:
        if spec.effect.needs_person:
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
            notice = self._record(spec, values, "error", error=str(exc))
            if notice:
                raise ToolError(f"{exc}\n{notice}") from None
            raise
        except Exception:
            self._record(spec, values, "error", error="unexpected failure")
            raise
        # The call's outcome stands as it happened; an audit failure is said beside it.
        return _noted(result, self._record(spec, values, "ok", result=result))

    def _confirmed(self, spec: ToolSpec, run: ToolFunction) -> ToolFunction:
        async def confirmed(ctx: Context, **values: Any) -> CallToolResult:
            answer: ElicitationResult[Confirmation] = values.pop(ANSWER_PARAMETER)
            token = str(values.pop(TOKEN_ARGUMENT, None) or "")
            if self.policy == "off":
                return await self._act(spec, run, ctx, values)
            if isinstance(answer, AcceptedElicitation) and isinstance(answer.data, Confirmation):
                if answer.data.confirm:
                    return await self._act(spec, run, ctx, values)
                return self._declined(spec, values)
            if not isinstance(answer, AcceptedElicitation):  # declined or cancelled
                return self._declined(spec, values)
            # The resolver did not ask: this client cannot show a confirmation form.
            if self.policy == "token":
                return await self._by_token(spec, run, ctx, values, token)
            approval = self.approvals.redeem(spec.name, values)
            if approval is not None and approval.state == "used":  # approved on the page, now used
                return await self._act(spec, run, ctx, values)
            if approval is not None and approval.state == "cancelled":
                return self._declined(spec, values)
            if self.policy == "elicit" and not can_elicit_url(ctx):
                message = (
                    f"{spec.name} needs a person's confirmation, and this server only accepts it through "
                    "the client's confirmation dialog (CHIME_MCP_CONFIRM=elicit), which this client "
                    f"does not support. {_nothing_done(spec)} Use a client with elicitation support, or ask "
                    "the operator to set CHIME_MCP_CONFIRM=auto."
                )
                raise ToolError(_with(message, self._record(spec, values, "error", error=message)))
            return await self._awaiting(spec, ctx, values, approval)

        return confirmed

    async def _by_token(
        self, spec: ToolSpec, run: ToolFunction, ctx: Context, values: dict[str, Any], token: str
    ) -> CallToolResult:
        """CHIME_MCP_CONFIRM=token: the preview carries a token; a second call relaying it acts."""
        if token:
            try:
                self.tokens.redeem(token, spec.name, values)
            except TokenRefused as exc:
                notice = self._record(spec, values, "error", error=str(exc))
                raise ToolError(_with(f"{exc} {_nothing_done(spec)}", notice)) from None
            return await self._act(spec, run, ctx, values)
        preview = await self._checked_preview(spec, values)
        token = self.tokens.issue(spec.name, values)
        minutes = max(1, round(self.tokens.ttl / 60))
        text = (
            f"Not done yet: this needs the person's confirmation.\n{preview}\n"
            f"Show this to the person. Only if they say yes, call {spec.name} again with the same "
            f'arguments plus {TOKEN_ARGUMENT}="{token}" (one use, valid {minutes} min).'
        )
        notice = self._record(spec, values, "pending-confirmation")
        waiting = {"status": "confirm-with-token", "preview": preview, TOKEN_ARGUMENT: token}
        return _noted(_waiting_result(text, {**waiting, "expiresInSeconds": int(self.tokens.ttl)}), notice)

    async def _awaiting(
        self, spec: ToolSpec, ctx: Context, values: dict[str, Any], approval: Approval | None
    ) -> CallToolResult:
        """The call waits for the person's answer on the approval page."""
        fresh = approval is None
        if approval is None:
            approval = self.approvals.request(spec.name, values, await self._checked_preview(spec, values))
        link = f"{self.approval_origin()}{PAGE_PATH.format(page_id=approval.page_id)}"
        notice = None
        if fresh:
            notice = self._record(spec, values, "pending-confirmation")
            if can_elicit_url(ctx):
                await self._send_link(ctx, approval, link)
        minutes = max(1, self.approvals.seconds_left(approval) // 60)
        text = (
            f"Waiting for the person to approve at {link}\nNothing was done yet. {approval.preview}\n"
            f"Ask the person to open that link and approve or cancel there (it expires in {minutes} min). "
            f"Once they approve, call {spec.name} again with exactly the same arguments: it then runs once. "
            "Do not open the link yourself."
        )
        status = {"status": "waiting-for-person", "url": link, "preview": approval.preview}
        return _noted(
            _waiting_result(text, {**status, "expiresInSeconds": self.approvals.seconds_left(approval)}), notice
        )

    async def _send_link(self, ctx: Context, approval: Approval, link: str) -> None:
        """Give the person the link through the client (URL-mode elicitation), where it can."""
        try:
            await ctx.elicit_url(f"Approve or cancel: {approval.preview}", link, approval.page_id)
        except Exception as exc:  # the link is in the tool result as well
            log.info("URL elicitation failed (%s); the approval link is in the tool result", type(exc).__name__)

    async def _checked_preview(self, spec: ToolSpec, values: dict[str, Any]) -> str:
        try:
            return await self._preview(spec, values)
        except ToolError as exc:
            notice = self._record(spec, values, "error", error=str(exc))
            if notice:
                raise ToolError(f"{exc}\n{notice}") from None
            raise

    def _declined(self, spec: ToolSpec, values: dict[str, Any]) -> CallToolResult:
        notice = self._record(spec, values, "declined")
        text = f"The person declined. {_nothing_done(spec)} Do not retry unless they ask."
        return _noted(CallToolResult(content=[TextContent(type="text", text=text)], is_error=True), notice)

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
                notice = self._record(spec, values, "error", error=str(exc))
                if notice:
                    raise ToolError(f"{exc}\n{notice}") from None
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
            preview = (
                team_preview_for(spec.operation) or message_preview_for(spec.operation) or preview_for(spec.operation)
            )
            return await preview(client, values)
        except SendRefused as exc:
            raise ToolError(str(exc)) from None
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
    ) -> str | None:
        """Audit the call; a line for the result when the audit failed (never an exception)."""
        try:
            failure = self.audit.record(spec.name, values, outcome, ids=affected_ids(values, result), error=error)
        except Exception as exc:  # the call already happened: never let the audit hide that
            log.error("Could not audit %s (%s): %s", spec.name, outcome, type(exc).__name__)
            failure = f"the audit entry could not be made ({type(exc).__name__})"
        if failure is None:
            return None
        return (
            f"Audit warning: {failure}, so this call is missing from the audit file. The outcome above is "
            "what happened; do not repeat the call because of this. Tell the operator to fix CHIME_MCP_AUDIT_LOG."
        )


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
    if spec.effect is Effect.DESTROY and spec.operation.method != "DELETE":
        return "Nothing was changed."  # deactivate_agent: destroys access, deletes nothing
    return _NOTHING_DONE[spec.effect]


_NOTHING_DONE = {
    Effect.DESTROY: "Nothing was deleted.",
    Effect.EXPOSE: "No webhook was created.",
    Effect.SEND: "Nothing was sent.",
    Effect.REASSIGN: "Nothing was changed.",
}


def _noted(result: CallToolResult, notice: str | None) -> CallToolResult:
    """`result` as it happened, with the audit failure `notice` (if any) as a line of its own."""
    if not notice:
        return result
    return result.model_copy(update={"content": [*result.content, TextContent(type="text", text=notice)]})


def _with(message: str, notice: str | None) -> str:
    return f"{message}\n{notice}" if notice else message


def _waiting_result(text: str, approval: dict[str, Any]) -> CallToolResult:
    """A gated call's answer while it waits for the person: not an error (hosts show those as
    failures), and its structured content is the `approval` member of the tool's outputSchema."""
    return CallToolResult(
        content=[TextContent(type="text", text=text)], structured_content={"approval": approval}, is_error=False
    )
