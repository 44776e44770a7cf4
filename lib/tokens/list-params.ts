// The list's parameters, read once for both surfaces: the Service Tokens page's URL and the query of
// GET /api/v1/service-tokens. Each parameter's vocabulary and validity is decided here and nowhere else;
// the page shows the default in place of a bad value (a stale bookmark, a hand-edited URL), the API
// refuses the request with the first message (api/schemas.ts). No zod: see list-view.ts.
import { controlCharacter } from "./characters";
import { readCursor } from "./list-cursor";
import {
  API_MAX_PER_PAGE,
  DEFAULT_ORDER,
  DEFAULT_PER_PAGE,
  EXPIRES_FILTERS,
  LAST_PAGE_CURSOR,
  LAST_USED_FILTERS,
  LIST_SORTS,
  LIST_STATUSES,
  LIST_TYPES,
  MAX_SEARCH_LENGTH,
  PAGE_SIZES,
  PAGE_SORTS,
  SORT_ORDERS,
  looksLikeToken,
  type ListSurface,
  type ListView,
} from "./list-view";

/** The API's deprecated offset paging: page numbers from 1 to this. */
export const MAX_PAGE_NUMBER = 1_000_000;

/** A bad parameter and why, in a sentence that names it. */
type ListParamError = { param: string; message: string };

export type ListParams = {
  view: ListView;
  /** The API only: the 1-based page number of offset paging, when asked for. */
  page?: number;
  /** Every bad parameter in the order they are read; each was replaced by its default in `view`. */
  errors: ListParamError[];
};

type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (message: string): Parsed<never> => ({ ok: false, message });

const orList = (values: readonly (string | number)[]) => `${values.slice(0, -1).join(", ")} or ${String(values.at(-1))}`;

function oneOf<T extends string>(param: string, values: readonly T[]) {
  return (raw: string): Parsed<T> => {
    const value = values.find((v) => v === raw);
    return value === undefined ? fail(`${param} must be ${orList(values)}.`) : ok(value);
  };
}

function wholeNumber(param: string, min: number, max: number) {
  return (raw: string): Parsed<number> => {
    // As a number in a query string is commonly read (Number: surrounding spaces allowed), then whole and in range.
    const n = Number(raw);
    return Number.isInteger(n) && n >= min && n <= max ? ok(n) : fail(`${param} must be a whole number from ${min} to ${max}.`);
  };
}

function search(raw: string): Parsed<string> {
  const q = raw.trim();
  if (q.length > MAX_SEARCH_LENGTH) return fail(`q must be at most ${MAX_SEARCH_LENGTH} characters.`);
  // No stored text holds a control character or half a character, and PostgreSQL refuses NUL in text.
  if (!q.isWellFormed()) return fail("q contains an incomplete character (a lone surrogate).");
  const control = controlCharacter("q", q);
  if (control) return fail(control);
  // A whole token is not searched for (nor echoed in a link to the next page): "Identify a token" takes it.
  return ok(looksLikeToken(q) ? "" : q);
}

/**
 * The page's URL or the API's query → a view. `raw` holds each parameter's one value; parameters this
 * surface does not know are not looked at (the API refuses them before, by its schema's keys).
 */
export function readListParams(raw: Readonly<Record<string, string | undefined>>, surface: ListSurface): ListParams {
  const errors: ListParamError[] = [];
  function read<T>(param: string, parse: (value: string) => Parsed<T>): T | undefined {
    const value = raw[param];
    if (value === undefined) return undefined;
    const parsed = parse(value);
    if (parsed.ok) return parsed.value;
    errors.push({ param, message: parsed.message });
    return undefined;
  }

  const q = read("q", search) ?? "";
  const type = read("type", oneOf("type", LIST_TYPES));
  const status = read("status", oneOf("status", LIST_STATUSES));
  const sort = read("sort", oneOf("sort", surface === "page" ? PAGE_SORTS : LIST_SORTS)) ?? "created_at";
  const order = read("order", oneOf("order", SORT_ORDERS)) ?? DEFAULT_ORDER[sort];
  const view: ListView = { q, type, status, sort, order, perPage: DEFAULT_PER_PAGE[surface] };

  let page: number | undefined;
  if (surface === "api") {
    page = read("page", wholeNumber("page", 1, MAX_PAGE_NUMBER));
    view.perPage = read("per_page", wholeNumber("per_page", 1, API_MAX_PER_PAGE)) ?? view.perPage;
    if (raw.cursor !== undefined && raw.page !== undefined) {
      errors.push({ param: "cursor", message: "Use either cursor or page, not both." });
    }
  } else {
    const sizes = PAGE_SIZES.map(String);
    view.perPage = Number(read("per_page", oneOf("per_page", sizes)) ?? view.perPage);
    view.showRevoked = read("show", oneOf("show", ["revoked"])) !== undefined;
    view.overPolicy = read("policy", oneOf("policy", ["exceeded"])) !== undefined;
    view.expires = read("expires", oneOf("expires", EXPIRES_FILTERS));
    view.lastUsed = read("last_used", oneOf("last_used", LAST_USED_FILTERS));
  }
  // A cursor belongs to its sort: a date where the sort is by a date, null only where the column may be empty.
  view.cursor = read("cursor", (value) =>
    value === LAST_PAGE_CURSOR || readCursor(value, sort) ? ok(value) : fail("cursor is not a cursor this API returned."),
  );
  return { view, page, errors };
}

/** The page's search parameters as Next.js gives them (a repeated one as a list: its first value counts). */
export function viewFromSearchParams(params: Readonly<Record<string, string | string[] | undefined>>): ListView {
  const first = Object.fromEntries(
    Object.entries(params).map(([name, value]) => [name, Array.isArray(value) ? value[0] : value]),
  );
  return readListParams(first, "page").view;
}
