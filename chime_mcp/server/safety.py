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

import base64
import hashlib
import hmac
import inspect
import json
import logging
import secrets
import struct
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from mcp.server.mcpserver import (
    AcceptedElicitation,
    Context,
    Elicit,
    ElicitationResult,
    MCPServer,
    Resolve,
)
from mcp.server.mcpserver.exceptions import ToolError
from mcp_types import CallToolResult, TextContent
from pydantic import BaseModel, Field, TypeAdapter

from chime_mcp.chime import errors
from chime_mcp.chime import models as m
from chime_mcp.chime.catalog import operation
from chime_mcp.chime.client import ChimeClient
from chime_mcp.chime.operation import Effect
from chime_mcp.server.audit import AuditLog, Outcome, check_writable
from chime_mcp.server.config import ConfirmPolicy, ServerConfig
from chime_mcp.server.failures import tool_error
from chime_mcp.server.specs import ToolSpec
from chime_mcp.server.tools import Backend, ToolFunction
from chime_mcp.server.webhook_targets import (
    Resolver,
    UnsafeWebhookTarget,
    WebhookTarget,
    check_webhook_target,
    system_resolver,
)

log = logging.getLogger("chime_mcp.safety")

TOKEN_ARGUMENT = "confirmationToken"
"""The argument that carries a confirmation token (in the schema of confirmed tools only)."""
ANSWER_PARAMETER = "confirmation"
"""The hidden, resolver-filled parameter that receives the person's answer."""
TOKEN_TTL = 300.0
AUDIT_URI = "chime://audit/recent"

Clock = Callable[[], float]


class Confirmation(BaseModel):
    """The form a person sees: one box to tick."""

    confirm: bool = Field(title="Yes, do it", description="Tick to go ahead; leave empty to cancel")


@dataclass(frozen=True)
class NotAsked:
    """What the resolver returns when it did not ask the person (and why)."""

    reason: Literal["off", "cannot-elicit"]


# -- confirmation tokens -------------------------------------------------------------------


class TokenRefused(Exception):
    """A confirmation token that does not allow this call; the message says what to do."""


class ConfirmationTokens:
    """Issues and redeems single-use tokens bound to one tool and its canonical arguments.

    A token is `ct1.<payload>.<tag>.<binding>`, base64url: payload = 12 random bytes + expiry
    (epoch seconds); tag = HMAC(secret, payload) proves this process issued it; binding =
    HMAC(secret, payload + tool + arguments) ties it to one call. Two MACs, so a token for other
    arguments is told apart from a forged one. Only used nonces are remembered, until expiry.
    """

    def __init__(self, *, secret: bytes | None = None, ttl: float = TOKEN_TTL, clock: Clock = time.time) -> None:
        self._secret = secret if secret is not None else secrets.token_bytes(32)
        self.ttl = ttl
        self._clock = clock
        self._used: dict[bytes, int] = {}

    def issue(self, tool: str, arguments: Mapping[str, Any]) -> str:
        expiry = int(self._clock() + self.ttl)
        payload = secrets.token_bytes(12) + struct.pack(">Q", expiry)
        return ".".join(("ct1", _b64(payload), _b64(self._tag(payload)), _b64(self._binding(payload, tool, arguments))))

    def redeem(self, token: str, tool: str, arguments: Mapping[str, Any]) -> None:
        """Accept `token` for this call once, or raise TokenRefused."""
        again = f"Call {tool} again without {TOKEN_ARGUMENT} to get a new preview and token."
        parts = token.strip().split(".")
        decoded = [_unb64(p) for p in parts[1:]] if len(parts) == 4 and parts[0] == "ct1" else []
        if len(decoded) != 3 or any(d is None for d in decoded):
            raise TokenRefused(f"That {TOKEN_ARGUMENT} is not a token this server issued. {again}")
        payload, tag, binding = (d or b"" for d in decoded)
        if len(payload) != 20 or not hmac.compare_digest(tag, self._tag(payload)):
            raise TokenRefused(
                f"That {TOKEN_ARGUMENT} was not issued by this server (forged, altered, or from before "
                f"a restart). {again}"
            )
        if not hmac.compare_digest(binding, self._binding(payload, tool, arguments)):
            raise TokenRefused(
                f"That {TOKEN_ARGUMENT} was issued for a different call (another tool or other "
                f"arguments); it only confirms the exact call that was previewed. {again}"
            )
        now = self._clock()
        (expiry,) = struct.unpack(">Q", payload[12:])
        if now > expiry:
            raise TokenRefused(f"That {TOKEN_ARGUMENT} expired {round(now - expiry)} s ago. {again}")
        nonce = payload[:12]
        if nonce in self._used:
            raise TokenRefused(f"That {TOKEN_ARGUMENT} was already used. {again}")
        # Check and mark with no await in between: two concurrent calls cannot both pass.
        self._used = {n: e for n, e in self._used.items() if e >= now}
        self._used[nonce] = expiry

    def _tag(self, payload: bytes) -> bytes:
        return hmac.new(self._secret, b"issued\0" + payload, hashlib.sha256).digest()[:16]

    def _binding(self, payload: bytes, tool: str, arguments: Mapping[str, Any]) -> bytes:
        message = b"call\0" + payload + tool.encode() + b"\0" + canonical(arguments).encode()
        return hmac.new(self._secret, message, hashlib.sha256).digest()


def canonical(arguments: Mapping[str, Any]) -> str:
    """One spelling of a call's arguments (sorted keys, JSON types), the token argument aside."""
    data = TypeAdapter(Any).dump_python(
        {k: v for k, v in arguments.items() if k not in (TOKEN_ARGUMENT, ANSWER_PARAMETER)},
        mode="json",
        by_alias=True,
    )
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=True)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes | None:
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except ValueError:
        return None


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
            if spec.name == "create_webhook":
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

    # -- previews ------------------------------------------------------------------------------

    async def _preview(self, spec: ToolSpec, values: Mapping[str, Any]) -> str:
        """What the call would do, read from the API; a ToolError when that cannot be read."""
        if spec.name == "create_webhook":
            target = await self._webhook_target(values)
            return _webhook_preview(values, target)
        try:
            client = await self.backend.client()
            return await _PREVIEWS[spec.name](client, values)
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


def register_audit_resource(server: MCPServer, audit: AuditLog) -> None:
    @server.resource(
        AUDIT_URI,
        name="audit_recent",
        title="Recent changes",
        description="The last 100 CRM-changing tool calls, one JSON line each.",
        mime_type="application/x-ndjson",
    )
    def audit_recent() -> str:
        return audit.render()


# -- what each confirmed tool would affect -------------------------------------------------


async def _lead_preview(client: ChimeClient, values: Mapping[str, Any]) -> str:
    lead_id = values["leadId"]
    lead = await client.call(operation("get_lead"), {"leadId": lead_id})
    notes = await client.call(operation("list_notes"), {"leadId": lead_id})
    tasks = await client.call(operation("list_tasks"), {"leadId": lead_id})
    open_tasks = sum(1 for t in tasks if not t.finishFlag)
    facts = [*(lead.emails or [])[:1], f"stage {lead.stage or 'none'}", _count(len(notes), "note")]
    facts.append(_count(open_tasks, "open task"))
    return (
        f"Move lead #{lead_id} {_name(lead)} ({', '.join(facts)}) to trash, reason: {values.get('reason') or '(none)'}"
    )


async def _note_preview(client: ChimeClient, values: Mapping[str, Any]) -> str:
    note = await client.call(operation("get_note"), {"noteId": values["noteId"]})
    lead = await _lead_label(client, note.leadId)
    return f'Delete note #{values["noteId"]} on {lead}: "{_first_words(note.content)}"'


async def _task_preview(client: ChimeClient, values: Mapping[str, Any]) -> str:
    task = await client.call(operation("get_task"), {"taskId": values["taskId"]})
    name = " ".join(p for p in (task.leadFirstName, task.leadLastName) if p) or task.leadName or ""
    lead = f"lead #{task.leadId} {name}".rstrip() if task.leadId else "no lead"
    state = "done" if task.finishFlag else "open"
    facts = ", ".join(p for p in (task.type, f"due {task.deadline}" if task.deadline else "", state) if p)
    return f'Delete task #{values["taskId"]} ({facts}) on {lead}: "{_first_words(task.content)}"'


async def _log_preview(client: ChimeClient, values: Mapping[str, Any]) -> str:
    entry = await client.call(operation("get_log"), {"logTypeId": values["logTypeId"]})
    lead = await _lead_label(client, entry.leadId)
    # The wire record carries logType and content beyond the reference's model (kept as extras).
    kind = str(getattr(entry, "logType", "") or "").lower()
    when = f" of {entry.createTime}" if entry.createTime else ""
    content = getattr(entry, "content", None)
    said = f': "{_first_words(str(content))}"' if content else ""
    return f"Delete {kind} log #{values['logTypeId']}{when} on {lead}{said}".replace("  ", " ")


async def _webhook_delete_preview(client: ChimeClient, values: Mapping[str, Any]) -> str:
    subscribe_id = values["subscribeId"]
    hooks = await client.call(operation("list_webhooks"))
    hook = next((h for h in hooks if h.subscribeId == subscribe_id), None)
    if hook is None:
        raise errors.NotFoundError(f"Webhook {subscribe_id} not found", status=404)
    return f"Stop webhook #{subscribe_id}: {_events(hook.listId)} sent to {hook.callbackUrl}"


async def _broker_team_preview(client: ChimeClient, values: Mapping[str, Any]) -> str:
    # The API has no way to read a broker team, so the id is all there is to show.
    return f"Remove broker team #{values['id']} from the broker account (Chime cannot show its details first)"


def _webhook_preview(values: Mapping[str, Any], target: WebhookTarget) -> str:
    addresses = ", ".join(target.addresses[:3])
    limit = values.get("limit") or 100
    return (
        f"Send {_events(values.get('listId'))} out of the CRM to {target.url} "
        f"({target.host} = {addresses}), up to {limit} per callback"
    )


_PREVIEWS: dict[str, Callable[[ChimeClient, Mapping[str, Any]], Awaitable[str]]] = {
    "delete_lead": _lead_preview,
    "delete_note": _note_preview,
    "delete_task": _task_preview,
    "delete_log": _log_preview,
    "delete_webhook": _webhook_delete_preview,
    "delete_broker_team": _broker_team_preview,
}


async def _lead_label(client: ChimeClient, lead_id: int | None) -> str:
    """`lead #123 Bob Li`, or just the id when the lead cannot be read."""
    if lead_id is None:
        return "no lead"
    try:
        lead = await client.call(operation("get_lead"), {"leadId": lead_id})
    except errors.ChimeError:
        return f"lead #{lead_id}"
    return f"lead #{lead_id} {_name(lead)}"


def _name(lead: m.LeadResponse) -> str:
    return " ".join(p for p in (lead.firstName, lead.lastName) if p) or "(no name)"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _first_words(text: str | None, limit: int = 80) -> str:
    words = " ".join((text or "").split())
    return words if len(words) <= limit else words[: limit - 3].rsplit(" ", 1)[0] + "..."


def _event_names() -> dict[int, str]:
    # The listId meanings are written once, in the request model's description.
    description = m.WebhookRequest.model_fields["listId"].description or ""
    names: dict[int, str] = {}
    for part in description.split(","):
        number, _, name = part.strip().partition(" ")
        if number.isdigit():
            names[int(number)] = name
    return names


def _events(list_id: Any) -> str:
    name = _event_names().get(list_id) if isinstance(list_id, int) else None
    return f"{name} events (listId {list_id})" if name else f"events of list {list_id}"
