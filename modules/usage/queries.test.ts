// The pages' usage queries on the test's database: 30 daily bars from days and not yet rolled-up hours,
// the 48 hourly bars, the addresses newest first, and requests over 7 days for a page of tokens.
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/db";
import { testTokens } from "@/modules/service-tokens/testing";
import { clientAddressesOf, requestsOverDays, usageOfToken } from "./queries";
import { UsageRecorder } from "./recorder";
import { DAY_MS, HOUR_MS } from "./shared/outcomes";
import { writeUsageBatch } from "./store";

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
    const recorder = new UsageRecorder(writeUsageBatch);
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

    const week = await requestsOverDays([a.publicId, b.publicId, "tok_0000000000"], 7, now);
    expect(week).toEqual(
      new Map([
        [a.publicId, 2 + 4],
        [b.publicId, 10],
      ]),
    );
  });
});
