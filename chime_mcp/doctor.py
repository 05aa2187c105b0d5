"""`chime-mcp doctor`: check the configuration and reach /v1.0/me, saying what works."""

from __future__ import annotations

from collections.abc import Mapping

from chime_mcp.chime import errors
from chime_mcp.chime.catalog import team
from chime_mcp.chime.client import ChimeClient
from chime_mcp.chime.config import KNOWN_HOSTS, ClientSettings, Credential, settings_from_env

GET_ME = team.GET_ME


def _say(text: str) -> None:
    print(text, flush=True)


async def _probe(client: ChimeClient) -> str:
    try:
        me = await client.call(GET_ME)
    except errors.ChimeError as exc:
        return f"fails: {exc}"
    budget = client.budget
    limits = (
        f"rate limit {budget.remaining}/{budget.limit} left" if budget.limit is not None else "no rate-limit headers"
    )
    return f"works: signed in as {me.firstName or ''} {me.lastName or ''} (user {me.id}); {limits}"


async def run_doctor(env: Mapping[str, str], sandbox: bool) -> int:
    """Check the credential in `env` (or the sandbox) against every host and auth scheme."""
    if sandbox:
        from chime_mcp.wiring import sandbox_client

        async with sandbox_client() as client:
            _say("sandbox: " + await _probe(client))
        return 0
    try:
        settings = settings_from_env(env)
    except errors.ConfigurationError as exc:
        _say(f"configuration: {exc}")
        return 2
    credential = settings.credential
    _say(f"credential: {credential.scheme_name} from {_source(credential)}")
    _say(f"base URL: {settings.base_url}")
    ok = False
    # The other official host is worth a try; a custom URL (a proxy, the sandbox) is tested
    # alone, so the credential goes nowhere it was not configured for.
    hosts = [settings.base_url]
    if settings.base_url in KNOWN_HOSTS:
        hosts += [h for h in KNOWN_HOSTS if h != settings.base_url]
    schemes = [
        credential,
        Credential("access_token" if credential.kind == "api_key" else "api_key", credential.secret),
    ]
    for host in hosts:
        for candidate in schemes:
            trial = ClientSettings(credential=candidate, base_url=host, timeout=settings.timeout, max_rate_limit_wait=5)
            async with ChimeClient(trial, max_retries=1) as client:
                verdict = await _probe(client)
            ok = ok or verdict.startswith("works")
            _say(f"  {host} with {candidate.scheme_name}: {verdict}")
    if not ok:
        _say("Nothing worked: check the credential with your Chime/Lofty admin, and the network.")
    return 0 if ok else 1


def _source(credential: Credential) -> str:
    return "CHIME_API_KEY" if credential.kind == "api_key" else "CHIME_ACCESS_TOKEN"
