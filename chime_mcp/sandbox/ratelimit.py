"""Moved to `chime_mcp.sandbox.limiter`; this module stays until its importers outside the sandbox switch."""

from chime_mcp.sandbox.limiter import DEFAULT_RATE_LIMIT, RateLimit, RateLimiter, parse_rate_limit

__all__ = ["DEFAULT_RATE_LIMIT", "RateLimit", "RateLimiter", "parse_rate_limit"]
