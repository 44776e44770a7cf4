// The pages' usage queries on the test's database: 30 daily bars from days and not yet rolled-up hours,
// the 48 hourly bars, the addresses newest first, and each token's stored requests over 7 days (the
// list's column), kept by the flush and the periodic refresh.
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/db";
import { testTokens } from "@/modules/service-tokens/testing";
import { busiestTokens, clientAddressesOf, usageOfAllTokens, usageOfToken } from "./queries";
import { UsageRecorder } from "./recorder";
import { DAY_MS, HOUR_MS } from "./shared/outcomes";
import { refreshAllRequestTotals, writeUsageBatch } from "./store";

const tokens = testTokens("usage queries");
afterAll(async () => {
  await db().tokenUsageHour.deleteMany({});
  await db().tokenUsageDay.deleteMany({});
  await db().tokenClientAddress.deleteMany({});
  await tokens.cleanup();
});

describe("usage queries", () => {
  it("adds days and recent hours into 30 daily bars, shows 48 hourly ones, and sums 7 days per token", async () => {
    const [a, b] = [await tokens.make(), await tokens.make()];
    const [idA, idB] = [(await tokens.row(a.publicId)).id, (await tokens.row(b.publicId)).id];
    const now = Date.UTC(2026, 5, 30, 15, 20);
    const today = Math.floor(now / DAY_MS);
    await db().tokenUsageDay.createMany({
      data: [
        { tokenId: idA, day: today - 29, outcome: "ok", requests: 4n, bytesIn: 0n, bytesOut: 0n },
        { tokenId: idA, day: today - 30, outcome: "ok", requests: 100n, bytesIn: 0n, bytesOut: 0n },
        { tokenId: idA, day: today - 3, outcome: "revoked", requests: 2n, bytesIn: 0n, bytesOut: 0n },
        { tokenId: idB, day: today - 6, outcome: "ok", requests: 10n, bytesIn: 0n, bytesOut: 0n },
        { tokenId: idB, day: today - 7, outcome: "ok", requests: 1_000n, bytesIn: 0n, bytesOut: 0n },
      ],
    });
    const recorder = new UsageRecorder((batch) => writeUsageBatch(batch, now));
    recorder.record(idA, "ok", "192.0.2.1", now - 2 * HOUR_MS, 0, 0);
    recorder.record(idA, "ok", "192.0.2.2", now, 0, 0);
    recorder.record(idA, "throttled", "192.0.2.2", now, 0, 0);
    recorder.record(idA, "ok", "192.0.2.1", now - 47 * HOUR_MS, 0, 0);
    await recorder.flush();

    const days = await usageOfToken(a.publicId, "30d", now);
    expect(days?.granularity).toBe("day");
    expect(days?.buckets).toHaveLength(30);
    expect(days?.buckets[0]).toMatchObject({ start: (today - 29) * DAY_MS, total: 4 });
    expect(days?.buckets[26]?.counts.revoked).toBe(2);
    expect(days?.buckets[29]).toMatchObject({ start: today * DAY_MS, total: 3, counts: { ok: 2, throttled: 1 } });
    expect(days?.buckets.reduce((n, x) => n + x.total, 0)).toBe(4 + 2 + 4);

    const hours = await usageOfToken(a.publicId, "48h", now);
    expect(hours?.buckets).toHaveLength(48);
    expect(hours?.buckets.map((x) => x.total).filter((n) => n > 0)).toEqual([1, 1, 2]);
    expect(hours?.buckets[47]?.start).toBe(Math.floor(now / HOUR_MS) * HOUR_MS);
    expect(await usageOfToken("tok_0000000000", "30d", now)).toBeNull();

    const addresses = await clientAddressesOf(a.publicId);
    expect(addresses.map((x) => [x.address, x.requests])).toEqual([
      ["192.0.2.2", 2],
      ["192.0.2.1", 2],
    ]);

    // The flush refreshed the 7-day total of the token it counted (today and the 6 days before).
    expect(await requests7d(a.publicId)).toBe(2 + 4);
  });

  it("moves the 7-day totals on with the window, and corrects a total no usage backs", async () => {
    const [c, d, e] = [await tokens.make(), await tokens.make(), await tokens.make()];
    const [idC, idD] = [(await tokens.row(c.publicId)).id, (await tokens.row(d.publicId)).id];
    const now = Date.UTC(2026, 6, 15, 9, 0);
    const today = Math.floor(now / DAY_MS);
    await db().tokenUsageDay.createMany({
      data: [
        { tokenId: idC, day: today - 6, outcome: "ok", requests: 10n, bytesIn: 0n, bytesOut: 0n },
        { tokenId: idC, day: today - 7, outcome: "ok", requests: 1_000n, bytesIn: 0n, bytesOut: 0n },
      ],
    });
    await db().serviceToken.update({ where: { publicId: e.publicId }, data: { requests7d: 99n } });
    const recorder = new UsageRecorder((batch) => writeUsageBatch(batch, now));
    for (let i = 0; i < 3; i++) recorder.record(idC, "ok", null, now, 0, 0);
    recorder.record(idD, "throttled", null, now - HOUR_MS, 0, 0);
    await recorder.flush();
    expect([await requests7d(c.publicId), await requests7d(d.publicId), await requests7d(e.publicId)]).toEqual([13, 1, 99]);

    await refreshAllRequestTotals(now + DAY_MS);
    expect([await requests7d(c.publicId), await requests7d(d.publicId), await requests7d(e.publicId)]).toEqual([3, 1, 0]);
    await refreshAllRequestTotals(now + 7 * DAY_MS);
    expect([await requests7d(c.publicId), await requests7d(d.publicId)]).toEqual([0, 0]);
  });

  it("keeps 30-day totals for the Overview's busiest tokens and all tokens' requests per day for its chart", async () => {
    const [c, d] = [await tokens.make(), await tokens.make()];
    const [idC, idD] = [(await tokens.row(c.publicId)).id, (await tokens.row(d.publicId)).id];
    const now = Date.UTC(2026, 7, 20, 9, 0);
    const recorder = new UsageRecorder((batch) => writeUsageBatch(batch, now));
    for (let i = 0; i < 4; i++) recorder.record(idC, "ok", null, now - 20 * DAY_MS, 0, 0);
    recorder.record(idC, "ok", null, now, 0, 0);
    recorder.record(idD, "throttled", null, now - 2 * DAY_MS, 0, 0);
    recorder.record(idD, "ok", null, now - 40 * DAY_MS, 0, 0);
    await recorder.flush();
    expect([await requests30d(c.publicId), await requests30d(d.publicId)]).toEqual([5, 1]);
    expect(
      (await busiestTokens(10)).filter((t) => [c.publicId, d.publicId].includes(t.publicId)).map((t) => [t.publicId, t.requests]),
    ).toEqual([
      [c.publicId, 5],
      [d.publicId, 1],
    ]);
    const chart = await usageOfAllTokens(now);
    expect(chart.buckets).toHaveLength(30);
    expect(chart.buckets.at(-1)?.counts.ok).toBeGreaterThanOrEqual(1);
    expect(chart.buckets.at(-3)?.counts.throttled).toBeGreaterThanOrEqual(1);
    expect(chart.buckets.at(-21)?.counts.ok).toBeGreaterThanOrEqual(4);

    // Eleven days on, the requests of 20 days ago have left the window; the day turn moves the totals.
    await refreshAllRequestTotals(now + 11 * DAY_MS);
    expect([await requests30d(c.publicId), await requests30d(d.publicId)]).toEqual([1, 1]);
    await refreshAllRequestTotals(now + 30 * DAY_MS);
    expect([await requests30d(c.publicId), await requests30d(d.publicId)]).toEqual([0, 0]);
  });
});

async function requests30d(publicId: string): Promise<number> {
  const row = await db().serviceToken.findUniqueOrThrow({ where: { publicId }, select: { requests30d: true } });
  return Number(row.requests30d);
}

async function requests7d(publicId: string): Promise<number> {
  const row = await db().serviceToken.findUniqueOrThrow({ where: { publicId }, select: { requests7d: true } });
  return Number(row.requests7d);
}
