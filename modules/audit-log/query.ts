import "server-only";
import { getConfig } from "@/lib/config/config";
import { db } from "@/lib/db/db";
import { afterPrefix } from "@/lib/tokens/ip-addresses";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { timeRange, type AuditFilters } from "./shared/filters";
import { AUDIT_EVENT_COLUMNS } from "@/lib/audit/columns";

export type AuditEventView = {
  id: string;
  /** Place in the chain, as decimal text. */
  seq: string;
  hash: string | null;
  createdAt: Date;
  actorType: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  outcome: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  userAgent: string | null;
  details: Record<string, unknown> | null;
};

export type AuditEventPageQuery = AuditFilters & {
  limit: number;
  /** From a previous page's nextCursor. */
  cursor?: AuditCursor;
  /** Events about one thing: it is the target (a token revoked) or the actor (a token that uploaded). */
  subject?: string;
};

/** Position after the last event of a page: newest first means "below this seq". */
export type AuditCursor = { seq: bigint };

/**
 * A cursor, not page numbers: the log grows at the top all the time (every failed API call adds an
 * event), so page 2 by offset would repeat or skip events; a cursor continues exactly where the last
 * page ended, and reads straight off an index at any depth (migration 0013).
 */
export function encodeAuditCursor(cursor: AuditCursor): string {
  return Buffer.from(`s${cursor.seq}`, "utf8").toString("base64url");
}

export function decodeAuditCursor(value: string): AuditCursor | null {
  const text = Buffer.from(value, "base64url").toString("utf8");
  if (!/^s[1-9]\d{0,18}$/.test(text)) return null;
  const seq = BigInt(text.slice(1));
  return seq <= 9_223_372_036_854_775_807n ? { seq } : null;
}

function parseDetails(details: string | null): Record<string, unknown> | null {
  if (details === null) return null;
  try {
    const value: unknown = JSON.parse(details);
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * The seq range of a time range. Event times never go backwards along the chain, so the range of times
 * is one range of seq: two lookups on the createdAt index.
 */
async function seqRange(filters: AuditFilters): Promise<{ gte?: bigint; lt?: bigint } | null> {
  const { since, until } = timeRange(filters);
  const range: { gte?: bigint; lt?: bigint } = {};
  if (since) {
    const first = await db().auditEvent.findFirst({
      where: { createdAt: { gte: since } },
      orderBy: { createdAt: "asc" },
      select: { seq: true },
    });
    if (!first) return null;
    range.gte = first.seq;
  }
  if (until) {
    const after = await db().auditEvent.findFirst({
      where: { createdAt: { gte: until } },
      orderBy: { createdAt: "asc" },
      select: { seq: true },
    });
    if (after) range.lt = after.seq;
  }
  return range;
}

/**
 * Addresses that start with `prefix` (addressPrefixOf: no `%` or `_`), off the (ip, seq) index: a range
 * of SQLite's binary order; on PostgreSQL `LIKE 'prefix%'`, which its text_pattern_ops index serves
 * whatever the database's collation (migration 0052), as the token list's search by address does.
 */
function addressStartsWith(prefix: string): Prisma.StringNullableFilter {
  return getConfig().provider === "postgresql" ? { startsWith: prefix } : { gte: prefix, lt: afterPrefix(prefix) };
}

/** The where clause of a filtered view (null: nothing can match), shared by the page, the API and Export. */
export async function auditWhere(query: AuditFilters & { subject?: string }): Promise<Prisma.AuditEventWhereInput | null> {
  const range = await seqRange(query);
  if (range === null) return null;
  const and: Prisma.AuditEventWhereInput[] = [];
  const about = query.token ?? query.subject;
  if (about) and.push({ OR: [{ targetId: about }, { actorId: about }] });
  if (query.actor) and.push({ OR: [{ actorName: query.actor }, { actorId: query.actor }] });
  if (query.address) and.push({ ip: addressStartsWith(query.address) });
  if (range.gte !== undefined || range.lt !== undefined) and.push({ seq: range });
  return {
    ...(query.action ? { action: query.action } : {}),
    ...(query.outcome ? { outcome: query.outcome } : {}),
    ...(and.length ? { AND: and } : {}),
  };
}

/** Newest first, `limit` events after the cursor, and the cursor of the next page (null at the end). */
export async function listAuditEventPage(
  query: AuditEventPageQuery,
): Promise<{ items: AuditEventView[]; nextCursor: AuditCursor | null }> {
  const where = await auditWhere(query);
  if (where === null) return { items: [], nextCursor: null };
  const rows = await db().auditEvent.findMany({
    where: query.cursor ? { AND: [where, { seq: { lt: query.cursor.seq } }] } : where,
    orderBy: { seq: "desc" },
    take: query.limit + 1,
    select: AUDIT_EVENT_COLUMNS,
  });
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(({ prevHash: _prevHash, ...row }) => ({ ...row, seq: String(row.seq), details: parseDetails(row.details) })),
    nextCursor: rows.length > query.limit && last ? { seq: last.seq } : null,
  };
}
