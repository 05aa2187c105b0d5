"""Everything that can go wrong talking to Chime, as one small hierarchy.

Every message says what happened and what to do next, and never contains a credential.
"""

from __future__ import annotations

import math


class ChimeError(Exception):
    """Base of all chime-mcp client errors."""

    hint: str = ""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        self.message = message
        if hint is not None:
            self.hint = hint
        if not self.hint:
            text = message
        elif message.endswith((".", "!", "?")):
            text = f"{message} {self.hint}"
        else:
            text = f"{message}. {self.hint}"
        super().__init__(text)


class ConfigurationError(ChimeError):
    """No usable credential or an invalid setting; nothing was sent."""


class InvalidInputError(ChimeError):
    """The arguments failed validation before anything was sent."""

    def __init__(self, message: str, *, fields: tuple[str, ...] = (), hint: str | None = None) -> None:
        self.fields = fields
        super().__init__(message, hint=hint)


class ReadOnlyError(ChimeError):
    hint = "The server runs read-only; restart it without --read-only to make changes"


class ApiError(ChimeError):
    """The API answered with an error status."""

    def __init__(
        self,
        message: str,
        *,
        status: int,
        code: int | str | None = None,
        hint: str | None = None,
        api_text: str = "",
    ) -> None:
        self.status = status
        self.code = code
        self.api_text = api_text
        """The API's own message (redacted), also part of `message`."""
        super().__init__(message, hint=hint)


class AuthenticationError(ApiError):
    hint = (
        "Check CHIME_API_KEY (sent as 'token <key>') or CHIME_ACCESS_TOKEN (sent as 'Bearer <token>'); "
        "an API key set as an access token fails"
    )


class PermissionDeniedError(ApiError):
    hint = "The credential's user lacks permission for this; ask a team admin"


class NotFoundError(ApiError):
    hint = "Check the id; find records with a search or list call first"


class InvalidRequestError(ApiError):
    hint = "Correct the arguments and try again"


class RateLimitedError(ApiError):
    def __init__(self, message: str, *, retry_after: float, status: int = 429) -> None:
        if not math.isfinite(retry_after):
            retry_after = 60.0
        self.retry_after = retry_after
        super().__init__(message, status=status, hint=f"Retry in {max(1, round(retry_after))} s")


class ServerError(ApiError):
    hint = "Chime had a problem; try again in a minute"


class OutcomeUnknownError(ChimeError):
    """A write that may have been applied: the request went out and no clear answer came back.

    Never to be reported as a plain failure: retrying it blindly can duplicate or lose a record.
    The message names the read that checks it.
    """


class UnexpectedResponseError(ChimeError):
    hint = "The API answered in a shape chime-mcp does not understand; try again, then report it"


class TransportError(ChimeError):
    """The request did not complete: no answer came back."""


class NetworkError(TransportError):
    hint = "Check the network and CHIME_BASE_URL, then try again"


class ChimeTimeoutError(TransportError):
    hint = "Chime was slow to answer; try again, or raise CHIME_TIMEOUT"
