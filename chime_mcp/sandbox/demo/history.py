"""A lead's communication history: notes, dialer calls, emails, texts and logged calls/emails/texts
(then its tasks and appointments, see `agenda`)."""

from __future__ import annotations

from chime_mcp.sandbox.demo.agenda import build_appointments, build_tasks
from chime_mcp.sandbox.demo.builder import Builder, full_name
from chime_mcp.sandbox.demo.lead_info import LeadInfo
from chime_mcp.sandbox.demo.times import DAY
from chime_mcp.sandbox.demo.vocabulary import (
    CALL_NOTES,
    EMAIL_SUBJECTS_AUTO,
    IN_TEXTS,
    LOGS,
    MANUAL_SUBJECTS,
    NOTES,
    OUT_TEXTS,
)


def build_history(b: Builder, info: LeadInfo) -> int:
    """Notes, dialer calls, emails, texts, logs, tasks and appointments. Returns the last touch
    (the last call, manual email, manual text or log; 0 if none)."""
    _notes(b, info)
    last_touch = _calls(b, info)
    last_touch = max(last_touch, _emails(b, info))
    last_touch = max(last_touch, _texts(b, info))
    last_touch = max(last_touch, _logs(b, info))
    build_tasks(b, info)
    build_appointments(b, info)
    return last_touch


def _notes(b: Builder, info: LeadInfo) -> None:
    st = b.state
    start, end = info.created + 300, info.last_ts
    worker = info.worker
    note_pool = NOTES[info.depth]
    n_notes = 3 if info.bob else min(6, len(note_pool), b.ri(0, info.depth + 1))
    picked = sorted(b.sample(len(note_pool), n_notes))
    note_times = sorted(min(b.work_between(start, end), b.now) for _ in picked)
    for index, t in zip(picked, note_times, strict=True):
        edited = b.rand() < 0.15
        upd = min(t + b.rr(60, 3 * DAY), b.now) if edited else t
        note_id = b.nid()
        author = worker if b.rand() < 0.85 else b.admin
        text = note_pool[index].format_map(info.ctx)
        st.notes[note_id] = {
            "id": b.nid(),
            "noteId": note_id,
            "creatorId": author["id"],
            "leadId": info.lead_id,
            "createTime": b.fmt(t),
            "deleteFlag": False,
            "content": text,
            "lastUpdate": b.fmt(upd),
            "lastEditorId": author["id"],
            "creatorName": full_name(author),
            "lastEditorName": full_name(author),
            "isPin": b.rand() < 0.05,
            "systemNote": False,
        }
        info.bump(upd)
        if edited:
            info.edited_notes.append((note_id, upd, author, text))


def _call_count(b: Builder, info: LeadInfo) -> int:
    stage, depth = info.stage, info.depth
    if stage == "New":
        n_calls = b.ri(0, 1)
    elif stage == "Attempted Contact":
        n_calls = b.ri(1, 4)
    else:
        n_calls = b.ri(0, depth + 1) if depth else b.ri(0, 1)
    return 2 if info.bob else n_calls


def _calls(b: Builder, info: LeadInfo) -> int:
    """Dialer calls; an engaged lead's last call was answered. Returns the last one's start (or 0)."""
    st = b.state
    start, end = info.created + 300, info.last_ts
    stage, depth, worker = info.stage, info.depth, info.worker
    wid = worker["id"]
    last_touch = 0
    n_calls = _call_count(b, info)
    talked_done = False
    for i in range(n_calls):
        t = b.work_between(start, end)
        t = min(t, b.now - 60)
        inbound, outcome = _direction_and_outcome(b, stage, depth)
        if depth >= 2 and i == n_calls - 1 and not talked_done:
            outcome = "Talked"
        talked_done = talked_done or outcome == "Talked"
        status, duration, machine = _connection(b, outcome)
        ring = b.rr(3, 25)
        call_id = b.nid()
        st.calls[call_id] = {
            "id": call_id,
            "dialerCallRecordId": b.nid(),
            "userId": wid,
            "userPhoneNumber": worker["virtualNumber"],
            "leadId": info.lead_id,
            "leadPhoneNumber": info.phone,
            "direction": "Inbound" if inbound else "Outbound",
            "status": status,
            "startTime": b.fmt(t),
            "endTime": b.fmt(t + ring + duration),
            "duration": duration,
            "callingOutcome": outcome,
            "rateScore": b.ri(2, 5) if outcome == "Talked" else 0,
            "recordingSwitch": outcome == "Talked" and b.rand() < 0.6,
            "showUserNumber": worker["virtualNumber"],
            "createTime": b.fmt(t),
            "updateTime": b.fmt(t + ring + duration),
            "note": b.pick(CALL_NOTES[depth]) if outcome == "Talked" and b.rand() < 0.6 else "",
            "isMachineAnswered": machine,
            "price": round(0.0045 * (duration // 60 + 1), 4),
            "agentId": wid,
            "elapsedTime": f"00:{ring:02d}",
        }
        last_touch = max(last_touch, t)
        info.bump(t + ring + duration)
    return last_touch


def _direction_and_outcome(b: Builder, stage: str, depth: int) -> tuple[bool, str]:
    """Whether the lead called in, and how the call went (a lead not yet reached did not answer)."""
    inbound = depth >= 2 and b.rand() < 0.15
    if stage == "Attempted Contact" or (stage == "New") or (not inbound and b.rand() < 0.35):
        return inbound, b.pick(("NoAnswer", "VoiceMessage", "VoiceMessage"))
    return inbound, "Talked"


def _connection(b: Builder, outcome: str) -> tuple[str, int, bool]:
    """(status, duration in seconds, answered by a machine) for a call's outcome."""
    if outcome == "Talked":
        return "Completed", b.rr(45, 1500), False
    if outcome == "VoiceMessage":
        return "VoiceMail", b.rr(20, 50), True
    return "NoAnswer", 0, False


def _emails(b: Builder, info: LeadInfo) -> int:
    """Automatic drips for almost everyone, manual ones as the relationship deepens. Returns the
    last manual one's time (or 0)."""
    st = b.state
    start, end = info.created + 300, info.last_ts
    depth, ctx = info.depth, info.ctx
    last_touch = 0
    n_auto = 0 if info.stage == "New" and b.rand() < 0.5 else b.ri(1, 2 + depth // 2)
    n_manual = b.ri(0, depth) if depth else 0
    for i in range(n_auto + n_manual):
        manual = i >= n_auto
        t = b.between(start, end)
        inbound = manual and b.rand() < 0.3
        if manual:
            subject = b.pick(MANUAL_SUBJECTS[depth]).format_map(ctx)
            if inbound:
                subject = "Re: " + subject
        else:
            subject = b.pick(EMAIL_SUBJECTS_AUTO).format_map(ctx)
        roll = b.rand()
        event = "Bounced" if roll < 0.03 else ("Opened" if roll < 0.45 else "Sent")
        email_id = b.nid()
        st.emails[email_id] = {
            "id": email_id,
            "leadId": info.lead_id,
            "direction": "Inbound" if inbound else "Outbound",
            "agentId": info.worker["id"],
            "eventType": "Sent" if inbound else event,
            "emailEventTime": b.fmt(t),
            "emailType": "Manual" if manual else "Auto",
            "emailSubject": subject,
            "fromPond": info.pond is not None and not manual,
        }
        if manual:
            last_touch = max(last_touch, t)
        info.bump(t)
    return last_touch


def _texts(b: Builder, info: LeadInfo) -> int:
    """Texts, the first one maybe automatic. Returns the last manual one's time (or 0)."""
    st = b.state
    start, end = info.created + 300, info.last_ts
    depth = info.depth
    last_touch = 0
    n_texts = 1 if info.stage == "New" else b.ri(0, 1 + depth)
    for i in range(n_texts):
        t = b.work_between(start, end)
        t = min(t, b.now - 30)
        inbound = i > 0 and depth >= 2 and b.rand() < 0.4
        auto = i == 0 and not inbound and b.rand() < 0.5
        text_id = b.nid()
        st.texts[text_id] = {
            "id": text_id,
            "leadId": info.lead_id,
            "direction": "Inbound" if inbound else "Outbound",
            "agentId": info.worker["id"],
            "textOutcome": "Received" if inbound else ("Failed" if b.rand() < 0.03 else "Delivered"),
            "textTime": b.fmt(t),
            "textType": "Auto" if auto else "Manual",
            "textContent": b.pick((IN_TEXTS if inbound else OUT_TEXTS)[depth]).format_map(info.ctx),
        }
        if not auto:
            last_touch = max(last_touch, t)
        info.bump(t)
    return last_touch


def _logs(b: Builder, info: LeadInfo) -> int:
    """Logged calls / emails / texts (made outside Chime and recorded by hand). Returns the last
    one's time (or 0)."""
    st = b.state
    start, end = info.created + 300, info.last_ts
    depth, ctx, worker = info.depth, info.ctx, info.worker
    last_touch = 0
    n_logs = 2 if info.bob else (b.ri(0, min(3, depth)) if depth else 0)
    for _ in range(n_logs):
        t = b.work_between(start, end)
        t = min(t, b.now - 60)
        kind = b.pick(("Call", "Call", "Email", "Text"))
        log_id = b.nid()
        is_call = kind == "Call"
        is_email = kind == "Email"
        pool = LOGS[kind][depth]
        st.logs[log_id] = {
            "id": log_id,
            "leadId": info.lead_id,
            "leadPhoneNumber": info.phone if is_call else None,
            "callingOutcome": b.pick(("Talked", "Talked", "VoiceMessage")) if is_call else None,
            "content": b.pick(pool).format_map(ctx),
            "createTime": b.fmt(t),
            "outboundOrInbound": "inbound" if b.rand() < 0.2 else "outbound",
            "isPin": False,
            "agentId": worker["id"],
            "emailSubject": b.pick(MANUAL_SUBJECTS[depth]).format_map(ctx) if is_email else None,
            "toEmail": info.email if is_email else None,
            "fromEmail": worker["email"] if is_email else None,
            "logType": kind,
        }
        last_touch = max(last_touch, t)
        info.bump(t)
    return last_touch
