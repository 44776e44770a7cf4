// Delivery of the outbox: due rows are sent one by one, each outcome committed under the job's lease
// (a holder that lost it commits nothing, and the next holder sends the row again: at least once, with
// the row's id as the email's Message-ID and the webhook's id so receivers can drop a repeat). Failures
// back off exponentially (capped) and are given up after a day; each one is on the page and audited.
import "server-only";
import { recordAuditEvent } from "@/lib/audit/record";
import { db, type Tx } from "@/lib/db/db";
import { backoffDelay } from "@/lib/jobs/runner";
import { DAY_MS } from "@/lib/tokens";
import { sendMail } from "./mailer";
import { digestEmail, tokenEmail, type TokenEventData, type TokenEventType } from "./messages";
import { enqueue } from "./outbox";
import { getNotificationSettings, smtpPassword, type NotificationSettings } from "./settings";
import { postWebhook, signedBody } from "./webhook-sender";
import { disableWebhook, webhookTarget } from "./webhooks";

/** Deliveries are tried for this long after the notification was decided. */
const GIVE_UP_AFTER_MS = DAY_MS;
const RETRY_BACKOFF = { baseMs: 30_000, maxMs: 3_600_000 };
const BATCH = 20;

type OutboxRow = {
  id: string;
  channel: string;
  webhookId: string | null;
  event: string;
  payload: string;
  recipients: string | null;
  createdAt: Date;
  attempts: number;
};

type Outcome = { ok: boolean; message: string; status?: number | null; gone?: boolean };

type Sender = (row: OutboxRow, now: number) => Promise<Outcome>;

async function emailSender(): Promise<Sender> {
  let settings: NotificationSettings | undefined;
  let password: string | null = null;
  return async (row, now) => {
    if (!settings) {
      settings = await getNotificationSettings();
      password = await smtpPassword();
    }
    const to = (row.recipients ?? "").split("\n").filter(Boolean);
    const payload = JSON.parse(row.payload) as unknown;
    const mail =
      row.event === "digest"
        ? digestEmail((payload as { items: { event: TokenEventType; data: TokenEventData }[] }).items, now)
        : tokenEmail(row.event as TokenEventType, payload as TokenEventData, now);
    return sendMail(settings, password, { to, ...mail, messageId: row.id });
  };
}

function webhookSender(): Sender {
  const targets = new Map<string, Awaited<ReturnType<typeof webhookTarget>>>();
  return async (row, now) => {
    if (!row.webhookId) return { ok: false, message: "The webhook was removed." };
    if (!targets.has(row.webhookId)) targets.set(row.webhookId, await webhookTarget(row.webhookId));
    const target = targets.get(row.webhookId);
    if (!target) return { ok: false, message: "The webhook was removed.", gone: true };
    if (target.state === "disabled") return { ok: false, message: "The webhook is disabled (it answered 410 Gone).", gone: true };
    const outcome = await postWebhook(target.url, signedBody(row.id, target.secret, row.event, JSON.parse(row.payload), now));
    if (outcome.gone) await disableWebhook(row.webhookId, new Date(now));
    return outcome;
  };
}

/**
 * Gathers the digest's held notices into one email per set of recipients, at most once a day (the first
 * digest goes out at once), or at once when the digest was switched off meanwhile.
 */
export async function runDigest(now: number, fence?: (tx: Tx) => Promise<void>): Promise<number> {
  const settings = await getNotificationSettings();
  const last = (await db().notificationSettings.findUnique({ where: { id: "default" }, select: { lastDigestAt: true } }))
    ?.lastDigestAt;
  if (settings.dailyDigest && last !== null && last !== undefined && now - Number(last) < DAY_MS) return 0;
  return db().$transaction(async (tx) => {
    await fence?.(tx);
    const held = await tx.notificationOutbox.findMany({
      where: { state: "held" },
      orderBy: { createdAt: "asc" },
      select: { id: true, event: true, payload: true, recipients: true },
    });
    if (held.length === 0) return 0;
    const groups = new Map<string, { event: string; data: unknown }[]>();
    for (const row of held) {
      const key = row.recipients ?? "";
      groups.set(key, [...(groups.get(key) ?? []), { event: row.event, data: JSON.parse(row.payload) as unknown }]);
    }
    await enqueue(
      tx,
      [...groups].map(([recipients, items]) => ({
        channel: "email" as const,
        event: "digest",
        payload: { items },
        recipients: recipients.split("\n").filter(Boolean),
      })),
      now,
    );
    await tx.notificationOutbox.updateMany({
      where: { id: { in: held.map((h) => h.id) } },
      data: { state: "sent", sentAt: new Date(now) },
    });
    if (settings.dailyDigest) {
      await tx.notificationSettings.updateMany({ data: { lastDigestAt: BigInt(now) } });
    }
    return groups.size;
  });
}

/** Sends the due rows (a batch); "more" when a full batch was sent and more may be due. */
export async function deliverDue(
  now: number,
  fence?: (tx: Tx) => Promise<void>,
  random: () => number = Math.random,
): Promise<"more" | "idle"> {
  const rows = await db().notificationOutbox.findMany({
    where: { state: "pending", nextAttemptAt: { lte: BigInt(now) } },
    orderBy: { nextAttemptAt: "asc" },
    take: BATCH,
    select: {
      id: true,
      channel: true,
      webhookId: true,
      event: true,
      payload: true,
      recipients: true,
      createdAt: true,
      attempts: true,
    },
  });
  if (rows.length === 0) return "idle";
  const senders: Partial<Record<string, Sender>> = { email: await emailSender(), webhook: webhookSender() };
  for (const row of rows) {
    const send = senders[row.channel];
    const outcome: Outcome = send ? await send(row, now) : { ok: false, message: `Unknown channel ${row.channel}.` };
    await recordOutcome(row, outcome, now, fence, random);
  }
  return rows.length === BATCH ? "more" : "idle";
}

async function recordOutcome(
  row: OutboxRow,
  outcome: Outcome,
  now: number,
  fence: ((tx: Tx) => Promise<void>) | undefined,
  random: () => number,
): Promise<void> {
  const attempt = row.attempts + 1;
  await db().$transaction(async (tx) => {
    await fence?.(tx);
    if (outcome.ok) {
      await tx.notificationOutbox.update({
        where: { id: row.id },
        data: {
          state: "sent",
          attempts: attempt,
          sentAt: new Date(now),
          lastAttemptAt: new Date(now),
          lastStatus: outcome.status ?? null,
          lastError: null,
        },
      });
      return;
    }
    const delay = backoffDelay(attempt, RETRY_BACKOFF, random);
    // A webhook that answered 410 Gone (now disabled) gets no retry.
    const final = outcome.gone === true || now + delay - row.createdAt.getTime() > GIVE_UP_AFTER_MS;
    await tx.notificationOutbox.update({
      where: { id: row.id },
      data: {
        state: final ? "failed" : "pending",
        attempts: attempt,
        nextAttemptAt: BigInt(final ? now : now + delay),
        lastAttemptAt: new Date(now),
        lastStatus: outcome.status ?? null,
        lastError: outcome.message.slice(0, 500),
      },
    });
    await recordAuditEvent(
      {
        actorType: "system",
        actorName: "Notifications",
        action: "notifications.delivery_failed",
        outcome: "failure",
        targetType: "notification",
        targetId: row.id,
        details: { channel: row.channel, event: row.event, attempt, error: outcome.message.slice(0, 300), final },
      },
      tx,
    );
  });
}
