"""The live API's error answers: its codes (from lofty-openapi.json) and `SandboxError`.

```
SandboxError(status, message, code)     raised by a handler, answered as JSON by app.py
├── bad(message, code=INVALID_PARAMETER)         400: the request breaks a business rule
└── missing(what, ident, code=RESOURCE_NOT_EXIST) 404: the record named does not exist
```
The body is `{"code": ..., "message": ...}`, or `{"message": ...}` where the live API sends no code.
"""

from __future__ import annotations

from typing import Final

USER_NOT_EXIST: Final = 20003
LEAD_NOT_EXIST: Final = 20006
RESOURCE_NOT_EXIST: Final = 20007
INVALID_PARAMETER: Final = 20012
LIMIT_NOT_VALID: Final = 20042
PROPERTY_ADDRESS_EMPTY: Final = 200057
TRANSACTION_NOT_EXIST: Final = 200060
TRANSACTION_NAME_INVALID: Final = 200062
LEAD_PROPERTY_NOT_EXIST: Final = 200108


class SandboxError(Exception):
    """An error answer: HTTP status, live-style code and a message naming what was wrong."""

    def __init__(self, status: int, message: str, code: int | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code

    def body(self) -> dict[str, int | str | None]:
        return {"code": self.code, "message": self.message} if self.code is not None else {"message": self.message}


def bad(message: str, code: int = INVALID_PARAMETER) -> SandboxError:
    """400: the request is well formed but breaks a rule of the live API."""
    return SandboxError(400, message, code)


def missing(what: str, ident: object, code: int = RESOURCE_NOT_EXIST) -> SandboxError:
    """404: `what ident does not exist`."""
    return SandboxError(404, f"{what} {ident} does not exist", code)
