// What an administrator does from the page besides saving: send a test email, check expiries now, and
// read the recent deliveries with their state.
import "server-only";
import { recordAuditEvent, type RequestMeta } from "@/lib/audit/record";
import type { SessionUser } from "@/lib/auth/users";
import { db } from "@/lib/db/db";
import { nudgeNotifications } from "./background";
import { sendMail, type MailResult } from "./mailer";
import { testEmail } from "./messages";
import { hasChannel, scanExpiries } from "./scan";
import { getNotificationSettings, smtpPassword } from "./settings";

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
  const configured = hasChannel(await getNotificationSettings());
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
