// The inactive-token policy's warning: a token that the policy will revoke within its notice (7 days)
// gets `token.unused` once (email and the webhooks that chose it). The notice records the last use (or
// creation) it was given for, so a token used again and then unused again is warned again; a token used
// meanwhile is simply no longer a candidate. Part of the expiry scan, under the same lease.
import "server-only";
import { Prisma } from "@/lib/generated/sqlite/client";
import { db, type Tx } from "@/lib/db/db";
import { UNUSED_REVOCATION_NOTICE_DAYS, unusedRevocationAt } from "@/lib/tokens";
import { getTokenPolicy, KNOWN_TYPE, unusedCondition } from "@/modules/service-tokens/server";
import { tokenEventData } from "./messages";
import { enqueue, type OutboxEntry } from "./outbox";
import { consoleBaseUrl, hasEmail, recipientsFor, type NotificationSettings } from "./settings";
import { webhooksFor } from "./webhooks";

const { sql, join } = Prisma;
/** Notices per transaction. */
const BATCH = 400;

type Candidate = {
  id: string;
  publicId: string;
  type: string;
  issuedTo: string;
  expiresAt: Date | string;
  lastUsedAt: Date | string | null;
  createdAt: Date | string;
  notifyEmails: string | null;
};

/** Queues the warnings due at `now`; returns how many notifications were queued. */
export async function scanUnused(
  now: number,
  settings: NotificationSettings,
  fence?: (tx: Tx) => Promise<void>,
): Promise<number> {
  const { revokeUnusedDays } = await getTokenPolicy();
  if (revokeUnusedDays === null) return 0;
  const hooks = await webhooksFor("token.unused");
  const email = hasEmail(settings);
  if (!email && hooks.length === 0) return 0;
  // Unused for the span less the notice: revoked within the notice (or already due, before the
  // hourly revocation gets to it), and not yet warned for this last use.
  const candidates = await db().$queryRaw<Candidate[]>(sql`
    SELECT t."id", t."publicId", t."type", t."issuedTo", t."expiresAt", t."lastUsedAt", t."createdAt", t."notifyEmails"
    FROM "service_tokens" t LEFT JOIN "token_expiry_notices" n ON n."tokenId" = t."id"
    WHERE ${KNOWN_TYPE} AND t."replacedByPublicId" IS NULL
      AND ${unusedCondition(revokeUnusedDays - UNUSED_REVOCATION_NOTICE_DAYS, new Date(now))}
      AND (n."unusedWarnedFor" IS NULL OR n."unusedWarnedFor" <> COALESCE(t."lastUsedAt", t."createdAt"))`);
  const baseUrl = consoleBaseUrl(settings);
  let queued = 0;
  for (let i = 0; i < candidates.length; i += BATCH) {
    const batch = candidates.slice(i, i + BATCH);
    queued += await db().$transaction(async (tx) => {
      await fence?.(tx);
      // Records the warning for the token's current last use; another scan that recorded it meanwhile
      // (Check now while the job scans) leaves nothing to claim.
      const claimed = new Set(
        (
          await tx.$queryRaw<{ tokenId: string }[]>(sql`
            INSERT INTO "token_expiry_notices" ("tokenId", "warnedDays", "expired", "unusedWarnedFor")
            SELECT t."id", NULL, FALSE, COALESCE(t."lastUsedAt", t."createdAt") FROM "service_tokens" t
            WHERE t."id" IN (${join(batch.map((c) => c.id))})
            ON CONFLICT ("tokenId") DO UPDATE SET "unusedWarnedFor" = excluded."unusedWarnedFor"
            WHERE "token_expiry_notices"."unusedWarnedFor" IS NULL
               OR "token_expiry_notices"."unusedWarnedFor" <> excluded."unusedWarnedFor"
            RETURNING "tokenId"`)
        ).map((r) => r.tokenId),
      );
      const entries = batch
        .filter((c) => claimed.has(c.id))
        .flatMap((c): OutboxEntry[] => {
          const token = {
            ...c,
            createdAt: new Date(c.createdAt),
            expiresAt: new Date(c.expiresAt),
            lastUsedAt: c.lastUsedAt === null ? null : new Date(c.lastUsedAt),
          };
          const revokesAt = unusedRevocationAt(token, { revokeUnusedDays });
          const data = tokenEventData(token, baseUrl, {
            unused_days: revokeUnusedDays,
            revokes_at: revokesAt?.toISOString(),
          });
          const recipients = email ? recipientsFor(settings, c.notifyEmails) : [];
          return [
            ...hooks.map((hook): OutboxEntry => ({
              channel: "webhook",
              webhookId: hook.id,
              event: "token.unused",
              payload: data,
            })),
            ...(recipients.length > 0
              ? [
                  {
                    channel: settings.dailyDigest ? "digest" : "email",
                    event: "token.unused",
                    payload: data,
                    recipients,
                  } as const,
                ]
              : []),
          ];
        });
      await enqueue(tx, entries, now);
      return entries.length;
    });
  }
  return queued;
}
