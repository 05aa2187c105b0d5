"""Messages to a lead: a text from the sender's virtual number, an email from the sender's mailbox.

Both are `Effect.SEND`: a person approves each after a preview of the recipient, the exact number
or address, the exact text and the lead's do-not-contact flags (services/message_previews.py).
"""

from __future__ import annotations

from typing import Final

from chime_mcp.chime import models as m
from chime_mcp.chime.operation import Body, Effect, Operation

SEND_TEXT: Final = Operation(
    tool="send_text",
    method="POST",
    path="/v1.0/message/sms/send",
    title="Send text",
    description="Text a lead from your virtual number, after the person approves the exact message.",
    toolset="messaging",
    effect=Effect.SEND,
    result=m.SmsResponse,
    body=Body(name="smsRequest", model=m.SmsRequest),
)

SEND_EMAIL: Final = Operation(
    tool="send_email",
    method="POST",
    path="/v1.0/message/email/send",
    title="Send email",
    description="Email a lead from your mailbox, after the person approves the exact message.",
    toolset="messaging",
    effect=Effect.SEND,
    result=m.EmailSendResponse,
    body=Body(name="emailSendRequest", model=m.EmailSendRequest),
)

# -- to the team's agents (the document's "Opportunity" and "Notifications V2") -----------------
# The v2 texts and emails go to the caller (the credential's user), not to an agent of choice.

SEND_OPPORTUNITY_ALERT: Final = Operation(
    tool="send_opportunity_alert",
    method="POST",
    path="/v1.0/agent/send-notification",
    title="Send opportunity alert",
    description="Alert the lead's agent to its site activity.",
    toolset="messaging",
    effect=Effect.SEND,
    result=m.SendOpportunityNotificationResponse,
    body=Body(name="opportunityNotificationRequest", model=m.OpportunityNotificationRequest),
)

TEXT_AGENT: Final = Operation(
    tool="text_agent",
    method="POST",
    path="/v2.0/sales-agent/message/sms/send-to-agent",
    title="Text agent",
    description="Text yourself a system SMS.",
    toolset="messaging",
    effect=Effect.SEND,
    result=m.MessageResponse,
    body=Body(name="sendSmsToAgentRequest", model=m.SendSmsToAgentRequest),
)

EMAIL_AGENT: Final = Operation(
    tool="email_agent",
    method="POST",
    path="/v2.0/sales-agent/message/email/send-to-agent",
    title="Email agent",
    description="Email yourself a system email.",
    toolset="messaging",
    effect=Effect.SEND,
    result=m.MessageResponse,
    body=Body(name="sendEmailToAgentRequest", model=m.SendEmailToAgentRequest),
)

TEXT_AGENT_FROM_AI_NUMBER: Final = Operation(
    tool="text_agent_from_ai_number",
    method="POST",
    path="/v2.0/sales-agent/ai-number/send-sms-to-agent",
    title="Text agent from AI number",
    description="Text yourself via the Sales Agent AI number.",
    toolset="messaging",
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
    toolset="messaging",
    effect=Effect.SEND,
    result=m.MessageResponse,
    body=Body(name="sendTaskReminderPushRequest", model=m.SendTaskReminderPushRequest),
)
