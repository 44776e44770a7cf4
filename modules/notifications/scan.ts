// The expiry scan: finds the active tokens that crossed a warning threshold or expired since their last
// notice, and writes each notice to the outbox in the transaction that records it. Each token gets
// `token.expiring` once per threshold (only the smallest one crossed when several were crossed at once)
// and `token.expired` once; a token rotated or revoked before a threshold is not active and gets none.
// The record of notices (token_expiry_notices) is updated with a conditional upsert, so two scans racing
// (Check now while the job scans, on another instance) notify once.
import "server-only";
import { Prisma } from "@/lib/generated/sqlite/client";
import { db, type Tx } from "@/lib/db/db";
import { DAY_MS } from "@/lib/tokens";
import { tokenEventData } from "./messages";
import { enqueue, type OutboxEntry } from "./outbox";
import { consoleBaseUrl, getNotificationSettings, hasEmail, recipientsFor, type NotificationSettings } from "./settings";
import { scanUnused } from "./unused-scan";
import { listWebhooks, webhooksFor } from "./webhooks";

/** Tokens that expired longer ago than this get no `token.expired` (e.g. when notifications are set up). */
const EXPIRED_LOOKBACK_MS = 7 * DAY_MS;
/** Notices written per transaction (their claim takes one parameter each: under the SQLite client's 999). */
const BATCH = 900;

const { sql, join, raw } = Prisma;

type Candidate = {
  id: string;
  publicId: string;
  type: string;
  issuedTo: string;
  expiresAt: Date | string | number;
  lastUsedAt: Date | string | number | null;
  notifyEmails: string | null;
  /** 0: expired; otherwise the smallest threshold crossed (days). A bigint where the driver says so. */
  due: number | bigint;
};

type Notice = { token: Candidate; event: "token.expiring" | "token.expired"; days?: number };

function noticeOf(token: Candidate): Notice {
  const due = Number(token.due);
  return due === 0 ? { token, event: "token.expired" } : { token, event: "token.expiring", days: due };
}

/** Whether anything would be sent: the scan marks nothing as told while nobody listens. */
export async function hasChannel(settings: NotificationSettings): Promise<boolean> {
  return hasEmail(settings) || (await listWebhooks()).some((w) => w.state === "active");
}

/**
 * Records the notices of a batch (one statement per kind) and returns the tokens whose record changed:
 * those are the ones to notify. A notice another scan recorded meanwhile does not change it.
 */
async function claim(tx: Tx, notices: readonly Notice[]): Promise<Set<string>> {
  const claimed = new Set<string>();
  const expired = notices.filter((n) => n.event === "token.expired");
  const expiring = notices.filter((n) => n.event === "token.expiring");
  if (expired.length > 0) {
    const rows = await tx.$queryRaw<{ tokenId: string }[]>`
      INSERT INTO "token_expiry_notices" ("tokenId", "warnedDays", "expired")
      VALUES ${join(expired.map((n) => sql`(${n.token.id}, NULL, TRUE)`))}
      ON CONFLICT ("tokenId") DO UPDATE SET "expired" = TRUE WHERE "token_expiry_notices"."expired" = FALSE
      RETURNING "tokenId"`;
    for (const r of rows) claimed.add(r.tokenId);
  }
  if (expiring.length > 0) {
    const rows = await tx.$queryRaw<{ tokenId: string }[]>`
      INSERT INTO "token_expiry_notices" ("tokenId", "warnedDays", "expired")
      VALUES ${join(expiring.map((n) => sql`(${n.token.id}, ${raw(String(n.days))}, FALSE)`))}
      ON CONFLICT ("tokenId") DO UPDATE SET "warnedDays" = excluded."warnedDays"
      WHERE "token_expiry_notices"."warnedDays" IS NULL OR "token_expiry_notices"."warnedDays" > excluded."warnedDays"
      RETURNING "tokenId"`;
    for (const r of rows) claimed.add(r.tokenId);
  }
  return claimed;
}

export type ScanResult = { queued: number };

/**
 * Scans once at `now`. `fence` (the job's lease) runs inside each transaction that commits notices, so
 * an instance that lost its lease writes none.
 */
export async function scanExpiries(now: number, fence?: (tx: Tx) => Promise<void>): Promise<ScanResult> {
  const settings = await getNotificationSettings();
  const email = hasEmail(settings);
  const hooks = { "token.expiring": await webhooksFor("token.expiring"), "token.expired": await webhooksFor("token.expired") };
  const unused = await scanUnused(now, settings, fence);
  if (!email && hooks["token.expiring"].length === 0 && hooks["token.expired"].length === 0) return { queued: unused };
  const thresholds = settings.warnDays;
  const horizon = new Date(now + (thresholds[0] ?? 0) * DAY_MS);
  const since = new Date(now - EXPIRED_LOOKBACK_MS);
  // Reads the (revokedAt, expiresAt, publicId) index: active tokens expiring between the lookback and
  // the largest threshold. `due` is the smallest threshold crossed (0: expired); only tokens whose
  // notices so far do not cover it come back, so a scan with nothing new reads no rows into JavaScript.
  const ascending = [...thresholds].sort((a, b) => a - b);
  const due = sql`CASE WHEN t."expiresAt" <= ${new Date(now)} THEN 0 ${join(
    ascending.map((d) => sql`WHEN t."expiresAt" <= ${new Date(now + d * DAY_MS)} THEN ${raw(String(d))}`),
    " ",
  )} END`;
  const candidates = await db().$queryRaw<Candidate[]>(sql`
    SELECT c."id", c."publicId", c."type", c."issuedTo", c."expiresAt", c."lastUsedAt", c."notifyEmails", c."due" FROM (
      SELECT t."id", t."publicId", t."type", t."issuedTo", t."expiresAt", t."lastUsedAt", t."notifyEmails", n."warnedDays", n."expired", ${due} AS "due"
      FROM "service_tokens" t LEFT JOIN "token_expiry_notices" n ON n."tokenId" = t."id"
      WHERE t."revokedAt" IS NULL AND t."expiresAt" > ${since} AND t."expiresAt" <= ${horizon}
        AND t."replacedByPublicId" IS NULL
    ) c
    WHERE (c."due" = 0 AND (c."expired" IS NULL OR c."expired" = FALSE))
       OR (c."due" > 0 AND (c."warnedDays" IS NULL OR c."warnedDays" > c."due"))`);
  const notices = candidates.map(noticeOf);
  const baseUrl = consoleBaseUrl(settings);
  let queued = 0;
  for (let i = 0; i < notices.length; i += BATCH) {
    queued += await db().$transaction(async (tx) => {
      await fence?.(tx);
      const batch = notices.slice(i, i + BATCH);
      const claimed = await claim(tx, batch);
      const entries: OutboxEntry[] = batch
        .filter((notice) => claimed.has(notice.token.id))
        .flatMap((notice) => {
          const t = notice.token;
          const data = tokenEventData(
            { ...t, expiresAt: new Date(t.expiresAt), lastUsedAt: t.lastUsedAt === null ? null : new Date(t.lastUsedAt) },
            baseUrl,
            notice.days === undefined ? {} : { threshold_days: notice.days },
          );
          const toWebhooks = hooks[notice.event].map((hook): OutboxEntry => ({
            channel: "webhook",
            webhookId: hook.id,
            event: notice.event,
            payload: data,
          }));
          const recipients = recipientsFor(settings, t.notifyEmails);
          return email && recipients.length > 0
            ? [
                { channel: settings.dailyDigest ? "digest" : "email", event: notice.event, payload: data, recipients },
                ...toWebhooks,
              ]
            : toWebhooks;
        });
      await enqueue(tx, entries, now);
      return entries.length;
    });
  }
  await db().notificationSettings.updateMany({ data: { lastScanAt: BigInt(now) } });
  return { queued: queued + unused };
}
