// The list's cursor: the row a page starts after ("a") or ends before ("b") in the view's order, named by
// that row's sort value and its public ID. Opaque to clients (base64url JSON); a tampered cursor can only
// move the page, never widen what the caller may see, and one that does not fit the view's sort is
// refused before it reaches a query (readCursor).
import { isPublicId } from "./format";
import { hasControlCharacter } from "./characters";
import { SORT_KEYS, type ListSort } from "./list-view";

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

/** The cursor's parts, or null for text that is not a cursor's shape. */
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

const MAX_COUNT = 2n ** 63n - 1n;

/** An instant as cursorValue writes it (toISOString), and nothing else. */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function isIsoTime(value: string): boolean {
  const time = ISO_TIME.test(value) ? Date.parse(value) : NaN;
  return Number.isFinite(time) && new Date(time).toISOString() === value;
}

/**
 * The cursor if it is one a page of `sort` could have returned: a public ID, and a value of the sort's
 * column (an instant as written by toISOString on a date sort, digits on a count, text without control
 * characters on a text sort, null only where the column may be empty). Anything else is null.
 */
export function readCursor(raw: string, sort: ListSort): Cursor | null {
  const cursor = decodeCursor(raw);
  if (!cursor || !isPublicId(cursor.id)) return null;
  const { kind, nullable } = SORT_KEYS[sort];
  const { value } = cursor;
  if (value === null) return nullable ? cursor : null;
  if (kind === "date") return isIsoTime(value) ? cursor : null;
  // A count as cursorValue writes it (digits, no sign, no leading zero) that a 64-bit column can hold.
  if (kind === "count") return /^(?:0|[1-9]\d{0,18})$/.test(value) && BigInt(value) <= MAX_COUNT ? cursor : null;
  return value.isWellFormed() && !hasControlCharacter(value) ? cursor : null;
}

/** The cursor value of a row for `sort`: its column's value, an instant as ISO 8601 text, a count as digits. */
export function cursorValue(
  row: Record<(typeof SORT_KEYS)[ListSort]["column"], Date | string | number | null>,
  sort: ListSort,
): string | null {
  const value = row[SORT_KEYS[sort].column];
  return value instanceof Date ? value.toISOString() : typeof value === "number" ? String(value) : value;
}
