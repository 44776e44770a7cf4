// Token events told as they happen: created, revoked, rotated and reuse detected, derived from the audit
// trail (lib/audit/record.ts calls this inside the transaction of each audit event), so an action notifies
// exactly when it is audited and its notification is in the outbox the moment the action commits.
// Webhooks get what their Events include; email tells only of reuse (and, through the scan, of expiry).
import "server-only";
import type { AuditEventInput } from "@/lib/audit/record";
import type { Tx } from "@/lib/db/db";
import { revokeReasonLabel } from "@/lib/tokens";
import { EMAILED_EVENTS, tokenEventData, type TokenEventExtra, type TokenEventType } from "./messages";
import { listeningKnown, rememberListening } from "./listening";
import { enqueue, type OutboxEntry } from "./outbox";
import { consoleBaseUrl, getNotificationSettings, hasEmail, recipientsFor } from "./settings";
import { webhooksFor } from "./webhooks";

/** The token an event is about and what the event adds, or null for an event that tells nothing. */
function describe(event: AuditEventInput): { type: TokenEventType; tokenId: string; extra: TokenEventExtra } | null {
  if (event.outcome === "failure" && event.action !== "service_token.reuse_detected") return null;
  switch (event.action) {
    case "service_token.create":
      return event.targetId ? { type: "token.created", tokenId: event.targetId, extra: {} } : null;
    case "service_token.revoke":
    case "service_token.bulk_revoke":
      return event.targetId
        ? {
            type: "token.revoked",
            tokenId: event.targetId,
            extra: { reason: revokeReasonLabel(event.details.reason ?? null), revoked_by: event.actorName ?? null },
          }
        : null;
    case "service_token.rotate":
      return { type: "token.rotated", tokenId: event.details.replacedId, extra: { replaced_by: event.details.newId } };
    case "service_token.reuse_detected":
      return {
        type: "token.reuse_detected",
        tokenId: event.details.presentedId,
        extra: { revoked_ids: event.details.revokedIds },
      };
    default:
      return null;
  }
}

async function anyoneListening(tx: Tx): Promise<boolean> {
  const known = listeningKnown();
  if (known !== null) return known;
  const [settings, webhooks] = await Promise.all([
    getNotificationSettings(tx),
    tx.notificationWebhook.count({ where: { state: "active" } }),
  ]);
  return rememberListening(hasEmail(settings) || webhooks > 0);
}

/** Queues the event's notifications in the audit event's transaction; `at` is the event's time. */
export async function queueTokenEvent(event: AuditEventInput, tx: Tx, at: Date): Promise<void> {
  const told = describe(event);
  if (!told || !(await anyoneListening(tx))) return;
  const hooks = await webhooksFor(told.type, tx);
  const settings = await getNotificationSettings(tx);
  const email = EMAILED_EVENTS.has(told.type) && hasEmail(settings);
  if (hooks.length === 0 && !email) return;
  const token = await tx.serviceToken.findUnique({
    where: { publicId: told.tokenId },
    select: { publicId: true, type: true, issuedTo: true, expiresAt: true, lastUsedAt: true, notifyEmails: true },
  });
  if (!token) return;
  const data = tokenEventData(token, consoleBaseUrl(settings), told.extra);
  const entries: OutboxEntry[] = hooks.map((hook) => ({
    channel: "webhook",
    webhookId: hook.id,
    event: told.type,
    payload: data,
  }));
  const recipients = email ? recipientsFor(settings, token.notifyEmails) : [];
  // Never held for the digest: a reuse is a security event, told at once.
  if (recipients.length > 0) entries.push({ channel: "email", event: told.type, payload: data, recipients });
  await enqueue(tx, entries, at.getTime());
}
