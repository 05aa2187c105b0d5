"""The canary credential: a value that must never be seen.

Not in a tool result, an error, a log line, an audit line or CLI output. The autouse fixture
`no_canary_leaks` (conftest.py) fails any test whose captured logs or output contain it, so
tests that run with it as the credential (test_secrets.py) are checked for free.
"""

from __future__ import annotations

import logging

CANARY_API_KEY = "canary-chime-key-5f1d"


def formatted(record: logging.LogRecord) -> str:
    """A log record's whole line as a handler would write it, with any traceback."""
    return logging.Formatter("%(name)s %(levelname)s %(message)s").format(record)
