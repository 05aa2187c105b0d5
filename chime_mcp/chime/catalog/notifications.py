"""Notifications to the team's own people: an opportunity alert to a lead's agent, a task reminder
pushed to its assignee's app, and system texts and emails to yourself (the credential's user: the
document's v2 "send-to-agent" endpoints reach no one else).

All are `Effect.SEND`, approved by a person after a preview of who is reached and how
(services/message_previews.py), as the texts and emails to leads in `messaging`.
"""

from __future__ import annotations

from typing import Final

from chime_mcp.chime import models as m
from chime_mcp.chime.operation import Body, Effect, Operation

# The v2 texts and emails go to the caller (the credential's user), not to an agent of choice.

SEND_OPPORTUNITY_ALERT: Final = Operation(
    tool="send_opportunity_alert",
    method="POST",
    path="/v1.0/agent/send-notification",
    title="Send opportunity alert",
    description="Alert the lead's agent to its site activity.",
    toolset="notifications",
    effect=Effect.SEND,
    result=m.SendOpportunityNotificationResponse,
    body=Body(name="opportunityNotificationRequest", model=m.OpportunityNotificationRequest),
)

TEXT_ME: Final = Operation(
    tool="text_me",
    method="POST",
    path="/v2.0/sales-agent/message/sms/send-to-agent",
    title="Text me",
    description="Text yourself a system SMS.",
    toolset="notifications",
    effect=Effect.SEND,
    result=m.MessageResponse,
    body=Body(name="sendSmsToAgentRequest", model=m.SendSmsToAgentRequest),
)

EMAIL_ME: Final = Operation(
    tool="email_me",
    method="POST",
    path="/v2.0/sales-agent/message/email/send-to-agent",
    title="Email me",
    description="Email yourself a system email.",
    toolset="notifications",
    effect=Effect.SEND,
    result=m.MessageResponse,
    body=Body(name="sendEmailToAgentRequest", model=m.SendEmailToAgentRequest),
)

TEXT_ME_FROM_AI_NUMBER: Final = Operation(
    tool="text_me_from_ai_number",
    method="POST",
    path="/v2.0/sales-agent/ai-number/send-sms-to-agent",
    title="Text me from AI number",
    description="Text yourself via the Sales Agent AI number.",
    toolset="notifications",
    effect=Effect.SEND,
    result=m.MessageResponse,
    body=Body(name="sendSmsToAgentRequest", model=m.SendSmsToAgentRequest),
)

SEND_TASK_REMINDER: Final = Operation(
    tool="send_task_reminder",
    method="POST",
    path="/v2.0/sales-agent/notification/app-push/send-task-reminder",
    title="Send task reminder",
    description="Remind the assignee in the Lofty app.",
    toolset="notifications",
    effect=Effect.SEND,
    result=m.MessageResponse,
    body=Body(name="sendTaskReminderPushRequest", model=m.SendTaskReminderPushRequest),
)
