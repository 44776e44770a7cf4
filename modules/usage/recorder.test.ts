// Usage recording against the test's database: two instances counting the same tokens at once add up
// exactly, a failed write loses nothing, hours roll up into days, and retention and the address cap hold.
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/db";
import { HOUR_MS, DAY_MS, USAGE_OUTCOMES } from "./shared/outcomes";
import { UsageRecorder, type UsageBatch } from "./recorder";
import { ADDRESSES_KEPT, pruneUsage, rollUpOldestHour, writeUsageBatch } from "./store";

const noFence = async () => undefined;

afterEach(async () => {
  await db().tokenUsageHour.deleteMany({});
  await db().tokenUsageDay.deleteMany({});
  await db().tokenClientAddress.deleteMany({});
});

async function hourTotals() {
  const rows = await db().tokenUsageHour.findMany();
  const totals = new Map<string, { requests: number; bytesIn: number; bytesOut: number }>();
  for (const r of rows)
    totals.set(`${r.tokenId}|${r.hour}|${r.outcome}`, {
      requests: Number(r.requests),
      bytesIn: Number(r.bytesIn),
      bytesOut: Number(r.bytesOut),
    });
  return totals;
}

describe("usage recording", () => {
  it("adds up exactly when two instances count 10,000 requests and flush concurrently", async () => {
    const instances = [new UsageRecorder(writeUsageBatch), new UsageRecorder(writeUsageBatch)];
    const start = Date.UTC(2026, 5, 1, 10, 30);
    const expected = new Map<string, { requests: number; bytesIn: number; bytesOut: number }>();
    const addresses = new Map<string, number>();
    const flushes: Promise<void>[] = [];
    for (let i = 0; i < 10_000; i++) {
      const tokenId = `tok-${i % 37}`;
      const outcome = USAGE_OUTCOMES[i % 5]!;
      // Spans three hours, so rows of several hours are written at once.
      const at = start + (i % 3) * HOUR_MS + i;
      const ip = `10.0.${i % 7}.${i % 11}`;
      instances[i % 2]!.record(tokenId, outcome, ip, at, i % 13, 100 + (i % 17));
      const key = `${tokenId}|${Math.floor(at / HOUR_MS)}|${outcome}`;
      const e = expected.get(key) ?? { requests: 0, bytesIn: 0, bytesOut: 0 };
      e.requests++;
      e.bytesIn += i % 13;
      e.bytesOut += 100 + (i % 17);
      expected.set(key, e);
      addresses.set(`${tokenId}|${ip}`, (addresses.get(`${tokenId}|${ip}`) ?? 0) + 1);
      // Both instances write while counting goes on, several times, onto the same rows.
      if (i % 1_000 === 999) flushes.push(instances[0]!.flush(), instances[1]!.flush());
    }
    await Promise.all(flushes);
    await Promise.all(instances.map((r) => r.flush()));
    expect(instances.map((r) => r.pending)).toEqual([0, 0]);
    expect(await hourTotals()).toEqual(expected);
    const stored = await db().tokenClientAddress.findMany();
    expect(new Map(stored.map((a) => [`${a.tokenId}|${a.address}`, Number(a.requests)]))).toEqual(addresses);
    const sum = stored.reduce((n, a) => n + Number(a.requests), 0);
    expect(sum).toBe(10_000);
  });

  it("keeps the counts of a batch that could not be written and writes them with the next one", async () => {
    let fail = true;
    const written: UsageBatch[] = [];
    const recorder = new UsageRecorder(async (batch) => {
      if (fail) throw new Error("database away");
      written.push(batch);
      await writeUsageBatch(batch);
    });
    const at = Date.UTC(2026, 5, 1, 10);
    recorder.record("tok-a", "ok", "192.0.2.1", at, 5, 10);
    await expect(recorder.flush()).rejects.toThrow("database away");
    recorder.record("tok-a", "ok", "192.0.2.1", at + 1_000, 1, 2);
    fail = false;
    await recorder.flush();
    expect(written).toHaveLength(1);
    const row = await db().tokenUsageHour.findFirstOrThrow({ where: { tokenId: "tok-a" } });
    expect([row.requests, row.bytesIn, row.bytesOut]).toEqual([2n, 6n, 12n]);
    const address = await db().tokenClientAddress.findFirstOrThrow({ where: { tokenId: "tok-a" } });
    expect([address.firstSeen, address.lastSeen, address.requests]).toEqual([BigInt(at), BigInt(at + 1_000), 2n]);
  });

  it("rolls hours older than 48 hours into their days, one hour per step, and keeps the rest hourly", async () => {
    const now = Date.UTC(2026, 5, 10, 12, 5);
    const nowHour = Math.floor(now / HOUR_MS);
    const recorder = new UsageRecorder(writeUsageBatch);
    // Two hours of one day long past, one of the day before, one just past the 48 h, and one recent.
    for (const back of [100, 101, 130, 49, 3]) {
      recorder.record("tok-r", "ok", null, (nowHour - back) * HOUR_MS, 1, 10);
      recorder.record("tok-r", "ok", null, (nowHour - back) * HOUR_MS + 5, 1, 10);
      recorder.record("tok-r", "expired", null, (nowHour - back) * HOUR_MS, 0, 50);
    }
    await recorder.flush();
    let steps = 0;
    while (await rollUpOldestHour(now, noFence)) steps++;
    expect(steps).toBe(4);
    const hours = await db().tokenUsageHour.findMany({ orderBy: { hour: "asc" } });
    expect([...new Set(hours.map((h) => nowHour - h.hour))]).toEqual([3]);
    const days = await db().tokenUsageDay.findMany({ where: { outcome: "ok" }, orderBy: { day: "asc" } });
    const dayOf = (back: number) => Math.floor((nowHour - back) / 24);
    const expectedDays = new Map<number, number>();
    for (const back of [100, 101, 130, 49]) expectedDays.set(dayOf(back), (expectedDays.get(dayOf(back)) ?? 0) + 2);
    expect(new Map(days.map((d) => [d.day, Number(d.requests)]))).toEqual(expectedDays);
    const expired = await db().tokenUsageDay.aggregate({
      where: { outcome: "expired" },
      _sum: { requests: true, bytesOut: true },
    });
    expect(expired._sum).toEqual({ requests: 4n, bytesOut: 200n });
  });

  it("deletes days past the retention and keeps the 100 most recently seen addresses per token", async () => {
    const now = Date.UTC(2026, 5, 10, 12);
    const today = Math.floor(now / DAY_MS);
    await db().tokenUsageDay.createMany({
      data: [today - 400, today - 399, today].map((day) => ({
        tokenId: "tok-p",
        day,
        outcome: "ok",
        requests: 1n,
        bytesIn: 0n,
        bytesOut: 0n,
      })),
    });
    const recorder = new UsageRecorder(writeUsageBatch);
    for (let i = 0; i < ADDRESSES_KEPT + 20; i++)
      recorder.record("tok-many", "ok", `198.51.100.${i}`, now - 1_000_000 + i * 1_000, 0, 0);
    for (let i = 0; i < 5; i++) recorder.record("tok-few", "ok", `203.0.113.${i}`, now - i, 0, 0);
    // Seen last a year and more ago: past the retention.
    recorder.record("tok-few", "ok", "203.0.113.200", now - 401 * DAY_MS, 0, 0);
    await recorder.flush();
    await pruneUsage(now, 400, noFence);
    const days = await db().tokenUsageDay.findMany({ orderBy: { day: "asc" } });
    expect(days.map((d) => today - d.day)).toEqual([399, 0]);
    const many = await db().tokenClientAddress.findMany({ where: { tokenId: "tok-many" } });
    expect(many).toHaveLength(ADDRESSES_KEPT);
    // The 20 seen first are the ones gone.
    expect(Math.min(...many.map((a) => Number(a.lastSeen)))).toBe(now - 1_000_000 + 20 * 1_000);
    expect(await db().tokenClientAddress.count({ where: { tokenId: "tok-few" } })).toBe(5);
  });
});

describe("UsageRecorder's batch", () => {
  it("holds exactly what was counted, however requests of tokens, hours, outcomes and addresses interleave", async () => {
    const { default: fc } = await import("fast-check");
    const request = fc.record({
      token: fc.constantFrom("t1", "t2", "t3"),
      outcome: fc.constantFrom(...USAGE_OUTCOMES),
      ip: fc.constantFrom("10.0.0.1", "10.0.0.2", "2001:db8::1", null),
      hour: fc.integer({ min: 0, max: 3 }),
      minute: fc.integer({ min: 0, max: 59 }),
      bytesIn: fc.nat(5_000),
      bytesOut: fc.nat(5_000),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(request, { maxLength: 200 }), fc.integer({ min: 0, max: 200 }), async (requests, flushAt) => {
        const batches: UsageBatch[] = [];
        const recorder = new UsageRecorder(async (batch) => {
          batches.push(batch);
        });
        const expectedHours = new Map<string, [number, number, number]>();
        const expectedAddresses = new Map<string, [number, number, number]>();
        for (const [i, r] of requests.entries()) {
          if (i === flushAt) await recorder.flush();
          const at = 1_700_000_000_000 - (1_700_000_000_000 % HOUR_MS) + r.hour * HOUR_MS + r.minute * 60_000;
          recorder.record(r.token, r.outcome, r.ip, at, r.bytesIn, r.bytesOut);
          const hourKey = `${r.token}|${r.hour}|${r.outcome}`;
          const h = expectedHours.get(hourKey) ?? [0, 0, 0];
          expectedHours.set(hourKey, [h[0] + 1, h[1] + r.bytesIn, h[2] + r.bytesOut]);
          if (r.ip !== null) {
            const key = `${r.token}|${r.ip}`;
            const a = expectedAddresses.get(key);
            expectedAddresses.set(key, a ? [a[0] + 1, Math.min(a[1], at), Math.max(a[2], at)] : [1, at, at]);
          }
        }
        await recorder.flush();
        const hours = new Map<string, [number, number, number]>();
        const addresses = new Map<string, [number, number, number]>();
        const base = 1_700_000_000_000 - (1_700_000_000_000 % HOUR_MS);
        for (const batch of batches) {
          for (const c of batch.hours) {
            const key = `${c.tokenId}|${(c.hour * HOUR_MS - base) / HOUR_MS}|${c.outcome}`;
            const h = hours.get(key) ?? [0, 0, 0];
            hours.set(key, [h[0] + c.requests, h[1] + c.bytesIn, h[2] + c.bytesOut]);
          }
          for (const a of batch.addresses) {
            const key = `${a.tokenId}|${a.address}`;
            const seen = addresses.get(key);
            addresses.set(
              key,
              seen
                ? [seen[0] + a.requests, Math.min(seen[1], a.firstSeen), Math.max(seen[2], a.lastSeen)]
                : [a.requests, a.firstSeen, a.lastSeen],
            );
          }
        }
        expect(hours).toEqual(expectedHours);
        expect(addresses).toEqual(expectedAddresses);
        expect(recorder.pending).toBe(0);
      }),
      { numRuns: 300 },
    );
  });
});
