// What the Overview at / shows, read in one go: the tiles' counts, requests of all tokens over 30 days,
// the busiest tokens, and the addresses with the most failed API authentications.
import "server-only";
import { db } from "@/lib/db/db";
import { DAY_MS } from "@/lib/tokens";
import { countTokensWithStatus, countUnusedTokens } from "@/modules/service-tokens/server";
import { busiestTokens, usageOfAllTokens } from "@/modules/usage/server";

/** Failed Bearer authentications are audited as this action (api/auth/authenticate.ts). */
export const AUTH_FAILED_ACTION = "api.auth_failed";

export async function readOverview(now: Date) {
  const since = new Date(now.getTime() - DAY_MS);
  const authFailed = { action: AUTH_FAILED_ACTION, createdAt: { gte: since } };
  const [activeTokens, expiringWithin30Days, unusedFor90Days, failedAuthentications, usage, busiest, failing] = await Promise.all(
    [
      countTokensWithStatus("active", now),
      db().serviceToken.count({ where: { revokedAt: null, expiresAt: { gt: now, lte: new Date(now.getTime() + 30 * DAY_MS) } } }),
      countUnusedTokens(90, now),
      db().auditEvent.count({ where: authFailed }),
      usageOfAllTokens(now.getTime()),
      busiestTokens(10),
      db().auditEvent.groupBy({
        by: ["ip"],
        where: { ...authFailed, ip: { not: null } },
        _count: { _all: true },
        orderBy: [{ _count: { ip: "desc" } }, { ip: "asc" }],
        take: 10,
      }),
    ],
  );
  return {
    activeTokens,
    expiringWithin30Days,
    unusedFor90Days,
    failedAuthentications,
    usage,
    busiest,
    failingAddresses: failing.map((row) => ({ address: row.ip ?? "", failures: row._count._all })),
  };
}

export type Overview = Awaited<ReturnType<typeof readOverview>>;
