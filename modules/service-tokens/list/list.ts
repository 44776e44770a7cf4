import "server-only";
import {
  addressPrefixOf,
  cursorValue,
  domainType,
  EXPIRES_DAYS,
  LAST_PAGE_CURSOR,
  LAST_USED_DAYS,
  encodeCursor,
  readCursor,
  type ListStatus,
  type ListView,
  type TokenPolicy,
} from "@/lib/tokens";
import { Prisma } from "@/lib/generated/sqlite/client";
import { getConfig, type DatabaseProvider } from "@/lib/config/config";
import { db } from "@/lib/db/db";
import { toView, type ServiceTokenView } from "../token-view";
import {
  addressCondition,
  afterCursorCondition,
  anyOf,
  addressMatchSql,
  containsCondition,
  countSql,
  expiresWithinCondition,
  idsCondition,
  KNOWN_TYPE,
  NOT_REVOKED,
  overPolicyConditions,
  overPolicyIdsSql,
  pageSql,
  statusCondition,
  typeCondition,
  unknownTypeSql,
  unusedCondition,
} from "./list-sql";

/** Longest list of matches the search index hands to the page query; beyond it the rows are compared. */
const SEARCH_INDEX_MAX_MATCHES = 5_000;
/** The trigram index finds substrings of 3 characters or more. */
const SEARCH_INDEX_MIN_LENGTH = 3;

/**
 * Search: the public ID, Issued To, the description, the creator, or the end of the token (its hint
 * shows the last four characters); a term shaped like (the start of) an address also finds the tokens
 * last used from, or recently used from, an address that starts with it. (A value that looks like a whole token never gets here: the list's
 * parameters drop it.)
 *
 * `LIKE '%…%'` is what no B-tree index can serve. PostgreSQL serves it from trigram (pg_trgm) indexes on
 * the same columns. SQLite asks its FTS5 trigram table (migration 0006) for the public IDs first; only a
 * term too short for trigrams, or one matching more than SEARCH_INDEX_MAX_MATCHES tokens (then the page
 * fills from the first rows it reads), compares the rows themselves.
 */
async function searchCondition(term: string, provider: DatabaseProvider): Promise<Prisma.Sql> {
  const prefix = addressPrefixOf(term);
  if (!prefix) return textSearchCondition(term, provider);
  const [text, byAddress] = await Promise.all([textSearchCondition(term, provider), addressMatches(prefix, provider)]);
  if (byAddress === null) return Prisma.sql`(${text} OR ${addressCondition(prefix, provider)})`;
  return byAddress.length > 0 ? Prisma.sql`(${text} OR ${idsCondition(byAddress, provider)})` : text;
}

async function textSearchCondition(term: string, provider: DatabaseProvider): Promise<Prisma.Sql> {
  if (provider === "sqlite" && Array.from(term).length >= SEARCH_INDEX_MIN_LENGTH) {
    const ids = await searchIndex(term);
    if (ids) return idsCondition(ids, provider);
  }
  return containsCondition(term, provider);
}

/**
 * The tokens last used from an address starting with `prefix`, or used from one recently (the usage's
 * client addresses), by index; null when there are more than SEARCH_INDEX_MAX_MATCHES.
 */
async function addressMatches(prefix: string, provider: DatabaseProvider): Promise<string[] | null> {
  const rows = await db().$queryRaw<{ publicId: string }[]>(addressMatchSql(prefix, provider, SEARCH_INDEX_MAX_MATCHES + 1));
  return rows.length > SEARCH_INDEX_MAX_MATCHES ? null : rows.map((r) => r.publicId);
}

/** Public IDs whose terms contain `term` (SQLite's FTS5 trigram table), or null when there are too many. */
async function searchIndex(term: string): Promise<string[] | null> {
  // One FTS5 phrase: inside double quotes every character is literal (a quote is written twice).
  const phrase = `"${term.replaceAll('"', '""')}"`;
  const rows = await db().$queryRaw<{ publicId: string }[]>`
    SELECT "publicId" FROM "service_tokens_search" WHERE "terms" MATCH ${phrase} LIMIT ${SEARCH_INDEX_MAX_MATCHES + 1}`;
  return rows.length > SEARCH_INDEX_MAX_MATCHES ? null : rows.map((r) => r.publicId);
}

type ListOptions = { now: Date; includeRevoked: boolean; offset?: number; policy?: TokenPolicy };

/**
 * The view's type and status filters, its search and "over the policy", as conditions of one query; and
 * when many tokens are over the policy, its condition per type (`oneOf`), which the rows must also meet.
 */
async function listConditions(
  view: ListView,
  options: ListOptions,
  provider: DatabaseProvider,
): Promise<{ conditions: Prisma.Sql[]; oneOf?: Prisma.Sql[] }> {
  const type = domainType(view.type);
  const [types, search, overPolicy] = await Promise.all([
    type ? [typeCondition(type)] : knownTypes(),
    view.q ? searchCondition(view.q, provider) : null,
    view.overPolicy && options.policy ? overPolicyFilter(options.policy, options.now, provider) : null,
  ]);
  const conditions = [...types];
  if (view.status) conditions.push(statusCondition(view.status, options.now));
  else if (!options.includeRevoked) conditions.push(NOT_REVOKED);
  if (view.expires) conditions.push(expiresWithinCondition(EXPIRES_DAYS[view.expires], options.now));
  if (view.lastUsed) conditions.push(unusedCondition(LAST_USED_DAYS[view.lastUsed], options.now));
  if (search) conditions.push(search);
  if (Array.isArray(overPolicy)) return { conditions, oneOf: overPolicy };
  if (overPolicy) conditions.push(overPolicy);
  return { conditions };
}

/**
 * "Only over the policy" as a condition of the page query. The tokens over it are few (a handful of
 * exceptions) or many (just after a tightening). Few: their IDs, read off the lifetime index, so the page
 * is sorted among them, where walking the sort's index would read every live token to find none. Many
 * (over SEARCH_INDEX_MAX_MATCHES): the condition itself, per type, which the sort's index meets within a
 * few rows and the count reads range by range. Which of the two is told by counting first (off the same
 * index), so that many do not travel to the process as IDs only to be dropped.
 */
async function overPolicyFilter(policy: TokenPolicy, now: Date, provider: DatabaseProvider): Promise<Prisma.Sql | Prisma.Sql[]> {
  const byType = overPolicyConditions(policy, now, provider);
  if ((await countTokens([], byType)) > SEARCH_INDEX_MAX_MATCHES) return byType;
  const rows = await db().$queryRaw<{ publicId: string }[]>(
    overPolicyIdsSql(policy, now, provider, SEARCH_INDEX_MAX_MATCHES + 1),
  );
  // More may have been written since the count.
  if (rows.length > SEARCH_INDEX_MAX_MATCHES) return byType;
  return idsCondition(
    rows.map((r) => r.publicId),
    provider,
  );
}

/** No condition while every stored row is of a known type (the console writes no other), else KNOWN_TYPE. */
async function knownTypes(): Promise<Prisma.Sql[]> {
  const found = await db().$queryRaw<unknown[]>(unknownTypeSql());
  return found.length > 0 ? [KNOWN_TYPE] : [];
}

/** A token as the list has it: its view and its API requests over the last 7 days (modules/usage keeps them). */
type ListedToken = ServiceTokenView & { requests7d: number };

export type TokenListPage = {
  items: ListedToken[];
  /** Tokens matching the search and filters, on all pages. */
  total: number;
  /** This page's number (1-based) and how many pages the total makes, derived from counts, never from the URL. */
  page: number;
  pageCount: number;
  nextCursor: string | null;
  prevCursor: string | null;
};

type Row = Omit<ServiceTokenView, "type"> & { type: string; requests7d: bigint | number };

/**
 * One page of the list by keyset: the cursor names the row the page starts after (or, going back, ends
 * before), so the last page costs what the first does. LAST_PAGE_CURSOR reads the reverse order's first
 * rows. The count runs beside it, and on a page after a cursor so does the count of the rows beyond the
 * cursor, which gives the page's number (the rows themselves are decided by the cursor alone).
 */
export async function listServiceTokens(view: ListView, options: ListOptions): Promise<TokenListPage> {
  const { provider } = getConfig();
  const { conditions: filters, oneOf } = await listConditions(view, options, provider);
  // The page query takes the alternatives as one condition; the counts add them up one by one.
  const conditions = oneOf ? [...filters, anyOf(oneOf)] : filters;
  const perPage = view.perPage;
  const last = view.cursor === LAST_PAGE_CURSOR;
  // The view's cursor was checked against its sort when the parameters were read; a view made in code
  // with any other starts on the first page.
  const cursor = view.cursor && !last ? readCursor(view.cursor, view.sort) : null;
  const backwards = last || cursor?.dir === "b";
  const order = backwards ? (view.order === "asc" ? "desc" : "asc") : view.order;
  const offset = cursor || last ? 0 : (options.offset ?? 0);
  const [rows, total, beyondCursor] = await Promise.all([
    db().$queryRaw<Row[]>(pageSql({ conditions, sort: view.sort, order, cursor, take: perPage + 1, skip: offset })),
    countTokens(filters, oneOf),
    cursor ? countTokens([...filters, afterCursorCondition(view.sort, order, cursor)], oneOf) : 0,
  ]);
  const pageCount = Math.max(1, Math.ceil(total / perPage));
  // The last page holds what the full pages before it leave (all of it when that is a whole page).
  const take = last ? total - (pageCount - 1) * perPage : perPage;
  const more = last ? rows.length > take : rows.length > perPage;
  // The conditions kept out rows of unknown types: each row is a token.
  const page = rows.slice(0, Math.max(0, take)).flatMap((row) => {
    const token = toView(row);
    return token ? [{ ...token, requests7d: Number(token.requests7d) }] : [];
  });
  if (backwards) page.reverse();

  // Rows before this page: after a cursor, all but those beyond it; before a cursor, those beyond it
  // (the query runs the other way) less this page.
  const before = last
    ? total - page.length
    : cursor?.dir === "a"
      ? total - beyondCursor
      : cursor
        ? beyondCursor - page.length
        : offset;
  const hasNext = backwards ? Boolean(cursor) : more;
  const hasPrev = backwards ? more : Boolean(cursor) || offset > 0;
  const first = page[0];
  const lastRow = page.at(-1);
  return {
    items: page,
    total,
    page: Math.min(pageCount, Math.max(1, Math.floor(before / perPage) + 1)),
    pageCount,
    nextCursor:
      hasNext && lastRow ? encodeCursor({ dir: "a", value: cursorValue(lastRow, view.sort), id: lastRow.publicId }) : null,
    prevCursor: hasPrev && first ? encodeCursor({ dir: "b", value: cursorValue(first, view.sort), id: first.publicId }) : null,
  };
}

async function countTokens(conditions: readonly Prisma.Sql[], oneOf?: readonly Prisma.Sql[]): Promise<number> {
  const [row] = await db().$queryRaw<{ count: bigint | number }[]>(countSql(conditions, oneOf));
  return Number(row?.count ?? 0);
}

/** How many tokens the list shows under a Status filter now (the Overview's tiles). */
export async function countTokensWithStatus(status: ListStatus, now: Date): Promise<number> {
  return countTokens([...(await knownTypes()), statusCondition(status, now)]);
}

/** Tokens by type and status (the list's Status filters but Never used, which overlaps them): /metrics. */
export async function countTokensByTypeAndStatus(now: Date): Promise<{ type: string; status: ListStatus; count: number }[]> {
  const statuses = ["active", "expiring", "expired", "revoked"] as const;
  const counts = await Promise.all(
    statuses.map(async (status) => {
      const rows = await db().$queryRaw<{ type: string; count: bigint | number }[]>`
        SELECT "type", COUNT(*) AS "count" FROM "service_tokens" WHERE ${statusCondition(status, now)} AND ${KNOWN_TYPE} GROUP BY "type"`;
      return rows.map((row) => ({ type: row.type, status, count: Number(row.count) }));
    }),
  );
  return counts.flat();
}

/** How many live tokens were not used for `days` (unusedCondition). */
export async function countUnusedTokens(days: number, now: Date): Promise<number> {
  return countTokens([...(await knownTypes()), unusedCondition(days, now)]);
}

/** How many tokens carry "Expiring soon" now (the notice above the list). */
export async function countExpiringSoon(now: Date): Promise<number> {
  return countTokens([...(await knownTypes()), statusCondition("expiring", now)]);
}
