// What an administrator does from the page besides saving: send a test email, check expiries now, and
// read the recent deliveries with their state.
import "server-only";
import { recordAuditEvent, type RequestMeta } from "@/lib/audit/record";
import type { SessionUser } from "@/lib/auth/users";
import { db } from "@/lib/db/db";
import { newId } from "@/lib/db/ids";
import { nudgeNotifications } from "./background";
import { sendMail, type MailResult } from "./mailer";
import { testEmail } from "./messages";
import { hasChannel, scanExpiries } from "./scan";
import { getNotificationSettings, smtpPassword } from "./settings";
import { postWebhook, signedBody, type WebhookOutcome } from "./webhook-sender";
import { webhookTarget } from "./webhooks";

export async function sendTestEmail(actor: SessionUser, meta: RequestMeta): Promise<MailResult> {
  const settings = await getNotificationSettings();
  const result = await sendMail(settings, await smtpPassword(), { to: settings.recipients, ...testEmail(Date.now()) });
  await recordAuditEvent({
    actorType: "user",
    actorId: actor.id,
    actorName: actor.username,
    action: "notifications.test_email",
    outcome: result.ok ? "success" : "failure",
    targetType: "notification_settings",
    targetId: "default",
    details: { ok: result.ok, result: result.message.slice(0, 300) },
    meta,
  });
  return result;
}

type CheckNowResult = { configured: boolean; queued: number };

/** Runs the expiry scan at once; what it queued goes out through the job, nudged here. */
export async function checkNow(actor: SessionUser, meta: RequestMeta): Promise<CheckNowResult> {
  const configured = await hasChannel(await getNotificationSettings());
  const { queued } = await scanExpiries(Date.now());
  await recordAuditEvent({
    actorType: "user",
    actorId: actor.id,
    actorName: actor.username,
    action: "notifications.check_now",
    outcome: "success",
    targetType: "notification_settings",
    targetId: "default",
    details: { queued },
    meta,
  });
  nudgeNotifications();
  return { configured, queued };
}

export type DeliveryView = {
  id: string;
  channel: string;
  event: string;
  state: string;
  attempts: number;
  createdAt: Date;
  lastAttemptAt: Date | null;
  nextAttemptAt: Date | null;
  lastStatus: number | null;
  lastError: string | null;
};

/** The last deliveries (of a webhook, or of email), newest first. */
export async function recentDeliveries(where: { webhookId?: string; email?: true }, take = 100): Promise<DeliveryView[]> {
  const rows = await db().notificationOutbox.findMany({
    where: where.webhookId ? { webhookId: where.webhookId } : { channel: { in: ["email", "digest"] } },
    orderBy: { createdAt: "desc" },
    take,
    select: {
      id: true,
      channel: true,
      event: true,
      state: true,
      attempts: true,
      createdAt: true,
      lastAttemptAt: true,
      nextAttemptAt: true,
      lastStatus: true,
      lastError: true,
    },
  });
  return rows.map((r) => ({ ...r, nextAttemptAt: r.state === "pending" ? new Date(Number(r.nextAttemptAt)) : null }));
}

/** Sends a test event to a webhook at once and logs it with the webhook's deliveries. */
export async function sendTestWebhook(id: string, actor: SessionUser, meta: RequestMeta): Promise<WebhookOutcome | null> {
  const target = await webhookTarget(id);
  if (!target) return null;
  const now = Date.now();
  const rowId = newId();
  const data = { message: "A test event from the Service Tokens console.", sent_by: actor.username };
  const outcome = await postWebhook(target.url, signedBody(rowId, target.secret, "webhook.test", data, now));
  await db().$transaction(async (tx) => {
    await tx.notificationOutbox.create({
      data: {
        id: rowId,
        channel: "webhook",
        webhookId: id,
        event: "webhook.test",
        payload: JSON.stringify(data),
        createdAt: new Date(now),
        state: outcome.ok ? "sent" : "failed",
        attempts: 1,
        nextAttemptAt: BigInt(now),
        lastAttemptAt: new Date(now),
        lastStatus: outcome.status,
        lastError: outcome.ok ? null : outcome.message,
        sentAt: outcome.ok ? new Date(now) : null,
      },
    });
    await recordAuditEvent(
      {
        actorType: "user",
        actorId: actor.id,
        actorName: actor.username,
        action: "notifications.test_webhook",
        outcome: outcome.ok ? "success" : "failure",
        targetType: "notification_webhook",
        targetId: id,
        details: { url: target.url, ok: outcome.ok, result: outcome.message.slice(0, 300) },
        meta,
      },
      tx,
    );
  });
  return outcome;
}
