import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encodeJson, hostileListParams } from "@/lib/testing/hostile-list-params";
import { encodeCursor, readCursor } from "./list-cursor";
import { readListParams, viewFromSearchParams } from "./list-params";
import {
  API_MAX_PER_PAGE,
  DEFAULT_ORDER,
  LIST_SORTS,
  LIST_STATUSES,
  LIST_TYPES,
  MAX_SEARCH_LENGTH,
  PAGE_SIZES,
  searchParamsOfView,
  SORT_ORDERS,
  type ListSurface,
  type ListView,
} from "./list-view";

const SURFACES: ListSurface[] = ["page", "api"];
const PAGE_DEFAULTS: ListView = {
  q: "",
  type: undefined,
  status: undefined,
  sort: "created_at",
  order: "desc",
  perPage: 50,
  cursor: undefined,
  showRevoked: false,
  overPolicy: false,
  lastUsed: undefined,
  expires: undefined,
};
const api = (raw: Record<string, string>) => readListParams(raw, "api");
const page = (raw: Record<string, string>) => readListParams(raw, "page");
const id = "tok_7KQ2M9XA1B";

describe("readListParams", () => {
  it("reads every parameter of the page and of the API", () => {
    const raw = { q: " mail ", type: "developer", status: "expiring", sort: "expires_at", order: "desc", per_page: "25" };
    expect(page({ ...raw, show: "revoked", policy: "exceeded", last_used: "unused_90", expires: "within_30" })).toEqual({
      view: {
        q: "mail",
        type: "developer",
        status: "expiring",
        sort: "expires_at",
        order: "desc",
        perPage: 25,
        showRevoked: true,
        overPolicy: true,
        lastUsed: "unused_90",
        expires: "within_30",
        cursor: undefined,
      },
      page: undefined,
      errors: [],
    });
    expect(api({ ...raw, per_page: "7", page: "3" })).toEqual({
      view: {
        q: "mail",
        type: "developer",
        status: "expiring",
        sort: "expires_at",
        order: "desc",
        perPage: 7,
        cursor: undefined,
      },
      page: 3,
      errors: [],
    });
    expect(page({}).view).toEqual(PAGE_DEFAULTS);
    expect(api({}).view).toMatchObject({ sort: "created_at", order: "desc", perPage: 20 });
    expect(api({ sort: "issued_to" }).view.order).toBe("asc");
  });

  it("reads the page's Last used filter and its sort by requests over 7 days; the API knows neither", () => {
    for (const lastUsed of ["unused_30", "unused_90", "unused_180"] as const) {
      const { view, errors } = page({ last_used: lastUsed });
      expect(errors).toEqual([]);
      expect(view.lastUsed).toBe(lastUsed);
      expect(searchParamsOfView(view)).toBe(`?last_used=${lastUsed}`);
    }
    expect(page({ last_used: "unused_91" })).toMatchObject({
      view: PAGE_DEFAULTS,
      errors: [{ param: "last_used", message: "last_used must be unused_30, unused_90 or unused_180." }],
    });
    expect(page({ sort: "requests_7d" }).view).toMatchObject({ sort: "requests_7d", order: "desc" });
    expect(searchParamsOfView(page({ sort: "requests_7d", order: "asc" }).view)).toBe("?sort=requests_7d&order=asc");
    expect(api({ sort: "requests_7d" }).errors).toEqual([
      { param: "sort", message: "sort must be created_at, expires_at, last_used_at or issued_to." },
    ]);
    expect(api({ last_used: "unused_30" }).view.lastUsed).toBeUndefined();
  });

  it("takes cursor=last (the last page) on both surfaces, in any sort, and nothing like it", () => {
    expect(page({ cursor: "last", sort: "issued_to" })).toMatchObject({ view: { cursor: "last" }, errors: [] });
    expect(api({ cursor: "last" })).toMatchObject({ view: { cursor: "last" }, errors: [] });
    expect(searchParamsOfView(page({ cursor: "last" }).view)).toBe("?cursor=last");
    for (const cursor of ["LAST", "last ", "first"]) {
      expect(page({ cursor }).errors).toEqual([{ param: "cursor", message: "cursor is not a cursor this API returned." }]);
    }
  });

  it("reads the page's Expires filter; a bad value shows Any time", () => {
    expect(searchParamsOfView(page({ expires: "within_7", last_used: "unused_30" }).view)).toBe(
      "?expires=within_7&last_used=unused_30",
    );
    expect(page({ expires: "within_60" })).toMatchObject({
      view: PAGE_DEFAULTS,
      errors: [{ param: "expires", message: "expires must be within_7, within_30 or within_90." }],
    });
  });

  it("takes a count cursor on the requests sort: digits without a sign or a leading zero", () => {
    const refused = [{ param: "cursor", message: "cursor is not a cursor this API returned." }];
    const cursor = (value: unknown) => page({ sort: "requests_7d", cursor: encodeJson(["a", value, id]) }).errors;
    expect(cursor("0")).toEqual([]);
    expect(cursor("5000000000")).toEqual([]);
    expect(cursor("9223372036854775807")).toEqual([]);
    for (const bad of ["-1", "01", "1.5", "1e3", "", null, "9223372036854775808", "99999999999999999999"])
      expect(cursor(bad)).toEqual(refused);
  });

  it.each([
    [{ per_page: "101" }, "per_page", "per_page must be a whole number from 1 to 100."],
    [{ per_page: "2.5" }, "per_page", "per_page must be a whole number from 1 to 100."],
    [{ page: "0" }, "page", "page must be a whole number from 1 to 1000000."],
    [{ status: "old" }, "status", "status must be active, expiring, expired, revoked or never_used."],
    [{ type: "admin" }, "type", "type must be connector or developer."],
    [{ sort: "name" }, "sort", "sort must be created_at, expires_at, last_used_at or issued_to."],
    [{ order: "up" }, "order", "order must be asc or desc."],
    [{ q: "x".repeat(101) }, "q", "q must be at most 100 characters."],
    [{ q: "a\u0000b" }, "q", "q cannot contain control characters (U+0000)."],
    [{ q: "tab\there" }, "q", "q cannot contain control characters (U+0009)."],
    [{ q: "\ud800" }, "q", "q contains an incomplete character (a lone surrogate)."],
    [{ cursor: "abc" }, "cursor", "cursor is not a cursor this API returned."],
    [{ cursor: encodeCursor({ dir: "a", value: null, id }), page: "2" }, "cursor", "Use either cursor or page, not both."],
  ])("refuses %j on the API, naming %s; the page shows the default instead", (raw, param, message) => {
    expect(api(raw).errors[0]).toEqual({ param, message });
    expect(page(raw).view).toEqual(PAGE_DEFAULTS);
  });

  it("refuses a cursor that does not fit the sort: a non-date on a date sort, null where the column cannot be empty, another direction", () => {
    const cursor = (dir: unknown, value: unknown, sort = "created_at") =>
      api({ sort, cursor: encodeJson([dir, value, id]) }).errors;
    const refused = [{ param: "cursor", message: "cursor is not a cursor this API returned." }];
    expect(cursor("a", "not a date")).toEqual(refused);
    expect(cursor("a", "2025-02-30T00:00:00.000Z")).toEqual(refused);
    expect(cursor("a", "2025-01-01T00:00:00Z")).toEqual(refused);
    expect(cursor("a", null)).toEqual(refused);
    expect(cursor("a", null, "issued_to")).toEqual(refused);
    expect(cursor("c", "2025-01-01T00:00:00.000Z")).toEqual(refused);
    expect(cursor("a", "svc\u0000", "issued_to")).toEqual(refused);
    expect(api({ cursor: encodeJson(["a", "2025-01-01T00:00:00.000Z", "tok_\u0000"]) }).errors).toEqual(refused);
    // The same parts fit another sort.
    expect(cursor("a", null, "last_used_at")).toEqual([]);
    expect(cursor("b", "2025-01-01T00:00:00.000Z", "expires_at")).toEqual([]);
    expect(cursor("a", "not a date", "issued_to")).toEqual([]);
  });

  it("drops a whole token from the search without an error: it is never searched for, nor put in a link", () => {
    for (const surface of SURFACES) {
      const { view, errors } = readListParams({ q: `opc_dev_${"A1b2C3d4".repeat(6)}x` }, surface);
      expect(view.q).toBe("");
      expect(errors).toEqual([]);
    }
  });

  it("never throws, and gives a view within the vocabulary whatever it is sent", () => {
    fc.assert(
      fc.property(hostileListParams, fc.constantFrom(...SURFACES), (raw, surface) => {
        const { view, page: pageNumber, errors } = readListParams(raw, surface);
        expect(view.q.length).toBeLessThanOrEqual(MAX_SEARCH_LENGTH);
        expect(view.q).not.toMatch(/\p{Cc}/u);
        expect(view.q).toBe(view.q.trim());
        if (view.type !== undefined) expect(LIST_TYPES).toContain(view.type);
        if (view.status !== undefined) expect(LIST_STATUSES).toContain(view.status);
        expect(LIST_SORTS).toContain(view.sort);
        expect(SORT_ORDERS).toContain(view.order);
        if (surface === "page") expect(PAGE_SIZES).toContain(view.perPage);
        else expect(Number.isInteger(view.perPage) && view.perPage >= 1 && view.perPage <= API_MAX_PER_PAGE).toBe(true);
        if (view.cursor !== undefined) expect(readCursor(view.cursor, view.sort)).not.toBeNull();
        if (surface === "page") expect(pageNumber).toBeUndefined();
        for (const error of errors) expect(error.message).toContain(error.param);
      }),
      { numRuns: 2000 },
    );
  });

  it("reads a parameter the same way for the page and the API: the page shows the default where the API refuses", () => {
    fc.assert(
      fc.property(hostileListParams, (raw) => {
        const forPage = readListParams(raw, "page");
        const forApi = readListParams(raw, "api");
        for (const field of ["q", "type", "status", "sort", "order"] as const)
          expect(forPage.view[field]).toBe(forApi.view[field]);
        // The cursor too, unless the API refused it for coming with page=N.
        if (raw.page === undefined) expect(forPage.view.cursor).toBe(forApi.view.cursor);
        const refused = new Set(forApi.errors.map((e) => e.param));
        for (const param of ["q", "type", "status", "sort", "order", "cursor"] as const) {
          if (!refused.has(param) || (param === "cursor" && raw.page !== undefined)) continue;
          const field = param;
          const fallback = field === "order" ? DEFAULT_ORDER[forPage.view.sort] : PAGE_DEFAULTS[field];
          expect(forPage.view[field]).toEqual(fallback);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("reads back every view from the query string written for it", () => {
    fc.assert(
      fc.property(hostileListParams, fc.constantFrom(...SURFACES), (raw, surface) => {
        const { view } = readListParams(raw, surface);
        const query = Object.fromEntries(new URLSearchParams(searchParamsOfView(view, surface)));
        expect(readListParams(query, surface)).toEqual({ view, page: undefined, errors: [] });
      }),
      { numRuns: 1000 },
    );
  });
});

describe("viewFromSearchParams", () => {
  it("takes the first of repeated parameters and ignores unknown ones", () => {
    expect(viewFromSearchParams({ status: ["revoked", "active"], from: "e2e", q: undefined })).toEqual({
      ...PAGE_DEFAULTS,
      status: "revoked",
    });
  });
});
