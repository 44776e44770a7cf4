// The list's page query against the rules it is the twin of, on a real database (SQLite, or PostgreSQL
// when DATABASE_URL says so): the Status filter against tokenStatus at every boundary, and whatever
// parameters the page or the API are sent, once read by readListParams, against the query.
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { hostileListParams, publicIdArbitrary } from "@/lib/testing/hostile-list-params";
import {
  DAY_MS,
  EXPIRING_SOON_DAYS,
  LIST_STATUSES,
  hasListStatus,
  readListParams,
  type ListView,
  type TokenType,
} from "@/lib/tokens";
import { db } from "@/lib/db/db";
import { newId } from "@/lib/db/ids";
import { countExpiringSoon, listServiceTokens } from "./list";

const now = new Date("2030-06-01T12:00:00.000Z");
const at = (ms: number) => new Date(now.getTime() + ms);

afterEach(async () => {
  await db().serviceToken.deleteMany({});
});

type Seed = {
  publicId: string;
  type: TokenType;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  issuedTo: string;
};

async function insert(seeds: readonly Seed[]): Promise<void> {
  await db().serviceToken.createMany({
    data: seeds.map((s, i) => ({
      ...s,
      id: newId(),
      tokenHash: `hash ${s.publicId} ${i}`,
      hint: "opc_con_…ab12",
      createdById: "u",
      createdByName: "tester",
    })),
  });
}

// Each instant a status changes at, and one millisecond either side.
const around = (ms: number) => [ms - 1, ms, ms + 1];
const CREATED = [...around(-DAY_MS), ...around(0), -30 * DAY_MS];
const EXPIRES = [...around(0), ...around(DAY_MS), ...around(EXPIRING_SOON_DAYS * DAY_MS), -DAY_MS, 30 * DAY_MS];

const boundaryToken = fc.record({
  type: fc.constantFrom<TokenType>("CONNECTOR", "DEVELOPER"),
  createdAt: fc.constantFrom(...CREATED).map(at),
  expiresAt: fc.constantFrom(...EXPIRES).map(at),
  revokedAt: fc.constantFrom(null, at(-1), at(-DAY_MS)),
  lastUsedAt: fc.constantFrom(null, at(-1), at(-3_600_000)),
});

describe("the Status filter's query", () => {
  it("lists and counts exactly the tokens tokenStatus puts in each status, at every boundary", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(publicIdArbitrary, { minLength: 12, maxLength: 12 }),
        fc.array(boundaryToken, { minLength: 1, maxLength: 12 }),
        async (ids, tokens) => {
          const seeds = tokens.map((t, i) => ({ ...t, publicId: ids[i]!, issuedTo: `boundary ${i}` }));
          await insert(seeds);
          try {
            for (const status of LIST_STATUSES) {
              const view: ListView = { q: "", status, sort: "created_at", order: "desc", perPage: 100 };
              const page = await listServiceTokens(view, { now, includeRevoked: false });
              const want = seeds.filter((s) => hasListStatus(s, status, now)).map((s) => s.publicId);
              expect(page.items.map((t) => t.publicId).sort(), status).toEqual(want.sort());
              expect(page.total, status).toBe(want.length);
            }
            expect(await countExpiringSoon(now)).toBe(seeds.filter((s) => hasListStatus(s, "expiring", now)).length);
          } finally {
            await db().serviceToken.deleteMany({});
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe("the page query with whatever parameters arrive", () => {
  it("answers every view the page or the API reads from generated hostile parameters", async () => {
    const names = ["svc alpha", "svc_beta", "100% gamma", 'quote " delta', "svc alpha"];
    await insert(
      names.map((issuedTo, i) => ({
        publicId: `tok_${String(i).padStart(2, "0")}AAAAAAAA`,
        type: i % 2 ? "DEVELOPER" : "CONNECTOR",
        createdAt: at(-(i + 2) * DAY_MS),
        expiresAt: at((i - 1) * 3 * DAY_MS),
        revokedAt: i === 3 ? at(-DAY_MS) : null,
        lastUsedAt: i % 2 ? null : at(-i * 3_600_000),
        issuedTo,
      })),
    );
    await fc.assert(
      fc.asyncProperty(hostileListParams, async (raw) => {
        for (const surface of ["page", "api"] as const) {
          const { view, errors } = readListParams(raw, surface);
          if (surface === "api" && errors.length > 0) continue; // refused with 400 before any query
          const page = await listServiceTokens(view, { now, includeRevoked: surface === "api" || Boolean(view.showRevoked) });
          expect(page.items.length).toBeLessThanOrEqual(view.perPage);
          expect(page.total).toBeGreaterThanOrEqual(page.items.length);
        }
      }),
      { numRuns: 150 },
    );
  });
});
