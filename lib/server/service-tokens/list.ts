import "server-only";
import {
  DAY_MS,
  EXPIRING_SOON_DAYS,
  EXPIRING_SOON_MIN_AGE_MS,
  decodeCursor,
  domainType,
  encodeCursor,
  looksLikeToken,
  type ListSort,
  type ListStatus,
  type ListView,
  type SortOrder,
} from "@/lib/tokens";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { getConfig } from "../platform/config";
import { db } from "../platform/db";
import { exceedsPolicy, type TokenPolicy } from "@/lib/tokens/lifecycle";
import { serviceTokenSelect, toView, type ServiceTokenView } from "./view";

type Where = Prisma.ServiceTokenWhereInput;

/**
 * The conditions tokenStatus() decides by, as a query: the same boundaries (expired at the instant of
 * expiry, "expiring" under EXPIRING_SOON_DAYS left and at least a day old), so the page's badges, its
 * filter and the API agree. "Never used" means not revoked and never authenticated.
 */
function statusWhere(status: ListStatus, now: Date): Where {
  const soon = new Date(now.getTime() + EXPIRING_SOON_DAYS * DAY_MS);
  const dayOld = new Date(now.getTime() - EXPIRING_SOON_MIN_AGE_MS);
  switch (status) {
    case "revoked":
      return { revokedAt: { not: null } };
    case "expired":
      return { revokedAt: null, expiresAt: { lte: now } };
    case "expiring":
      return { revokedAt: null, expiresAt: { gt: now, lt: soon }, createdAt: { lte: dayOld } };
    case "active":
      return {
        revokedAt: null,
        expiresAt: { gt: now },
        OR: [{ expiresAt: { gte: soon } }, { createdAt: { gt: dayOld } }],
      };
    case "never_used":
      return { revokedAt: null, lastUsedAt: null };
  }
}

/**
 * Search: the public ID, Issued To, the description, the creator, or the end of the token (its hint shows the last four
 * characters). A value that looks like a whole token is ignored: a secret must not be searched for
 * (it would sit in a URL); "Identify a token" is the way to look one up.
 */
function searchWhere(q: string): Where | undefined {
  const term = q.trim();
  if (!term || looksLikeToken(term)) return undefined;
  // SQLite's LIKE ignores ASCII case already; PostgreSQL needs ILIKE.
  const mode = getConfig().provider === "postgresql" ? ({ mode: "insensitive" } as const) : {};
  return {
    OR: [
      { publicId: { contains: term, ...mode } },
      { issuedTo: { contains: term, ...mode } },
      { description: { contains: term, ...mode } },
      { createdByName: { contains: term, ...mode } },
      { hint: { endsWith: term, ...mode } },
    ],
  };
}

function listWhere(view: Pick<ListView, "q" | "type" | "status">, now: Date, includeRevoked: boolean): Where {
  const and: Where[] = [];
  const type = domainType(view.type);
  if (type) and.push({ type });
  if (view.status) and.push(statusWhere(view.status, now));
  else if (!includeRevoked) and.push({ revokedAt: null });
  const search = searchWhere(view.q);
  if (search) and.push(search);
  return and.length ? { AND: and } : {};
}

const COLUMN = {
  created_at: "createdAt",
  expires_at: "expiresAt",
  last_used_at: "lastUsedAt",
  issued_to: "issuedTo",
} as const satisfies Record<ListSort, keyof ServiceTokenView>;

const isDateSort = (sort: ListSort) => sort !== "issued_to";
const flip = (order: SortOrder): SortOrder => (order === "asc" ? "desc" : "asc");

/**
 * ORDER BY the column, then the public ID (unique) so the order is total. A missing "last used" counts
 * as the smallest value on both databases (they disagree by default).
 */
function orderBy(sort: ListSort, order: SortOrder): Prisma.ServiceTokenOrderByWithRelationInput[] {
  const column = COLUMN[sort];
  const first =
    column === "lastUsedAt"
      ? { lastUsedAt: { sort: order, nulls: order === "asc" ? "first" : "last" } as const }
      : { [column]: order };
  return [first, { publicId: order }];
}

/** Rows strictly after (value, publicId) in the given order; null is the smallest value. */
function afterWhere(sort: ListSort, order: SortOrder, value: string | null, publicId: string): Where {
  const column = COLUMN[sort];
  const key = value === null ? null : isDateSort(sort) ? new Date(value) : value;
  const beyond = order === "asc" ? "gt" : "lt";
  const sameKeyBeyondId: Where = { [column]: key, publicId: { [beyond]: publicId } };
  if (key === null) {
    // Among nulls by ID, then (ascending only) every non-null value.
    return order === "asc" ? { OR: [sameKeyBeyondId, { [column]: { not: null } }] } : sameKeyBeyondId;
  }
  const beyondKey: Where = { [column]: { [beyond]: key } };
  // Descending on a nullable column: the nulls come last, after every value.
  if (column === "lastUsedAt" && order === "desc") return { OR: [beyondKey, sameKeyBeyondId, { lastUsedAt: null }] };
  // The OR alone cannot bound an index range; the redundant "column ≤ key" (≥ ascending) can, so a deep
  // page starts where the cursor is instead of scanning the index up to it.
  return { AND: [{ [column]: { [order === "asc" ? "gte" : "lte"]: key } }, { OR: [beyondKey, sameKeyBeyondId] }] };
}

function cursorValue(row: ServiceTokenView, sort: ListSort): string | null {
  const value = row[COLUMN[sort]];
  return value instanceof Date ? value.toISOString() : value;
}

export type TokenListPage = {
  items: ServiceTokenView[];
  /** Tokens matching the search and filters, on all pages. */
  total: number;
  nextCursor: string | null;
  prevCursor: string | null;
};

/**
 * One page of the list by keyset: the cursor names the row the page starts after (or, going back, ends
 * before), so the last page costs what the first does. The count runs beside it.
 */
export async function listServiceTokens(
  view: ListView,
  options: { now: Date; includeRevoked: boolean; offset?: number; policy?: TokenPolicy },
): Promise<TokenListPage> {
  let base = listWhere(view, options.now, options.includeRevoked);
  if (view.overPolicy && options.policy) {
    base = { AND: [base, { publicId: { in: await overPolicyIds(options.policy, options.now) } }] };
  }
  const cursor = view.cursor ? decodeCursor(view.cursor) : null;
  const backwards = cursor?.dir === "b";
  const order = backwards ? flip(view.order) : view.order;
  const where: Where = cursor ? { AND: [base, afterWhere(view.sort, order, cursor.value, cursor.id)] } : base;

  const [rows, total] = await Promise.all([
    db().serviceToken.findMany({
      where,
      select: serviceTokenSelect,
      orderBy: orderBy(view.sort, order),
      take: view.perPage + 1,
      skip: cursor ? 0 : (options.offset ?? 0),
    }),
    db().serviceToken.count({ where: base }),
  ]);
  const more = rows.length > view.perPage;
  const page = rows.slice(0, view.perPage).map(toView);
  if (backwards) page.reverse();

  const hasNext = backwards ? Boolean(cursor) : more;
  const hasPrev = backwards ? more : Boolean(cursor) || (options.offset ?? 0) > 0;
  const first = page[0];
  const last = page.at(-1);
  return {
    items: page,
    total,
    nextCursor: hasNext && last ? encodeCursor({ dir: "a", value: cursorValue(last, view.sort), id: last.publicId }) : null,
    prevCursor: hasPrev && first ? encodeCursor({ dir: "b", value: cursorValue(first, view.sort), id: first.publicId }) : null,
  };
}

/** At most this many tokens are found by "over the policy" (a bound on the query's IN list). */
const OVER_POLICY_MAX = 5_000;

/**
 * The live tokens that live longer than the policy allows (created before a tightening). The rule
 * compares two columns of a row (expiry − creation against the type's limit), which neither database
 * can read off an index in Prisma's query language, so it is decided here on the live tokens' dates.
 */
export async function overPolicyIds(policy: TokenPolicy, now: Date): Promise<string[]> {
  const live = await db().serviceToken.findMany({
    where: { revokedAt: null, expiresAt: { gt: now } },
    select: { publicId: true, type: true, createdAt: true, expiresAt: true },
  });
  return live
    .filter((t) => exceedsPolicy(toView(t), policy))
    .slice(0, OVER_POLICY_MAX)
    .map((t) => t.publicId);
}

/** How many tokens carry "Expires soon" now (the notice above the list). */
export async function countExpiringSoon(now: Date): Promise<number> {
  return db().serviceToken.count({ where: statusWhere("expiring", now) });
}
