// What a view of the token list is made of (search, filters, sort, page size, cursor), shared by the
// Service Tokens page (its URL) and GET /api/v1/service-tokens (its query): one vocabulary here, one
// parser in list-params.ts. No zod: the list's filters run in the browser, and zod would be most of the
// page's JavaScript.
import type { TokenType } from "./format";
import { TOKEN_STATUS_LABELS } from "./status";

export const LIST_STATUSES = ["active", "expiring", "expired", "revoked", "never_used"] as const;
export type ListStatus = (typeof LIST_STATUSES)[number];

/** The Status filter's options: a token's status by the name its badge shows (one name per state), and Never used. */
export const LIST_STATUS_LABELS: Record<ListStatus, string> = { ...TOKEN_STATUS_LABELS, never_used: "Never used" };

/** The sorts both surfaces offer. */
export const LIST_SORTS = ["created_at", "expires_at", "last_used_at", "issued_to"] as const;
/** The page also sorts by a column the API does not return (requests over 7 days, from the usage data). */
export const PAGE_SORTS = [...LIST_SORTS, "requests_7d"] as const;
export type ListSort = (typeof PAGE_SORTS)[number];

export const LIST_SORT_LABELS: Record<ListSort, string> = {
  created_at: "Created At",
  expires_at: "Expiration",
  last_used_at: "Last used",
  issued_to: "Issued To",
  requests_7d: "Requests (7 days)",
};

/**
 * The column each sort orders by, what its values are, and whether it may be empty (a token never used
 * has no "last used"). A cursor carries one such value (list-cursor.ts); the page query orders by it.
 */
export const SORT_KEYS = {
  created_at: { column: "createdAt", kind: "date", nullable: false },
  expires_at: { column: "expiresAt", kind: "date", nullable: false },
  last_used_at: { column: "lastUsedAt", kind: "date", nullable: true },
  issued_to: { column: "issuedTo", kind: "text", nullable: false },
  requests_7d: { column: "requests7d", kind: "count", nullable: false },
} as const satisfies Record<ListSort, { column: string; kind: "date" | "text" | "count"; nullable: boolean }>;

/**
 * The cursor of the last page (`cursor=last`): the reverse order's first page, reversed, cut so that
 * it holds what is left after the full pages before it (pages line up from either end).
 */
export const LAST_PAGE_CURSOR = "last";

export const SORT_ORDERS = ["asc", "desc"] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

/** The order a column sorts in when first chosen: dates newest first, names A to Z. */
export const DEFAULT_ORDER: Record<ListSort, SortOrder> = {
  created_at: "desc",
  expires_at: "asc",
  last_used_at: "desc",
  issued_to: "asc",
  requests_7d: "desc",
};
const DEFAULT_SORT: ListSort = "created_at";

/** Where a view comes from: the page's URL or the API's query. They differ in page sizes and a few parameters. */
export type ListSurface = "page" | "api";

/** The page offers these sizes; the API takes any whole number from 1 to API_MAX_PER_PAGE. */
export const PAGE_SIZES = [25, 50, 100] as const;
export const API_MAX_PER_PAGE = 100;
export const DEFAULT_PER_PAGE: Record<ListSurface, number> = { page: 50, api: 20 };
export const MAX_SEARCH_LENGTH = 100;

export const LIST_TYPES = ["connector", "developer"] as const;
export type ListType = (typeof LIST_TYPES)[number];

/** The page's Last used filter: live tokens not used for this many days (never used and older count too). */
export const LAST_USED_FILTERS = ["unused_30", "unused_90", "unused_180"] as const;
export type LastUsedFilter = (typeof LAST_USED_FILTERS)[number];

export const LAST_USED_LABELS: Record<LastUsedFilter, string> = {
  unused_30: "Unused for 30 days",
  unused_90: "Unused for 90 days",
  unused_180: "Unused for 180 days",
};

export const LAST_USED_DAYS: Record<LastUsedFilter, number> = { unused_30: 30, unused_90: 90, unused_180: 180 };

/** The page's Expires filter: live tokens that expire within this many days (off the expiry index). */
export const EXPIRES_FILTERS = ["within_7", "within_30", "within_90"] as const;
export type ExpiresFilter = (typeof EXPIRES_FILTERS)[number];

export const EXPIRES_LABELS: Record<ExpiresFilter, string> = {
  within_7: "Within 7 days",
  within_30: "Within 30 days",
  within_90: "Within 90 days",
};

export const EXPIRES_DAYS: Record<ExpiresFilter, number> = { within_7: 7, within_30: 30, within_90: 90 };

export function domainType(type: ListType | undefined): TokenType | undefined {
  return type === "developer" ? "DEVELOPER" : type === "connector" ? "CONNECTOR" : undefined;
}

/** A parsed view of the list (readListParams). Everything optional has a default. */
export type ListView = {
  q: string;
  type?: ListType;
  status?: ListStatus;
  sort: ListSort;
  order: SortOrder;
  perPage: number;
  /** As a page returned it (list-cursor.ts), and valid for `sort`; or LAST_PAGE_CURSOR. */
  cursor?: string;
  /** The page only: without a status filter, revoked tokens are listed only when asked for. */
  showRevoked?: boolean;
  /** The page only: just the tokens that live longer than the token policy allows. */
  overPolicy?: boolean;
  /** The page only: just the live tokens unused for a span (Last used). */
  lastUsed?: LastUsedFilter;
  /** The page only: just the live tokens that expire within a span (Expires). */
  expires?: ExpiresFilter;
};

/** A view → its query string (defaults left out, so a plain view has a plain URL), for the page or the API. */
export function searchParamsOfView(view: Partial<ListView>, surface: ListSurface = "page"): string {
  const params = new URLSearchParams();
  if (view.q) params.set("q", view.q);
  if (view.type) params.set("type", view.type);
  if (view.status) params.set("status", view.status);
  if (view.expires) params.set("expires", view.expires);
  if (view.lastUsed) params.set("last_used", view.lastUsed);
  const sort = view.sort ?? DEFAULT_SORT;
  if (sort !== DEFAULT_SORT) params.set("sort", sort);
  if (view.order && view.order !== DEFAULT_ORDER[sort]) params.set("order", view.order);
  if (view.perPage && view.perPage !== DEFAULT_PER_PAGE[surface]) params.set("per_page", String(view.perPage));
  if (view.showRevoked) params.set("show", "revoked");
  if (view.overPolicy) params.set("policy", "exceeded");
  if (view.cursor) params.set("cursor", view.cursor);
  const query = params.toString();
  return query ? `?${query}` : "";
}

/**
 * True for text carrying (most of) a token. Such a value is never searched for nor put in a URL: the
 * secret would end up in the browser history and server logs. "Identify a token" takes it instead.
 */
export function looksLikeToken(text: string): boolean {
  return /opc_(?:con|dev)_[0-9A-Za-z]{16,}/.test(text);
}
