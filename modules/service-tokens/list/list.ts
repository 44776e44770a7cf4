import "server-only";
import {
  DAY_MS,
  EXPIRING_SOON_DAYS,
  EXPIRING_SOON_MIN_AGE_MS,
  readCursor,
  domainType,
  encodeCursor,
  looksLikeToken,
  matchesListFilter,
  type Cursor,
  type ListSort,
  type ListStatus,
  type ListView,
  type SortOrder,
  exceedsPolicy,
  type TokenPolicy,
} from "@/lib/tokens";
import { Prisma } from "@/lib/generated/sqlite/client";
import { getConfig } from "@/lib/config/config";
import { db } from "@/lib/db/db";
import { serviceTokenSelect, toView, type ServiceTokenView } from "../token-view";

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

/** Longest list of matches handed to the page query; beyond it the search reads the rows themselves. */
const SEARCH_INDEX_MAX_MATCHES = 5_000;
/** The trigram index finds substrings of 3 characters or more. */
const SEARCH_INDEX_MIN_LENGTH = 3;

/**
 * Search: the public ID, Issued To, the description, the creator, or the end of the token (its hint shows the last four
 * characters). A value that looks like a whole token is ignored: a secret must not be searched for
 * (it would sit in a URL); "Identify a token" is the way to look one up.
 *
 * `contains` is `LIKE '%…%'`, which no B-tree index can serve. PostgreSQL serves it from trigram (pg_trgm)
 * indexes on the same columns. SQLite asks its FTS5 trigram table (migration 0006) for the public IDs
 * first; only a term too short for trigrams, or one matching more than SEARCH_INDEX_MAX_MATCHES tokens
 * (then the page fills from the first rows it reads), compares the rows themselves.
 */
async function searchWhere(q: string): Promise<Restriction | undefined> {
  const term = q.trim();
  if (!term || looksLikeToken(term)) return undefined;
  const { provider } = getConfig();
  if (provider === "sqlite" && Array.from(term).length >= SEARCH_INDEX_MIN_LENGTH) {
    const ids = await searchIndex(term);
    if (ids) return { ids };
  }
  // Prisma's `contains` is a LIKE pattern and does not escape % and _. PostgreSQL's LIKE escapes with a
  // backslash by default (and ILIKE ignores case); SQLite's has no escape character unless the statement
  // names one, which Prisma does not, so there such a term is compared by pageAmong's own statement.
  if (provider === "sqlite" && /[%_]/.test(term)) return { term, where: null };
  const literal = provider === "postgresql" ? term.replace(/[\\%_]/g, "\\$&") : term;
  const mode = provider === "postgresql" ? ({ mode: "insensitive" } as const) : {};
  return {
    term,
    where: {
      OR: [
        { publicId: { contains: literal, ...mode } },
        { issuedTo: { contains: literal, ...mode } },
        { description: { contains: literal, ...mode } },
        { createdByName: { contains: literal, ...mode } },
        { hint: { endsWith: literal, ...mode } },
      ],
    },
  };
}

/** Public IDs whose terms contain `term` (SQLite's FTS5 trigram table), or null when there are too many. */
async function searchIndex(term: string): Promise<string[] | null> {
  // One FTS5 phrase: inside double quotes every character is literal (a quote is written twice).
  const phrase = `"${term.replaceAll('"', '""')}"`;
  const rows = await db().$queryRaw<{ publicId: string }[]>`
    SELECT "publicId" FROM "service_tokens_search" WHERE "terms" MATCH ${phrase} LIMIT ${SEARCH_INDEX_MAX_MATCHES + 1}`;
  return rows.length > SEARCH_INDEX_MAX_MATCHES ? null : rows.map((r) => r.publicId);
}

/** A search compared row by row, or a set of public IDs found beforehand (the search index, the policy check). */
type Restriction = { where: Where | null; term: string } | { ids: string[] };

type Filter =
  /** Conditions for one query. */
  | { kind: "query"; where: Where }
  /** SQLite: the rows are among these public IDs (null: any), contain `term` (when given), and pass `matches`. */
  | { kind: "among"; ids: string[] | null; term: string | null; matches: (row: CandidateRow) => boolean };

/** The view's filters, as conditions for a query or (SQLite, with IDs found beforehand) a set of IDs. */
async function listFilter(
  view: Pick<ListView, "q" | "type" | "status" | "overPolicy">,
  options: { now: Date; includeRevoked: boolean; policy?: TokenPolicy },
): Promise<Filter> {
  const and: Where[] = [];
  const type = domainType(view.type);
  if (type) and.push({ type });
  if (view.status) and.push(statusWhere(view.status, options.now));
  else if (!options.includeRevoked) and.push({ revokedAt: null });

  const search = await searchWhere(view.q);
  let ids = search && "ids" in search ? search.ids : null;
  if (view.overPolicy && options.policy) {
    const over = await overPolicyIds(options.policy, options.now);
    ids = ids ? intersect(ids, over) : over;
  }
  const term = search && "term" in search ? search : null;

  // PostgreSQL takes the IDs as a condition (up to 32,767 parameters); SQLite's client stops at 999, so
  // there the rows of the IDs are read in one statement and the filters decided here, by the same rules.
  if ((ids || term?.where === null) && getConfig().provider === "sqlite") {
    const { now, includeRevoked } = options;
    return {
      kind: "among",
      ids,
      term: term?.term ?? null,
      matches: (row) => matchesListFilter(row, view, { now, includeRevoked }),
    };
  }
  if (ids) and.push({ publicId: { in: ids } });
  if (term?.where) and.push(term.where);
  return { kind: "query", where: and.length ? { AND: and } : {} };
}

function intersect(a: string[], b: string[]): string[] {
  const inB = new Set(b);
  return a.filter((id) => inB.has(id));
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
  const filter = await listFilter(view, options);
  const cursor = view.cursor ? readCursor(view.cursor, view.sort) : null;
  const backwards = cursor?.dir === "b";
  const order = backwards ? flip(view.order) : view.order;
  const query: PageQuery = { sort: view.sort, order, cursor, take: view.perPage + 1, skip: cursor ? 0 : (options.offset ?? 0) };

  const { rows, total } = filter.kind === "among" ? await pageAmong(filter, query) : await pageByQuery(filter.where, query);
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

type PageQuery = { sort: ListSort; order: SortOrder; cursor: Cursor | null; take: number; skip: number };
type Row = Awaited<ReturnType<typeof selectRows>>[number];

const selectRows = (args: {
  where: Where;
  orderBy?: Prisma.ServiceTokenOrderByWithRelationInput[];
  take?: number;
  skip?: number;
}) => db().serviceToken.findMany({ ...args, select: serviceTokenSelect });

/**
 * Counts the public IDs (never null) rather than rows: Prisma counts over a subquery of what it selects,
 * and the public ID, unlike the primary key, is in every list index, so SQLite counts off the index
 * instead of reading each row (at 100,000 tokens: about 7 ms instead of 16).
 */
async function countTokens(where: Where): Promise<number> {
  return (await db().serviceToken.count({ where, select: { publicId: true } })).publicId;
}

/** The page and the count, each one indexed query. */
async function pageByQuery(base: Where, q: PageQuery): Promise<{ rows: Row[]; total: number }> {
  const where: Where = q.cursor ? { AND: [base, afterWhere(q.sort, q.order, q.cursor.value, q.cursor.id)] } : base;
  const [rows, total] = await Promise.all([
    selectRows({ where, orderBy: orderBy(q.sort, q.order), take: q.take, skip: q.skip }),
    countTokens(base),
  ]);
  return { rows, total };
}

type CandidateRow = {
  publicId: string;
  type: string;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  issuedTo: string;
};

/**
 * The page among a set of public IDs found beforehand (at most a few thousand): their rows' dates are read
 * in one statement (the IDs as one JSON parameter), filtered by the view's rules, ordered and cut here
 * exactly as `orderBy` and `afterWhere` order and cut in the database (null smallest, then the public ID;
 * text in SQLite's byte order), and only the page's rows are read whole.
 */
async function pageAmong(filter: Extract<Filter, { kind: "among" }>, q: PageQuery): Promise<{ rows: Row[]; total: number }> {
  // Each condition only when it applies: an `(? IS NULL OR …)` would keep SQLite from reading the IDs
  // through the public ID's index.
  const conditions: Prisma.Sql[] = [];
  if (filter.ids) conditions.push(Prisma.sql`"publicId" IN (SELECT "value" FROM json_each(${JSON.stringify(filter.ids)}))`);
  if (filter.term !== null) {
    // A term the index cannot serve, as Prisma's `contains`/`endsWith` would compare it, `!` escaping % and _.
    const literal = filter.term.replace(/[!%_]/g, "!$&");
    const contains = `%${literal}%`;
    conditions.push(Prisma.sql`("publicId" LIKE ${contains} ESCAPE '!' OR "issuedTo" LIKE ${contains} ESCAPE '!'
      OR "description" LIKE ${contains} ESCAPE '!' OR "createdByName" LIKE ${contains} ESCAPE '!'
      OR "hint" LIKE ${`%${literal}`} ESCAPE '!')`);
  }
  const candidates = await db().$queryRaw<CandidateRow[]>`
    SELECT "publicId", "type", "createdAt", "expiresAt", "revokedAt", "lastUsedAt", "issuedTo" FROM "service_tokens"
    WHERE ${Prisma.join(conditions, " AND ")}`;
  const column = COLUMN[q.sort];
  const keys = candidates.filter(filter.matches).map((row) => sortKey(row.publicId, row[column]));
  const sign = q.order === "asc" ? 1 : -1;
  keys.sort((a, b) => sign * compareKeys(a, b));
  const from = q.cursor ? cursorKey(q.sort, q.cursor) : null;
  const after = from ? keys.filter((k) => sign * compareKeys(k, from) > 0) : keys;
  const pageIds = after.slice(q.skip, q.skip + q.take).map((k) => k.id);
  const rows = pageIds.length ? await selectRows({ where: { publicId: { in: pageIds } } }) : [];
  const position = new Map(pageIds.map((id, index) => [id, index]));
  rows.sort((a, b) => (position.get(a.publicId) ?? 0) - (position.get(b.publicId) ?? 0));
  return { rows, total: keys.length };
}

/** A row's place in the order: its sort value (time, UTF-8 bytes, or null) and its public ID. */
type SortKey = { value: number | Buffer | null; id: string };

function sortKey(id: string, value: Date | string | null): SortKey {
  if (value instanceof Date) return { value: value.getTime(), id };
  if (typeof value === "string") return { value: Buffer.from(value, "utf8"), id };
  return { value: null, id };
}

function cursorKey(sort: ListSort, cursor: Cursor): SortKey {
  if (cursor.value === null) return { value: null, id: cursor.id };
  return sortKey(cursor.id, isDateSort(sort) ? new Date(cursor.value) : cursor.value);
}

function compareKeys(a: SortKey, b: SortKey): number {
  if (a.value !== b.value) {
    if (a.value === null) return -1;
    if (b.value === null) return 1;
    const byValue =
      typeof a.value === "number" && typeof b.value === "number"
        ? a.value - b.value
        : Buffer.compare(a.value as Buffer, b.value as Buffer);
    if (byValue !== 0) return byValue;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
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
  return countTokens(statusWhere("expiring", now));
}
