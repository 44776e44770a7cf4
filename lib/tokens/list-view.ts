// What a view of the token list is made of (search, filters, sort, page size, cursor), shared by the
// Service Tokens page (its URL) and GET /api/v1/service-tokens (its query): one vocabulary, one parser.
// No zod here: the list's filters run in the browser, and zod would be most of the page's JavaScript.
import { tokenStatus } from "./status";
import type { TokenType } from "./format";

export const LIST_STATUSES = ["active", "expiring", "expired", "revoked", "never_used"] as const;
export type ListStatus = (typeof LIST_STATUSES)[number];

export const LIST_STATUS_LABELS: Record<ListStatus, string> = {
  active: "Active",
  expiring: "Expiring soon",
  expired: "Expired",
  revoked: "Revoked",
  never_used: "Never used",
};

export const LIST_SORTS = ["created_at", "expires_at", "last_used_at", "issued_to"] as const;
export type ListSort = (typeof LIST_SORTS)[number];

export const LIST_SORT_LABELS: Record<ListSort, string> = {
  created_at: "Created At",
  expires_at: "Expiration",
  last_used_at: "Last used",
  issued_to: "Issued To",
};

export const SORT_ORDERS = ["asc", "desc"] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

/** The order a column sorts in when first chosen: dates newest first, names A to Z. */
export const DEFAULT_ORDER: Record<ListSort, SortOrder> = {
  created_at: "desc",
  expires_at: "asc",
  last_used_at: "desc",
  issued_to: "asc",
};

export const PAGE_SIZES = [25, 50, 100] as const;
const DEFAULT_PAGE_SIZE = 50;
export const MAX_SEARCH_LENGTH = 100;

const LIST_TYPES = ["connector", "developer"] as const;
export type ListType = (typeof LIST_TYPES)[number];

export function domainType(type: ListType | undefined): TokenType | undefined {
  return type === "developer" ? "DEVELOPER" : type === "connector" ? "CONNECTOR" : undefined;
}

/** A parsed view of the list. Everything optional has a default; `cursor` is opaque here. */
export type ListView = {
  q: string;
  type?: ListType;
  status?: ListStatus;
  sort: ListSort;
  order: SortOrder;
  perPage: number;
  cursor?: string;
  /** The page only: without a status filter, revoked tokens are listed only when asked for. */
  showRevoked?: boolean;
  /** The page only: just the tokens that live longer than the token policy allows. */
  overPolicy?: boolean;
};

const DEFAULT_VIEW: ListView = { q: "", sort: "created_at", order: "desc", perPage: DEFAULT_PAGE_SIZE };

/**
 * A cursor names the row a page starts after ("a") or ends before ("b") in the view's order, by that
 * row's sort value and its internal id. Opaque to clients (base64url JSON); tampering can only move
 * the page, never widen what the caller may see.
 */
export type Cursor = { dir: "a" | "b"; value: string | null; id: string };

/** `[dir, value, id]` as encodeCursor writes it: "a"|"b", a string of at most 300 or null, an id of 1 to 64. */
function isCursorTuple(json: unknown): json is [Cursor["dir"], string | null, string] {
  if (!Array.isArray(json) || json.length !== 3) return false;
  const [dir, value, id] = json as unknown[];
  return (
    (dir === "a" || dir === "b") &&
    (value === null || (typeof value === "string" && value.length <= 300)) &&
    typeof id === "string" &&
    id.length >= 1 &&
    id.length <= 64
  );
}

export function encodeCursor(cursor: Cursor): string {
  const json = JSON.stringify([cursor.dir, cursor.value, cursor.id]);
  return btoa(String.fromCharCode(...new TextEncoder().encode(json)))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");
}

export function decodeCursor(raw: string): Cursor | null {
  if (raw.length > 600 || !/^[A-Za-z0-9_-]+$/.test(raw)) return null;
  try {
    const binary = atob(raw.replaceAll("-", "+").replaceAll("_", "/"));
    const json = new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
    const parsed: unknown = JSON.parse(json);
    if (!isCursorTuple(parsed)) return null;
    const [dir, value, id] = parsed;
    return { dir, value, id };
  } catch {
    return null;
  }
}

function one(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The page's URL → a view. Forgiving: a stale bookmark or a hand-edited value falls back to the
 * default rather than an error page (the API, by contrast, refuses bad parameters with a message).
 */
export function viewFromSearchParams(params: Record<string, string | string[] | undefined>): ListView {
  const q = (one(params.q) ?? "").trim().slice(0, MAX_SEARCH_LENGTH);
  const type = LIST_TYPES.find((t) => t === one(params.type));
  const status = LIST_STATUSES.find((s) => s === one(params.status));
  const sort = LIST_SORTS.find((s) => s === one(params.sort)) ?? DEFAULT_VIEW.sort;
  const order = SORT_ORDERS.find((o) => o === one(params.order)) ?? DEFAULT_ORDER[sort];
  const perPage = PAGE_SIZES.find((n) => String(n) === one(params.per_page)) ?? DEFAULT_PAGE_SIZE;
  const rawCursor = one(params.cursor);
  const cursor = rawCursor && decodeCursor(rawCursor) ? rawCursor : undefined;
  const showRevoked = one(params.show) === "revoked";
  const overPolicy = one(params.policy) === "exceeded";
  return { q, type, status, sort, order, perPage, cursor, showRevoked, overPolicy };
}

/** A view → the page's query string (defaults left out, so a plain view has a plain URL). */
export function searchParamsOfView(view: Partial<ListView>): string {
  const params = new URLSearchParams();
  if (view.q) params.set("q", view.q);
  if (view.type) params.set("type", view.type);
  if (view.status) params.set("status", view.status);
  const sort = view.sort ?? DEFAULT_VIEW.sort;
  if (sort !== DEFAULT_VIEW.sort) params.set("sort", sort);
  if (view.order && view.order !== DEFAULT_ORDER[sort]) params.set("order", view.order);
  if (view.perPage && view.perPage !== DEFAULT_PAGE_SIZE) params.set("per_page", String(view.perPage));
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

/**
 * Whether a token belongs in a view by its type and status filters, by the same rules as the list's
 * query (`tokenStatus` for the four statuses; "never used": live and never authenticated; without a
 * status filter, revoked tokens only when they are included). For rows found beforehand by ID.
 */
export function matchesListFilter(
  t: { type: string; createdAt: Date; expiresAt: Date; revokedAt: Date | null; lastUsedAt: Date | null },
  view: Pick<ListView, "type" | "status">,
  options: { now: Date; includeRevoked: boolean },
): boolean {
  const type = domainType(view.type);
  if (type && t.type !== type) return false;
  if (!view.status) return options.includeRevoked || t.revokedAt === null;
  if (view.status === "never_used") return t.revokedAt === null && t.lastUsedAt === null;
  return tokenStatus(t, options.now) === view.status;
}
