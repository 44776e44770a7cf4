import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DAY_MS,
  DEFAULT_ORDER,
  LAST_PAGE_CURSOR,
  PAGE_SORTS,
  tokenStatus,
  type ListSort,
  type ListView,
  type SortOrder,
  DEFAULT_TOKEN_POLICY,
  exceedsPolicy,
  tokenTypeOf,
} from "@/lib/tokens";
import { db } from "@/lib/db/db";
import { newId } from "@/lib/db/ids";
import { countExpiringSoon, listServiceTokens } from "./list";
import { anyOf, countSql, overPolicyConditions, overPolicyIdsSql } from "./list-sql";
import { getConfig } from "@/lib/config/config";
import { Prisma } from "@/lib/generated/sqlite/client";
import { createServiceToken } from "../create/create";
import { revokeServiceToken } from "../revoke/revoke";
import type { SessionUser } from "@/lib/auth/users";

// Each test file has a database of its own: these tokens are all there is.
const now = new Date("2030-06-01T12:00:00Z");
const at = (days: number) => new Date(now.getTime() + days * DAY_MS);
type Seed = {
  publicId: string;
  issuedTo: string;
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  type: string;
  hint: string;
  createdByName: string;
  requests7d: bigint;
};
const seeds: Seed[] = [];

beforeAll(async () => {
  // Ties on every sort column (same day, same name, several never used) so the ID tie-break matters.
  for (let i = 0; i < 14; i++) {
    const seed: Seed = {
      publicId: `tok_${String(i).padStart(2, "0")}AAAAAAAA`,
      issuedTo: `svc${i % 5}`,
      createdAt: at(-30 + (i % 4)),
      expiresAt: at([3, 30, -2, 60, 5][i % 5]!),
      lastUsedAt: i % 3 === 0 ? null : at(-(i % 7)),
      revokedAt: i === 7 ? at(-1) : null,
      type: i % 2 ? "DEVELOPER" : "CONNECTOR",
      hint: `opc_con_…${String(i).padStart(2, "0")}xy`,
      createdByName: i % 2 ? "alice" : "bob",
      // Ties (several 0, two 1,000) and a total past 2^31.
      requests7d: BigInt([0, 1_000, 5_000_000_000, 0, 7][i % 5]!),
    };
    seeds.push(seed);
    await db().serviceToken.create({ data: { id: newId(), tokenHash: `h${i}`, createdById: "u", ...seed } });
  }
});

afterAll(async () => {
  await db().serviceToken.deleteMany({});
  await db().auditEvent.deleteMany({});
});

const view = (v: Partial<ListView> = {}): ListView => ({ q: "", sort: "created_at", order: "desc", perPage: 50, ...v });
const options = { now, includeRevoked: true };
const ids = async (v: Partial<ListView>, includeRevoked = true) =>
  (await listServiceTokens(view(v), { now, includeRevoked })).items.map((t) => t.publicId);

const COLUMN = {
  created_at: "createdAt",
  expires_at: "expiresAt",
  last_used_at: "lastUsedAt",
  issued_to: "issuedTo",
  requests_7d: "requests7d",
} as const;

/** The order the database must produce: the column (a missing value is the smallest), then the ID. */
function expected(sort: ListSort, order: SortOrder): string[] {
  const key = (s: Seed) => {
    const v = s[COLUMN[sort]];
    return v === null ? -Infinity : v instanceof Date ? v.getTime() : v;
  };
  const sorted = [...seeds].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    const c = ka < kb ? -1 : ka > kb ? 1 : a.publicId < b.publicId ? -1 : a.publicId > b.publicId ? 1 : 0;
    return order === "asc" ? c : -c;
  });
  return sorted.map((s) => s.publicId);
}

describe("listServiceTokens", () => {
  for (const sort of PAGE_SORTS) {
    for (const order of ["asc", "desc"] as const) {
      it(`pages by cursor forward and back, sorted by ${sort} ${order}, without repeating or skipping a token`, async () => {
        const all = expected(sort, order);
        const forward: string[][] = [];
        let page = await listServiceTokens(view({ sort, order, perPage: 4 }), options);
        expect(page.prevCursor).toBeNull();
        expect([page.page, page.pageCount]).toEqual([1, 4]);
        forward.push(page.items.map((t) => t.publicId));
        while (page.nextCursor) {
          page = await listServiceTokens(view({ sort, order, perPage: 4, cursor: page.nextCursor }), options);
          expect(page.total).toBe(14);
          forward.push(page.items.map((t) => t.publicId));
          expect([page.page, page.pageCount]).toEqual([forward.length, 4]);
        }
        expect(forward.flat()).toEqual(all);
        expect(forward).toHaveLength(4);

        // And back from the last page, page by page, to the first.
        const backward: string[][] = [forward.at(-1)!];
        while (page.prevCursor) {
          page = await listServiceTokens(view({ sort, order, perPage: 4, cursor: page.prevCursor }), options);
          backward.unshift(page.items.map((t) => t.publicId));
          expect(page.page).toBe(4 - backward.length + 1);
        }
        expect(backward).toEqual(forward);
        expect(page.nextCursor).not.toBeNull();

        // Last page: the same short page as Next reached (pages line up from either end), and back from it.
        let last = await listServiceTokens(view({ sort, order, perPage: 4, cursor: LAST_PAGE_CURSOR }), options);
        expect(last.items.map((t) => t.publicId)).toEqual(forward[3]);
        expect([last.page, last.pageCount, last.nextCursor]).toEqual([4, 4, null]);
        for (const n of [3, 2, 1]) {
          last = await listServiceTokens(view({ sort, order, perPage: 4, cursor: last.prevCursor! }), options);
          expect(last.items.map((t) => t.publicId)).toEqual(forward[n - 1]);
          expect(last.page).toBe(n);
        }
        expect(last.prevCursor).toBeNull();
      });
    }
  }

  // "svc" is in every Issued To and long enough for the search index (SQLite's FTS5 trigram table, read
  // first, then ordered and paged in code; PostgreSQL's trigram indexes): the same order and pages.
  for (const sort of PAGE_SORTS) {
    for (const order of ["asc", "desc"] as const) {
      it(`a search pages like the list, sorted by ${sort} ${order}`, async () => {
        const all = expected(sort, order);
        const forward: string[] = [];
        let page = await listServiceTokens(view({ q: "SVC", sort, order, perPage: 5 }), options);
        forward.push(...page.items.map((t) => t.publicId));
        while (page.nextCursor) {
          page = await listServiceTokens(view({ q: "SVC", sort, order, perPage: 5, cursor: page.nextCursor }), options);
          expect(page.total).toBe(14);
          forward.push(...page.items.map((t) => t.publicId));
        }
        expect(forward).toEqual(all);
        page = await listServiceTokens(view({ q: "SVC", sort, order, perPage: 5, cursor: page.prevCursor! }), options);
        expect(page.items.map((t) => t.publicId)).toEqual(all.slice(5, 10));
      });
    }
  }

  it("a search combines with the type and status filters and the revoked toggle", async () => {
    for (const status of ["active", "expiring", "expired", "revoked", "never_used"] as const) {
      for (const type of ["connector", "developer", undefined] as const) {
        const plain = (await ids({ status, type })).sort();
        expect((await ids({ q: "svc", status, type })).sort()).toEqual(plain);
        expect((await ids({ q: "svc1", status, type })).sort()).toEqual(
          plain.filter((id) => seeds.find((s) => s.publicId === id)!.issuedTo === "svc1"),
        );
      }
    }
    expect(await ids({ q: "svc2" }, false)).not.toContain("tok_07AAAAAAAA");
    expect(await ids({ q: "svc2" }, true)).toContain("tok_07AAAAAAAA");
  });

  it("filters by status exactly as tokenStatus decides, by type, and never_used", async () => {
    for (const status of ["active", "expiring", "expired", "revoked"] as const) {
      const want = seeds
        .filter((s) => tokenStatus(s, now) === status)
        .map((s) => s.publicId)
        .sort();
      expect(want.length).toBeGreaterThan(0);
      expect((await ids({ status })).sort()).toEqual(want);
    }
    expect((await ids({ status: "never_used" })).sort()).toEqual(
      seeds
        .filter((s) => s.lastUsedAt === null && !s.revokedAt)
        .map((s) => s.publicId)
        .sort(),
    );
    expect((await ids({ type: "developer", status: "expired" })).sort()).toEqual(
      seeds
        .filter((s) => s.type === "DEVELOPER" && tokenStatus(s, now) === "expired")
        .map((s) => s.publicId)
        .sort(),
    );
    expect(await countExpiringSoon(now)).toBe(seeds.filter((s) => tokenStatus(s, now) === "expiring").length);
  });

  it("hides revoked tokens unless asked for or filtered to", async () => {
    expect(await ids({}, false)).not.toContain("tok_07AAAAAAAA");
    expect(await ids({}, true)).toContain("tok_07AAAAAAAA");
    expect(await ids({ status: "revoked" }, false)).toEqual(["tok_07AAAAAAAA"]);
  });

  it("searches the ID, Issued To, the creator and the token's last characters, ignoring case", async () => {
    expect(await ids({ q: "tok_03" })).toEqual(["tok_03AAAAAAAA"]);
    expect(await ids({ q: "TOK_03aaa" })).toEqual(["tok_03AAAAAAAA"]);
    expect((await ids({ q: "svc2" })).sort()).toEqual(
      seeds
        .filter((s) => s.issuedTo === "svc2")
        .map((s) => s.publicId)
        .sort(),
    );
    expect((await ids({ q: "ALICE" })).length).toBe(7);
    expect(await ids({ q: "12xy" })).toEqual(["tok_12AAAAAAAA"]);
    const page = await listServiceTokens(view({ q: "svc1", perPage: 1 }), options);
    expect(page.total).toBe(3);
    expect(page.nextCursor).not.toBeNull();
  });

  it("pages from the end when the pages are full, and when nothing matches", async () => {
    const last = await listServiceTokens(view({ perPage: 7, cursor: LAST_PAGE_CURSOR }), options);
    expect(last.items.map((t) => t.publicId)).toEqual(expected("created_at", "desc").slice(7));
    expect([last.page, last.pageCount]).toEqual([2, 2]);
    const none = await listServiceTokens(view({ q: "no such token", cursor: LAST_PAGE_CURSOR }), options);
    expect([none.items, none.page, none.pageCount, none.prevCursor, none.nextCursor]).toEqual([[], 1, 1, null, null]);
  });

  it("uses the default order of each column", () => {
    expect(DEFAULT_ORDER).toEqual({
      created_at: "desc",
      expires_at: "asc",
      last_used_at: "desc",
      issued_to: "asc",
      requests_7d: "desc",
    });
  });

  it("returns each token's requests over 7 days as a number", async () => {
    const page = await listServiceTokens(view({ sort: "requests_7d", perPage: 3 }), options);
    expect(page.items.map((t) => t.requests7d)).toEqual([5_000_000_000, 5_000_000_000, 5_000_000_000]);
  });
});

describe("search by client address", () => {
  const addresses: [string, string][] = [
    ["tok_01AAAAAAAA", "10.163.20.165"],
    ["tok_02AAAAAAAA", "10.163.7.1"],
    ["tok_03AAAAAAAA", "10.16.0.9"],
    ["tok_04AAAAAAAA", "2001:db8::7"],
  ];
  beforeAll(async () => {
    for (const [publicId, lastUsedIp] of addresses) await db().serviceToken.update({ where: { publicId }, data: { lastUsedIp } });
    // An address the usage recorded, other than the last one.
    const { id } = await db().serviceToken.findUniqueOrThrow({ where: { publicId: "tok_05AAAAAAAA" }, select: { id: true } });
    await db().tokenClientAddress.create({
      data: { tokenId: id, address: "10.163.99.4", firstSeen: 0n, lastSeen: 1n, requests: 3n },
    });
  });
  afterAll(async () => {
    await db().serviceToken.updateMany({ data: { lastUsedIp: null } });
    await db().tokenClientAddress.deleteMany({});
  });

  it("finds tokens by their last or recent client address, exactly or by its start", async () => {
    expect(await ids({ q: "10.163.20.165" })).toEqual(["tok_01AAAAAAAA"]);
    expect((await ids({ q: "10.163." })).sort()).toEqual(["tok_01AAAAAAAA", "tok_02AAAAAAAA", "tok_05AAAAAAAA"]);
    expect((await ids({ q: "10.16" })).sort()).toEqual(["tok_01AAAAAAAA", "tok_02AAAAAAAA", "tok_03AAAAAAAA", "tok_05AAAAAAAA"]);
    expect(await ids({ q: "10.163.99" })).toEqual(["tok_05AAAAAAAA"]);
    expect(await ids({ q: "2001:DB8:" })).toEqual(["tok_04AAAAAAAA"]);
    expect(await ids({ q: "10.1634" })).toEqual([]);
    expect(await ids({ q: "163.20" })).toEqual([]); // a prefix, not any part
    // With the filters, and the text search still working beside it.
    expect(await ids({ q: "10.163.", type: "connector" })).toEqual(["tok_02AAAAAAAA"]);
    expect(await ids({ q: "10.163.", status: "expired" })).toEqual(["tok_02AAAAAAAA"]);
    expect(await ids({ q: "tok_03" })).toEqual(["tok_03AAAAAAAA"]);
  });
});

describe("the Expires filter", () => {
  it("lists the live tokens expiring within 7, 30 and 90 days, with the other filters", async () => {
    for (const days of [7, 30, 90] as const) {
      const want = seeds
        .filter((s) => !s.revokedAt && s.expiresAt > now && s.expiresAt.getTime() <= now.getTime() + days * DAY_MS)
        .map((s) => s.publicId)
        .sort();
      expect(want.length).toBeGreaterThan(0);
      expect((await ids({ expires: `within_${days}` })).sort()).toEqual(want);
    }
    // The 30-day boundary itself is inside: at(30) expires exactly 30 days on.
    expect(await ids({ expires: "within_30", q: "svc1" })).toEqual(
      seeds
        .filter((s) => s.issuedTo === "svc1" && !s.revokedAt)
        .map((s) => s.publicId)
        .sort()
        .reverse(),
    );
    expect((await ids({ expires: "within_7", type: "developer" })).sort()).toEqual(
      seeds
        .filter(
          (s) => s.type === "DEVELOPER" && !s.revokedAt && [3, 5].includes((s.expiresAt.getTime() - now.getTime()) / DAY_MS),
        )
        .map((s) => s.publicId)
        .sort(),
    );
  });
});

describe("the Last used filter", () => {
  // Live tokens last used before the span, or never used and created before it; revoked and expired never.
  const changes: [string, Partial<Seed>][] = [
    ["tok_01AAAAAAAA", { lastUsedAt: at(-45) }], // used 45 days ago, live
    ["tok_03AAAAAAAA", { createdAt: at(-100) }], // never used, 100 days old, live
    ["tok_04AAAAAAAA", { lastUsedAt: at(-200) }], // used 200 days ago, live
    ["tok_07AAAAAAAA", { lastUsedAt: at(-200) }], // revoked
    ["tok_02AAAAAAAA", { lastUsedAt: at(-200) }], // expired
    ["tok_09AAAAAAAA", { createdAt: at(-20) }], // never used but younger than every span
  ];

  beforeAll(async () => {
    for (const [publicId, data] of changes) await db().serviceToken.update({ where: { publicId }, data });
  });
  afterAll(async () => {
    for (const [publicId] of changes) {
      const { createdAt, lastUsedAt } = seeds.find((s) => s.publicId === publicId)!;
      await db().serviceToken.update({ where: { publicId }, data: { createdAt, lastUsedAt } });
    }
  });

  it("lists the live tokens unused for 30, 90 and 180 days, never-used ones older than the span included", async () => {
    expect((await ids({ lastUsed: "unused_30" })).sort()).toEqual(["tok_01AAAAAAAA", "tok_03AAAAAAAA", "tok_04AAAAAAAA"]);
    expect((await ids({ lastUsed: "unused_90" })).sort()).toEqual(["tok_03AAAAAAAA", "tok_04AAAAAAAA"]);
    expect(await ids({ lastUsed: "unused_180" })).toEqual(["tok_04AAAAAAAA"]);
    // With the other filters and a search.
    expect((await ids({ lastUsed: "unused_30", type: "developer" })).sort()).toEqual(["tok_01AAAAAAAA", "tok_03AAAAAAAA"]);
    expect(await ids({ lastUsed: "unused_30", q: "svc3" })).toEqual(["tok_03AAAAAAAA"]);
    const page = await listServiceTokens(view({ lastUsed: "unused_90", perPage: 1, sort: "last_used_at" }), options);
    expect(page.total).toBe(2);
    expect(page.items.map((t) => t.publicId)).toEqual(["tok_04AAAAAAAA"]);
  });
});

describe("lifecycle in the list", () => {
  it("searches the description too", async () => {
    await db().serviceToken.update({ where: { publicId: "tok_05AAAAAAAA" }, data: { description: "Mail gateway, rack 4" } });
    try {
      expect(await ids({ q: "RACK 4" })).toEqual(["tok_05AAAAAAAA"]);
      expect(await ids({ q: "gateway" })).toEqual(["tok_05AAAAAAAA"]);
    } finally {
      await db().serviceToken.update({ where: { publicId: "tok_05AAAAAAAA" }, data: { description: null } });
    }
  });

  it("finds a token by its new Issued To after an edit, and no longer by the old one", async () => {
    await db().serviceToken.update({ where: { publicId: "tok_06AAAAAAAA" }, data: { issuedTo: "Renamed ledger" } });
    try {
      expect(await ids({ q: "ledger" })).toEqual(["tok_06AAAAAAAA"]);
      expect(await ids({ q: "svc1" })).not.toContain("tok_06AAAAAAAA");
    } finally {
      await db().serviceToken.update({ where: { publicId: "tok_06AAAAAAAA" }, data: { issuedTo: "svc1" } });
    }
    expect(await ids({ q: "ledger" })).toEqual([]);
    expect(await ids({ q: "svc1" })).toContain("tok_06AAAAAAAA");
  });

  it("searches terms too short for the index, and ones with the characters LIKE treats specially", async () => {
    expect((await ids({ q: "xy" })).length).toBe(14); // every hint ends in "xy"
    expect(await ids({ q: "%" })).toEqual([]);
    expect(await ids({ q: "_" })).toContain("tok_03AAAAAAAA"); // the public IDs have one
    expect(await ids({ q: "s_c" })).toEqual([]);
    expect(await ids({ q: '"svc' })).toEqual([]);
  });

  it("filters the live tokens that live longer than the policy allows", async () => {
    const policy = { ...DEFAULT_TOKEN_POLICY, connectorMaxDays: 40 };
    const over = seeds
      .filter((s) => s.type === "CONNECTOR" && !s.revokedAt && s.expiresAt > now)
      .filter((s) => s.expiresAt.getTime() - s.createdAt.getTime() > 41 * DAY_MS)
      .map((s) => s.publicId)
      .sort();
    expect(over.length).toBeGreaterThan(0); // the seeds do include some
    // The query twin agrees with the rule itself.
    expect(
      seeds
        .filter((s) => !s.revokedAt && s.expiresAt > now && exceedsPolicy({ ...s, type: tokenTypeOf(s.type)! }, policy))
        .map((s) => s.publicId)
        .sort(),
    ).toEqual(over);
    expect(
      (await listServiceTokens(view({ overPolicy: true }), { ...options, policy })).items.map((t) => t.publicId).sort(),
    ).toEqual(over);
    // Combined with the other filters, and nothing under the default policy.
    expect((await listServiceTokens(view({ overPolicy: true, type: "developer" }), { ...options, policy })).total).toBe(0);
    expect((await listServiceTokens(view({ overPolicy: true }), { ...options, policy: DEFAULT_TOKEN_POLICY })).total).toBe(0);
    // With a search, long or short enough for the index.
    for (const q of ["svc0", "SVC", "0A", "xy"]) {
      const found = await ids({ q });
      expect(
        (await listServiceTokens(view({ overPolicy: true, q }), { ...options, policy })).items.map((t) => t.publicId).sort(),
      ).toEqual(over.filter((id) => found.includes(id)));
    }
  });
});

describe("over the policy, to the millisecond", () => {
  const policy = { ...DEFAULT_TOKEN_POLICY, connectorMaxDays: 40, developerMaxDays: 10 };
  const created = new Date(now.getTime() - 5 * DAY_MS + 123);
  const overIds = async () =>
    (await listServiceTokens(view({ overPolicy: true }), { ...options, policy })).items.map((t) => t.publicId).sort();

  it("flags a token living 1 ms longer than its type's limit, not one living exactly the limit", async () => {
    const rows = [
      { publicId: "tok_LIMITC0000", type: "CONNECTOR", expiresAt: new Date(created.getTime() + 40 * DAY_MS) },
      { publicId: "tok_LIMITC0001", type: "CONNECTOR", expiresAt: new Date(created.getTime() + 40 * DAY_MS + 1) },
      { publicId: "tok_LIMITD0000", type: "DEVELOPER", expiresAt: new Date(created.getTime() + 10 * DAY_MS) },
      { publicId: "tok_LIMITD0001", type: "DEVELOPER", expiresAt: new Date(created.getTime() + 10 * DAY_MS + 1) },
    ];
    for (const [i, row] of rows.entries()) {
      await db().serviceToken.create({
        data: {
          ...row,
          id: newId(),
          tokenHash: `limit${i}`,
          hint: "opc_con_…zzzz",
          issuedTo: "limit",
          createdAt: created,
          createdById: "u",
          createdByName: "u",
        },
      });
    }
    try {
      const flagged = rows
        .filter((r) => exceedsPolicy({ ...r, type: tokenTypeOf(r.type)!, createdAt: created }, policy))
        .map((r) => r.publicId);
      expect(flagged).toEqual(["tok_LIMITC0001", "tok_LIMITD0001"]);
      expect((await overIds()).filter((id) => id.startsWith("tok_LIMIT"))).toEqual(flagged);
      // The condition itself, which the page query takes when too many tokens are over for a list of IDs.
      const byCondition = await db().$queryRaw<{ publicId: string }[]>(
        overPolicyIdsSql(policy, now, getConfig().provider, 1_000),
      );
      expect(
        byCondition
          .map((r) => r.publicId)
          .filter((id) => id.startsWith("tok_LIMIT"))
          .sort(),
      ).toEqual(flagged);
      // Many over it: the count adds up one count per type, the same as the condition's own count.
      const count = async (query: Prisma.Sql) => Number((await db().$queryRaw<{ count: bigint | number }[]>(query))[0]!.count);
      const byType = overPolicyConditions(policy, now, getConfig().provider);
      const limitOnly = Prisma.sql`"issuedTo" = 'limit'`;
      expect(await count(countSql([limitOnly], byType))).toBe(2);
      expect(await count(countSql([], byType))).toBe(await count(countSql([anyOf(byType)])));
      // The stored lifetime follows every write: a rotation shortening the old token's life unflags it.
      await db().serviceToken.update({ where: { publicId: "tok_LIMITC0001" }, data: { expiresAt: rows[0]!.expiresAt } });
      expect((await overIds()).filter((id) => id.startsWith("tok_LIMIT"))).toEqual(["tok_LIMITD0001"]);
    } finally {
      await db().serviceToken.deleteMany({ where: { issuedTo: "limit" } });
    }
  });
});

describe("create and revoke", () => {
  const admin: SessionUser = { id: "list-test-admin", username: "list-test", displayName: "List test", role: "ADMIN" };
  const meta = { ip: null, userAgent: null };

  it("returns views without the hash", async () => {
    const { serviceToken } = await createServiceToken(
      { type: "CONNECTOR", issuedTo: "fresh", expiresAt: new Date(Date.now() + 30 * DAY_MS) },
      admin,
      meta,
    );
    const page = await listServiceTokens(view({ q: "fresh" }), { now: new Date(), includeRevoked: false });
    expect(page.items[0]!.publicId).toBe(serviceToken.publicId);
    expect(JSON.stringify(page)).not.toMatch(/tokenHash|[0-9a-f]{64}/);
    const revoked = await revokeServiceToken(serviceToken.publicId, admin, meta);
    expect(revoked.ok && !revoked.alreadyRevoked).toBe(true);
  });
});
