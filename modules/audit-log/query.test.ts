import { afterAll, describe, expect, it } from "vitest";
import { decodeAuditCursor, encodeAuditCursor, listAuditEventPage } from "./query";
import { appendToChain } from "@/lib/audit/chain";
import { recordAuditEvent } from "@/lib/audit/record";
import { db } from "@/lib/db/db";
import { newId } from "@/lib/db/ids";

/** An event at a chosen time (in the past: the chain's times never go backwards). */
async function eventAt(createdAt: Date, fields: { action: string; outcome: string; details: string }) {
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

  it("round-trips cursors and rejects made-up ones", () => {
    const cursor = { createdAt: new Date("2026-01-02T03:04:05.678Z"), id: "0b1c2d3e-4f50-4617-8899-aabbccddeeff" };
    expect(decodeAuditCursor(encodeAuditCursor(cursor))).toEqual(cursor);
    expect(decodeAuditCursor("nonsense")).toBeNull();
    expect(decodeAuditCursor(Buffer.from("not a date|0b1c2d3e-4f50-4617-8899-aabbccddeeff").toString("base64url"))).toBeNull();
    expect(decodeAuditCursor(Buffer.from("2026-01-02T03:04:05.678Z|'; DROP").toString("base64url"))).toBeNull();
    for (const extreme of [
      "+275760-09-13T00:00:00.000Z",
      "-271821-04-20T00:00:00.000Z",
      "0000-01-01T00:00:00.000Z",
      "1969-12-31T23:59:59.999Z",
    ]) {
      expect(decodeAuditCursor(Buffer.from(`${extreme}|0b1c2d3e-4f50-4617-8899-aabbccddeeff`).toString("base64url"))).toBeNull();
    }
  });
});
