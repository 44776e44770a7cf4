import { afterAll, describe, expect, it } from "vitest";
import { decodeAuditCursor, encodeAuditCursor, listAuditEventPage } from "./query";
import { appendToChain } from "@/lib/audit/chain";
import { recordAuditEvent } from "@/lib/audit/record";
import { db } from "@/lib/db/db";
import { newId } from "@/lib/db/ids";
import { addressPrefixOf } from "@/lib/tokens/ip-addresses";
import { filterParams, parseAuditFilters } from "./shared/filters";

/** An event at a chosen time (only times after the last event's are kept: the chain's never go backwards). */
async function eventAt(createdAt: Date, fields: { action: string; outcome: string; details: string; ip?: string | null }) {
  const row = {
    id: newId(),
    actorType: "system",
    actorId: null,
    actorName: null,
    targetType: null,
    targetId: null,
    ip: null,
    userAgent: null,
    ...fields,
  };
  await db().$transaction((tx) => appendToChain(tx, row, createdAt));
}

const action = `test.audit_page_${Date.now()}`;

afterAll(async () => {
  await db().auditEvent.deleteMany({ where: { action } });
});

describe("listAuditEventPage", () => {
  it("filters by a time range (first: the chain's times never go backwards, so the past is only free at the start)", async () => {
    const tag = `range_${Date.now()}`;
    const day = (d: string) => new Date(`${d}T12:00:00.000Z`);
    // Far in the past, so the chain's times (which never go backwards) keep these days.
    await eventAt(day("2001-01-01"), { action: tag, outcome: "success", details: JSON.stringify({ i: 0 }) });
    await eventAt(day("2001-01-02"), { action: tag, outcome: "success", details: JSON.stringify({ i: 1 }) });
    await eventAt(day("2001-01-03"), { action: tag, outcome: "failure", details: JSON.stringify({ i: 2 }) });
    const page = (q: Record<string, string>) =>
      listAuditEventPage({ limit: 10, action: tag, ...q }).then((r) => r.items.map((e) => e.details!.i));
    expect(await page({ from: "2001-01-02", to: "2001-01-02" })).toEqual([1]);
    expect(await page({ from: "2001-01-02" })).toEqual([2, 1]);
    expect(await page({ to: "2001-01-01" })).toEqual([0]);
    expect(await page({ from: "2001-01-04", to: "2001-01-09" })).toEqual([]);
  });
  it("pages newest first with a cursor that new events do not disturb", async () => {
    const base = Date.now() - 60_000;
    // Two events share a timestamp: the cursor must still neither repeat nor skip one.
    const times = [0, 1_000, 1_000, 2_000, 3_000].map((t) => new Date(base + t));
    for (const [i, createdAt] of times.entries()) {
      await eventAt(createdAt, { action, outcome: i % 2 ? "failure" : "success", details: JSON.stringify({ i }) });
    }
    const seen: number[] = [];
    let cursor;
    for (let page = 0; page < 5; page++) {
      const result = await listAuditEventPage({ limit: 2, cursor, action });
      seen.push(...result.items.map((e) => e.details!.i as number));
      if (page === 0) {
        // A newer event arrives while the client pages.
        // @ts-expect-error -- a made-up action, so the test's events are its own
        await recordAuditEvent({ actorType: "system", action, outcome: "success" });
      }
      if (!result.nextCursor) break;
      cursor = result.nextCursor;
    }
    expect(seen.slice(0, 1)).toEqual([4]);
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4]);
    expect(seen.at(-1)).toBe(0);

    const failures = await listAuditEventPage({ limit: 10, action, outcome: "failure" });
    expect(failures.items.map((e) => e.details!.i).sort()).toEqual([1, 3]);
  });

  it("filters by client address, exactly or by its start, as the page's URL gives it", async () => {
    const tag = `address_${Date.now()}`;
    const ips = ["10.163.20.165", "10.163.7.1", "10.16.0.9", "2001:db8::7", null];
    for (const [i, ip] of ips.entries()) {
      await eventAt(new Date(), { action: tag, outcome: "failure", details: JSON.stringify({ i }), ip });
    }
    const page = (address: string) => {
      const filters = parseAuditFilters({ action: tag, address }, () => true, addressPrefixOf);
      return listAuditEventPage({ limit: 10, ...filters }).then((r) => r.items.map((e) => e.details!.i));
    };
    expect(await page("10.163.20.165")).toEqual([0]);
    expect(await page("10.163.")).toEqual([1, 0]);
    expect(await page("10.16")).toEqual([2, 1, 0]);
    expect(await page(" 2001:DB8: ")).toEqual([3]);
    expect(await page("10.1634")).toEqual([]);
    // Not an address: no filter (the default shown), every event of the action.
    expect(await page("not an address")).toEqual([4, 3, 2, 1, 0]);
    expect(filterParams(parseAuditFilters({ address: "10.163." }, () => true, addressPrefixOf))).toEqual({ address: "10.163." });
  });

  it("round-trips cursors and rejects made-up ones", () => {
    const cursor = { seq: 1234567890123n };
    expect(decodeAuditCursor(encodeAuditCursor(cursor))).toEqual(cursor);
    expect(decodeAuditCursor("nonsense")).toBeNull();
    for (const forged of ["s0", "s-1", "s1e3", "s99999999999999999999", "s12|'; DROP", "2026-01-02T03:04:05.678Z|x"]) {
      expect(decodeAuditCursor(Buffer.from(forged).toString("base64url"))).toBeNull();
    }
  });
});
