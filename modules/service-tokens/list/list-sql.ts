// The list's one page query, as SQL both databases run: the filters, the keyset condition and the
// order are written once here, so every page (searched or not, on SQLite or PostgreSQL) is ordered and
// cut by the same statement. Only two things differ by provider, each in one place below: how a set of
// public IDs is passed (one JSON parameter on SQLite, whose client stops at 999 parameters; an array on
// PostgreSQL) and the case-insensitive LIKE (SQLite's LIKE ignores ASCII case; PostgreSQL's ILIKE, which
// its trigram indexes serve).
import "server-only";
import {
  afterPrefix,
  DAY_MS,
  EXPIRING_SOON_DAYS,
  EXPIRING_SOON_MIN_AGE_MS,
  lifetimeLimitMs,
  SORT_KEYS,
  TOKEN_TYPES,
  type Cursor,
  type ListSort,
  type ListStatus,
  type SortOrder,
  type TokenPolicy,
  type TokenType,
} from "@/lib/tokens";
import type { DatabaseProvider } from "@/lib/config/config";
import { Prisma } from "@/lib/generated/sqlite/client";
import { serviceTokenSelect } from "../token-view";

type Sql = Prisma.Sql;
const { sql, join, raw } = Prisma;

/** Every column of serviceTokenSelect (never the hash), by name, and the list's own requests over 7 days. */
const COLUMNS = raw([...Object.keys(serviceTokenSelect), "requests7d"].map((column) => `"${column}"`).join(", "));

/**
 * The query twin of tokenStatus and hasListStatus (lib/tokens/status.ts), with the same boundaries:
 * expired at the instant of expiry, "expiring" under EXPIRING_SOON_DAYS left and at least a day old,
 * "never used" not revoked and never authenticated.
 */
export function statusCondition(status: ListStatus, now: Date): Sql {
  const soon = new Date(now.getTime() + EXPIRING_SOON_DAYS * DAY_MS);
  const dayOld = new Date(now.getTime() - EXPIRING_SOON_MIN_AGE_MS);
  switch (status) {
    case "revoked":
      return sql`"revokedAt" IS NOT NULL`;
    case "expired":
      return sql`"revokedAt" IS NULL AND "expiresAt" <= ${now}`;
    case "expiring":
      return sql`"revokedAt" IS NULL AND "expiresAt" > ${now} AND "expiresAt" < ${soon} AND "createdAt" <= ${dayOld}`;
    case "active":
      return sql`"revokedAt" IS NULL AND "expiresAt" > ${now} AND ("expiresAt" >= ${soon} OR "createdAt" > ${dayOld})`;
    case "never_used":
      return sql`"revokedAt" IS NULL AND "lastUsedAt" IS NULL`;
  }
}

/**
 * Live tokens not used for `days`: last used before then, or never used and created before then (a
 * token younger than the span is not unused yet). The Overview's tile; the list's Last used filter reads
 * the same condition.
 */
export function unusedCondition(days: number, now: Date): Sql {
  const since = new Date(now.getTime() - days * DAY_MS);
  return sql`"revokedAt" IS NULL AND "expiresAt" > ${now} AND ("lastUsedAt" < ${since} OR ("lastUsedAt" IS NULL AND "createdAt" < ${since}))`;
}

/**
 * Live tokens that expire within `days` (after now, at most `days` ahead): a range of the
 * (revokedAt, expiresAt, publicId) index. The list's Expires filter.
 */
export function expiresWithinCondition(days: number, now: Date): Sql {
  const until = new Date(now.getTime() + days * DAY_MS);
  return sql`"revokedAt" IS NULL AND "expiresAt" > ${now} AND "expiresAt" <= ${until}`;
}

/**
 * The query twin of exceedsPolicy (lib/tokens/policy.ts), one condition per type: live tokens whose
 * stored lifetime (the "lifetimeMs" the database keeps, migrations 0053 and 0054) is over their type's
 * limit. Each is one range of the (revokedAt, type, lifetimeMs, expiresAt, publicId) index, read without
 * the rows, where comparing expiry with creation would read every row; a token has one type, so no two
 * overlap. On SQLite the expiry is compared as an expression (`+`), which keeps its planner from walking
 * the (revokedAt, expiresAt) index over every live token instead; PostgreSQL's planner has the statistics.
 */
export function overPolicyConditions(policy: TokenPolicy, now: Date, provider: DatabaseProvider): Sql[] {
  const expiresAt = raw(provider === "sqlite" ? '+"expiresAt"' : '"expiresAt"');
  // A BigInt, so PostgreSQL compares bigint with bigint (through the index), not as double precision.
  return TOKEN_TYPES.map(
    (type) =>
      sql`"revokedAt" IS NULL AND ${expiresAt} > ${now} AND "type" = ${type} AND "lifetimeMs" > ${BigInt(lifetimeLimitMs(policy, type))}`,
  );
}

/** Rows that meet one of the conditions, as one condition (the page query's). */
export function anyOf(conditions: readonly Sql[]): Sql {
  return sql`(${join(
    conditions.map((condition) => sql`(${condition})`),
    " OR ",
  )})`;
}

/**
 * The public IDs (at most `limit`) of the tokens over the policy, read off the index alone: type by type
 * (UNION ALL), as SQLite would otherwise collect every row ID of the two ranges to drop duplicates that
 * cannot exist.
 */
export function overPolicyIdsSql(policy: TokenPolicy, now: Date, provider: DatabaseProvider, limit: number): Sql {
  const byType = overPolicyConditions(policy, now, provider).map(
    (condition) => sql`SELECT "publicId" FROM "service_tokens" WHERE ${condition}`,
  );
  return sql`${join(byType, " UNION ALL ")} LIMIT ${limit}`;
}

export const NOT_REVOKED = sql`"revokedAt" IS NULL`;

/** The Type filter. */
export const typeCondition = (type: TokenType): Sql => sql`"type" = ${type}`;

/**
 * The query twin of tokenTypeOf (lib/tokens/format.ts): a row of a type this console does not know is no
 * token (toView), so it is neither listed nor counted. Only needed while such rows exist (unknownTypeSql):
 * it would keep a count from reading a covering index.
 */
export const KNOWN_TYPE = sql`"type" IN (${join([...TOKEN_TYPES])})`;

/**
 * Finds a row of an unknown type, if there is one, as the ranges of text around the known types: a few
 * steps in the type index on both databases, where `NOT IN` would read the whole index.
 */
export function unknownTypeSql(): Sql {
  const known = [...TOKEN_TYPES].sort();
  const gaps = [
    sql`"type" < ${known[0]}`,
    ...known.slice(1).map((type, i) => sql`("type" > ${known[i]} AND "type" < ${type})`),
    sql`"type" > ${known.at(-1)}`,
  ];
  return sql`SELECT 1 AS "found" FROM "service_tokens" WHERE ${join(gaps, " OR ")} LIMIT 1`;
}

/** Rows among these public IDs (found beforehand: the search index, the policy check). */
export function idsCondition(ids: readonly string[], provider: DatabaseProvider): Sql {
  return provider === "postgresql"
    ? sql`"publicId" = ANY(${[...ids]}::text[])`
    : sql`"publicId" IN (SELECT "value" FROM json_each(${JSON.stringify(ids)}))`;
}

/**
 * Rows whose public ID, Issued To, description or creator contains `term`, or whose hint ends with it,
 * ignoring case; `%` and `_` are plain characters (`!` escapes them, and itself).
 */
export function containsCondition(term: string, provider: DatabaseProvider): Sql {
  const like = raw(provider === "postgresql" ? "ILIKE" : "LIKE");
  const literal = term.replace(/[!%_]/g, "!$&");
  const anywhere = `%${literal}%`;
  return sql`("publicId" ${like} ${anywhere} ESCAPE '!' OR "issuedTo" ${like} ${anywhere} ESCAPE '!'
    OR "description" ${like} ${anywhere} ESCAPE '!' OR "createdByName" ${like} ${anywhere} ESCAPE '!'
    OR "hint" ${like} ${`%${literal}`} ESCAPE '!')`;
}

/**
 * `column` starts with `prefix` (addressPrefixOf), through an index on both databases: SQLite compares a
 * range of its binary-ordered index; PostgreSQL matches `LIKE 'prefix%'` off a text_pattern_ops index
 * (migration 0051), which holds whatever the database's collation. The prefix has no `%` or `_`.
 */
function startsWith(column: Sql, prefix: string, provider: DatabaseProvider): Sql {
  return provider === "postgresql"
    ? sql`${column} LIKE ${`${prefix}%`}`
    : sql`${column} >= ${prefix} AND ${column} < ${afterPrefix(prefix)}`;
}

/**
 * The public IDs (at most `limit`) of tokens last used from an address starting with `prefix`, or used
 * from one recently (modules/usage's client addresses), each read off an address index.
 */
export function addressMatchSql(prefix: string, provider: DatabaseProvider, limit: number): Sql {
  // IN, not a join: the addresses are found first by their index, then their tokens by primary key.
  return sql`SELECT "publicId" FROM "service_tokens" WHERE ${startsWith(raw('"lastUsedIp"'), prefix, provider)}
    UNION SELECT "publicId" FROM "service_tokens" WHERE "id" IN (
      SELECT "tokenId" FROM "token_client_addresses" WHERE ${startsWith(raw('"address"'), prefix, provider)})
    LIMIT ${limit}`;
}

/** The same tokens as a condition of the page query, for a prefix that matches too many to list. */
export function addressCondition(prefix: string, provider: DatabaseProvider): Sql {
  return sql`(${startsWith(raw('"lastUsedIp"'), prefix, provider)} OR "id" IN (
    SELECT "tokenId" FROM "token_client_addresses" WHERE ${startsWith(raw('"address"'), prefix, provider)}))`;
}

/**
 * ORDER BY the column, then the public ID (unique) so the order is total. An empty value (a token never
 * used) is the smallest: first ascending, last descending, as both databases read their indexes.
 */
function orderBy(sort: ListSort, order: SortOrder): Sql {
  const { column, nullable } = SORT_KEYS[sort];
  const direction = order === "asc" ? "ASC" : "DESC";
  const nulls = nullable ? (order === "asc" ? " NULLS FIRST" : " NULLS LAST") : "";
  return raw(`"${column}" ${direction}${nulls}, "publicId" ${direction}`);
}

/** Rows strictly after the cursor's row in `orderBy`'s order (an empty value the smallest). */
export function afterCursorCondition(sort: ListSort, order: SortOrder, cursor: Cursor): Sql {
  const { column: name, kind, nullable } = SORT_KEYS[sort];
  const column = raw(`"${name}"`);
  if (cursor.value === null) {
    // Among the empty values by ID, then (ascending) every row with a value.
    return order === "asc"
      ? sql`((${column} IS NULL AND "publicId" > ${cursor.id}) OR ${column} IS NOT NULL)`
      : sql`(${column} IS NULL AND "publicId" < ${cursor.id})`;
  }
  const value = kind === "date" ? new Date(cursor.value) : kind === "count" ? BigInt(cursor.value) : cursor.value;
  // A row value comparison bounds the index range on both databases.
  const beyond =
    order === "asc"
      ? sql`(${column}, "publicId") > (${value}, ${cursor.id})`
      : sql`(${column}, "publicId") < (${value}, ${cursor.id})`;
  // Descending, the empty values come last: after every value.
  return nullable && order === "desc" ? sql`(${beyond} OR ${column} IS NULL)` : beyond;
}

const where = (conditions: readonly Sql[]) => (conditions.length ? sql`WHERE ${join(conditions, " AND ")}` : Prisma.empty);

export type PageQuery = {
  conditions: readonly Sql[];
  sort: ListSort;
  order: SortOrder;
  cursor: Cursor | null;
  take: number;
  skip: number;
};

/** One page: the rows after the cursor (or from `skip`), in order, at most `take`. */
export function pageSql(q: PageQuery): Sql {
  const conditions = q.cursor ? [...q.conditions, afterCursorCondition(q.sort, q.order, q.cursor)] : q.conditions;
  return sql`SELECT ${COLUMNS} FROM "service_tokens" ${where(conditions)}
    ORDER BY ${orderBy(q.sort, q.order)} LIMIT ${q.take} OFFSET ${q.skip}`;
}

/**
 * How many rows the conditions keep, on all pages; with `oneOf`, the rows that also meet one of those
 * conditions, which must never overlap (overPolicyConditions): each is counted on its own and the counts
 * added, one index range each, where SQLite's OR would collect every row ID to drop duplicates.
 */
export function countSql(conditions: readonly Sql[], oneOf?: readonly Sql[]): Sql {
  if (!oneOf?.length) return sql`SELECT COUNT(*) AS "count" FROM "service_tokens" ${where(conditions)}`;
  const counts = oneOf.map((condition) => sql`(SELECT COUNT(*) FROM "service_tokens" ${where([...conditions, condition])})`);
  return sql`SELECT ${join(counts, " + ")} AS "count"`;
}
