// Generated parameters of the token list, valid and hostile, for the property tests of the parser
// (lib/tokens/list-params.test.ts), of the page query on both databases (list-sql.test.ts) and of the
// page and the API over HTTP (e2e): text with NUL and other control characters, lone surrogates, LIKE
// and FTS5 metacharacters and whole tokens in the search; cursors whose value does not fit the sort (not
// a date, null where the column cannot be empty), with another direction, a tampered ID, or no cursor
// shape at all.
import fc from "fast-check";
import { encodeCursor, LIST_SORTS, LIST_STATUSES, LIST_TYPES, SORT_ORDERS } from "@/lib/tokens";

const hostileText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom(
    "\u0000",
    "a\u0000b",
    "\t",
    "line\nbreak",
    "\u007f",
    "\u0085",
    "\ud800",
    "%",
    "_",
    "!",
    '"',
    "'; DROP TABLE service_tokens; --",
    "\\",
    "NEAR(a b)",
    "x".repeat(101),
    `opc_con_${"A1b2C3d4".repeat(6)}x`,
    "+275760-09-13T00:00:00.000Z",
    "",
    " ",
  ),
);

export const publicIdArbitrary = fc.stringMatching(/^tok_[0-9A-HJKMNP-TV-Z]{10}$/);

const isoTime = fc
  .date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2099-12-31T23:59:59Z"), noInvalidDate: true })
  .map((d) => d.toISOString());

/** A cursor's parts as a client could write them: right, wrong for the sort, or no cursor's parts at all. */
const cursorTuple = fc.tuple(
  fc.oneof(fc.constantFrom("a", "b"), fc.constantFrom("c", "", "A", 1, null)),
  fc.oneof(
    isoTime,
    fc.constant(null),
    fc.constantFrom(
      "notadate",
      "2025-13-45T99:99:99.999Z",
      "2025-01-01",
      "2025-01-01T00:00:00Z",
      "+275760-09-13T00:00:00.000Z",
      "1e3",
      "",
    ),
    hostileText,
    fc.integer(),
  ),
  fc.oneof(publicIdArbitrary, hostileText, fc.constant("tok_\u0000AAAAAAAA")),
);

/** base64url JSON, as encodeCursor writes, of anything. */
export const encodeJson = (json: unknown): string => Buffer.from(JSON.stringify(json)).toString("base64url");

export const hostileCursor = fc.oneof(
  cursorTuple.map((tuple) => encodeJson(tuple)),
  fc
    .record({ dir: fc.constantFrom("a" as const, "b" as const), value: fc.option(isoTime, { nil: null }), id: publicIdArbitrary })
    .map(encodeCursor),
  fc.jsonValue().map(encodeJson),
  hostileText,
);

const valueOr = <T>(valid: fc.Arbitrary<T>) => fc.oneof(valid.map(String), hostileText);

/** A query string's parameters (each at most once), as the page or the API could be sent them. */
export const hostileListParams = fc.record(
  {
    q: fc.oneof(fc.string({ maxLength: 20 }), hostileText),
    type: valueOr(fc.constantFrom(...LIST_TYPES)),
    status: valueOr(fc.constantFrom(...LIST_STATUSES)),
    sort: valueOr(fc.constantFrom(...LIST_SORTS)),
    order: valueOr(fc.constantFrom(...SORT_ORDERS)),
    per_page: valueOr(fc.oneof(fc.constantFrom(25, 50, 100), fc.integer({ min: -5, max: 200 }))),
    page: valueOr(fc.integer({ min: 0, max: 3 })),
    cursor: hostileCursor,
    show: valueOr(fc.constant("revoked")),
    policy: valueOr(fc.constant("exceeded")),
  },
  { requiredKeys: [] },
);
