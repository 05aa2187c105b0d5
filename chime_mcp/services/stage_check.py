"""A lead's stage is one of the team's pipeline stages, checked before a lead is created or
changed: Chime keeps any text under 20 characters as the stage, so a typo ("Nuture") would file
the lead where no pipeline view shows it.

The team's stages are its lead pipelines. When they cannot be read (a plan without pipelines, a
refusal) or come back empty, the API decides, as before: the check never blocks on a read.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from chime_mcp.chime import errors
from chime_mcp.chime.catalog.leads import CREATE_LEAD, UPDATE_LEAD
from chime_mcp.chime.client import ChimeClient
from chime_mcp.chime.operation import Operation
from chime_mcp.services.completions import pipeline_stages

STAGED: Final[tuple[Operation[Any], ...]] = (CREATE_LEAD, UPDATE_LEAD)
"""The writes whose body sets a lead's `stage`."""


async def check_stage(client: ChimeClient, operation: Operation[Any], body: object) -> None:
    """Raise InvalidInputError (nothing sent) when `body` sets a stage the team does not have."""
    if not any(operation is staged for staged in STAGED) or not isinstance(body, Mapping):
        return
    stage = body.get("stage")
    if not isinstance(stage, str) or not stage:
        return
    team = await pipeline_stages(client)
    if team is None or not team.values or not team.exhaustive or stage in team.values:
        return  # a stage of the team, or the team's stages are not all known
    names = team.values
    spelled = [name for name in names if name.casefold() == stage.casefold()]
    if spelled:
        raise errors.InvalidInputError(
            f"stage {stage!r} is spelled {spelled[0]!r} in the team's pipelines; nothing was sent", fields=("stage",)
        )
    listed = ", ".join(repr(name) for name in names)
    raise errors.InvalidInputError(
        f"stage {stage!r} is not one of the team's stages ({listed}); nothing was sent", fields=("stage",)
    )
