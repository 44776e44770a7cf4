// The usage work with a clock the test moves: counts are written when the flush interval passes, and
// what is left is written when the work stops (shutdown), so only a SIGKILL loses counts.
import { afterEach, describe, expect, it, vi } from "vitest";
import { getConfig } from "@/lib/config/config";
import { db } from "@/lib/db/db";
import { ManualClock } from "@/lib/jobs/clock";
import { usageWork } from "./background";
import { recordApiUsage, usageRecorder } from "./recording";

afterEach(async () => {
  await usageRecorder.flush();
  await db().tokenUsageHour.deleteMany({});
  await db().tokenClientAddress.deleteMany({});
});

const requestsOf = async (tokenId: string) =>
  Number((await db().tokenUsageHour.aggregate({ where: { tokenId }, _sum: { requests: true } }))._sum.requests ?? 0);

describe("usage background work", () => {
  it("writes the counts every flush interval and the rest when stopped", async () => {
    const clock = new ManualClock(Date.now());
    const work = usageWork.start({ clock });
    recordApiUsage("tok-bg", "ok", "192.0.2.5", clock.now(), 0, 100);
    await vi.waitFor(() => expect(clock.waiting).toBeGreaterThan(0));
    expect(await requestsOf("tok-bg")).toBe(0);
    await clock.advance(getConfig().usageFlushMs);
    await vi.waitFor(async () => expect(await requestsOf("tok-bg")).toBe(1));
    recordApiUsage("tok-bg", "ok", "192.0.2.5", clock.now(), 0, 100);
    recordApiUsage("tok-bg", "throttled", "192.0.2.5", clock.now(), 0, 100);
    await work.stop();
    expect(await requestsOf("tok-bg")).toBe(3);
    expect(usageRecorder.pending).toBe(0);
  });
});
