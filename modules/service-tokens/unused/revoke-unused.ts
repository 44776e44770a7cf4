// The inactive-token policy (Settings > Token Policy, "Revoke tokens unused for (days)"): background work
// under one lease that revokes, with reason Unused, the live tokens nobody used for that many days (or,
// never used, created that long ago: the list's "Unused for N days" condition). One audit event per token,
// by the console as the actor; notifications tell of each revocation (token.revoked).
import "server-only";
import { Prisma } from "@/lib/generated/sqlite/client";
import { db } from "@/lib/db/db";
import type { BackgroundWork } from "@/lib/jobs/background";
import { startJob, type JobContext } from "@/lib/jobs/runner";
import { UNUSED } from "@/lib/tokens";
import { KNOWN_TYPE, unusedCondition } from "../list/list-sql";
import { getTokenPolicy } from "../policy/policy";
import { revokeTokens } from "../revoke/revoke";

/** Tokens revoked per transaction: a bounded burst of audit events, and a short hold on the database. */
const BATCH = 200;
/** How often the policy is applied: a token passes its limit within this long of reaching it. */
const CHECK_EVERY_MS = 60 * 60_000;
/** The actor the audit log and the token's page name. */
export const UNUSED_POLICY_ACTOR = "Inactive-token policy";

/**
 * Revokes one batch of the tokens past the policy's limit at `now`; "more" when a whole batch was
 * revoked and more may be left, "idle" when none is (or the policy is off).
 */
export async function revokeUnusedTokens(now: Date, fence?: JobContext["fence"]): Promise<"more" | "idle"> {
  const { revokeUnusedDays } = await getTokenPolicy();
  if (revokeUnusedDays === null) return "idle";
  const rows = await db().$queryRaw<{ publicId: string }[]>(Prisma.sql`
    SELECT "publicId" FROM "service_tokens" WHERE ${KNOWN_TYPE} AND ${unusedCondition(revokeUnusedDays, now)}
    ORDER BY "publicId" LIMIT ${BATCH}`);
  if (rows.length === 0) return "idle";
  await db().$transaction(async (tx) => {
    await fence?.(tx);
    await revokeTokens(
      tx,
      rows.map((r) => r.publicId),
      {
        why: { reason: UNUSED, reasonText: null },
        by: { kind: "console", name: UNUSED_POLICY_ACTOR },
        meta: { ip: null, userAgent: null },
        now,
        audit: { action: "service_token.revoke" },
      },
    );
  });
  return rows.length === BATCH ? "more" : "idle";
}

export const unusedTokensWork: BackgroundWork = {
  name: "inactive-token policy",
  start({ clock }) {
    const job = startJob(
      { name: "inactive-token-policy", step: ({ fence }) => revokeUnusedTokens(new Date(clock.now()), fence) },
      { clock, idleMs: CHECK_EVERY_MS, backoff: { baseMs: 60_000, maxMs: CHECK_EVERY_MS } },
    );
    return { stop: () => job.stop() };
  },
};
