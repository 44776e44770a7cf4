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
import { tokenEventData, type TokenEventType } from "./messages";
import { enqueue, type OutboxEntry } from "./outbox";
import { consoleBaseUrl, getNotificationSettings, type NotificationSettings } from "./settings";

/** Tokens that expired longer ago than this get no `token.expired` (e.g. when notifications are set up). */
const EXPIRED_LOOKBACK_MS = 7 * DAY_MS;
/** Notices written per transaction. */
const BATCH = 500;

type Candidate = {
  id: string;
  publicId: string;
  type: string;
  issuedTo: string;
  expiresAt: Date | string | number;
  lastUsedAt: Date | string | number | null;
  warnedDays: number | null;
  expired: boolean | number | null;
};

type Notice = { token: Candidate; event: TokenEventType; days?: number };

/** What the scan would notify now about each candidate (no notice: none). */
function decide(token: Candidate, thresholds: readonly number[], now: number): Notice | null {
  const left = new Date(token.expiresAt).getTime() - now;
  if (left <= 0) return token.expired === true || token.expired === 1 ? null : { token, event: "token.expired" };
  // The smallest threshold crossed: with 5 days left and thresholds 30, 7, 1 that is 7.
  const crossed = thresholds.filter((d) => left <= d * DAY_MS);
  const days = crossed[crossed.length - 1];
  if (days === undefined) return null;
  if (token.warnedDays !== null && token.warnedDays <= days) return null;
  return { token, event: "token.expiring", days };
}

/** Whether anything would be sent: the scan marks nothing as told while nobody listens. */
export function hasChannel(settings: NotificationSettings): boolean {
  return Boolean(settings.smtpHost && settings.mailFrom && settings.recipients.length > 0);
}

async function claim(tx: Tx, notice: Notice): Promise<boolean> {
  const changed =
    notice.event === "token.expired"
      ? await tx.$executeRaw`
        INSERT INTO "token_expiry_notices" ("tokenId", "warnedDays", "expired") VALUES (${notice.token.id}, NULL, TRUE)
        ON CONFLICT ("tokenId") DO UPDATE SET "expired" = TRUE WHERE "token_expiry_notices"."expired" = FALSE`
      : await tx.$executeRaw`
        INSERT INTO "token_expiry_notices" ("tokenId", "warnedDays", "expired") VALUES (${notice.token.id}, ${notice.days}, FALSE)
        ON CONFLICT ("tokenId") DO UPDATE SET "warnedDays" = excluded."warnedDays"
        WHERE "token_expiry_notices"."warnedDays" IS NULL OR "token_expiry_notices"."warnedDays" > excluded."warnedDays"`;
  return changed === 1;
}

export type ScanResult = { checked: number; queued: number };

/**
 * Scans once at `now`. `fence` (the job's lease) runs inside each transaction that commits notices, so
 * an instance that lost its lease writes none.
 */
export async function scanExpiries(now: number, fence?: (tx: Tx) => Promise<void>): Promise<ScanResult> {
  const settings = await getNotificationSettings();
  if (!hasChannel(settings)) return { checked: 0, queued: 0 };
  const thresholds = settings.warnDays;
  const horizon = new Date(now + (thresholds[0] ?? 0) * DAY_MS);
  const since = new Date(now - EXPIRED_LOOKBACK_MS);
  // Reads the (revokedAt, expiresAt, publicId) index: active tokens expiring between the lookback and
  // the largest threshold, with their notices so far.
  const rows = await db().$queryRaw<Candidate[]>(Prisma.sql`
    SELECT t."id", t."publicId", t."type", t."issuedTo", t."expiresAt", t."lastUsedAt", n."warnedDays", n."expired"
    FROM "service_tokens" t LEFT JOIN "token_expiry_notices" n ON n."tokenId" = t."id"
    WHERE t."revokedAt" IS NULL AND t."expiresAt" > ${since} AND t."expiresAt" <= ${horizon}
      AND t."replacedByPublicId" IS NULL`);
  const notices = rows.flatMap((row) => decide(row, thresholds, now) ?? []);
  const baseUrl = consoleBaseUrl(settings);
  let queued = 0;
  for (let i = 0; i < notices.length; i += BATCH) {
    queued += await db().$transaction(async (tx) => {
      await fence?.(tx);
      const entries: OutboxEntry[] = [];
      for (const notice of notices.slice(i, i + BATCH)) {
        if (!(await claim(tx, notice))) continue;
        const t = notice.token;
        const data = tokenEventData(
          { ...t, expiresAt: new Date(t.expiresAt), lastUsedAt: t.lastUsedAt === null ? null : new Date(t.lastUsedAt) },
          baseUrl,
          notice.days,
        );
        entries.push(
          settings.dailyDigest
            ? { channel: "digest", event: notice.event, payload: data, recipients: settings.recipients }
            : { channel: "email", event: notice.event, payload: data, recipients: settings.recipients },
        );
      }
      await enqueue(tx, entries, now);
      return entries.length;
    });
  }
  await db().notificationSettings.updateMany({ data: { lastScanAt: BigInt(now) } });
  return { checked: rows.length, queued };
}
