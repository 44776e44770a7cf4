// The Overview's numbers on the test's database: tiles count what their links show, the busiest tokens
// come from days and recent hours, and the failing addresses from the last 24 hours of failed API
// authentications.
import { afterAll, describe, expect, it } from "vitest";
import { recordAuditEvent } from "@/lib/audit/record";
import { db } from "@/lib/db/db";
import { DAY_MS } from "@/lib/tokens";
import { testTokens } from "@/modules/service-tokens/testing";
import { UsageRecorder } from "@/modules/usage/recorder";
import { writeUsageBatch } from "@/modules/usage/store";
import { readOverview } from "./overview";

const tokens = testTokens("overview");
afterAll(async () => {
  await db().tokenUsageHour.deleteMany({});
  await db().tokenUsageDay.deleteMany({});
  await db().tokenClientAddress.deleteMany({});
  await tokens.cleanup();
});

const failure = (ip: string) =>
  recordAuditEvent({
    actorType: "anonymous",
    action: "api.auth_failed",
    outcome: "failure",
    details: { code: "unknown" },
    meta: { ip, userAgent: null },
  });

describe("the Overview", () => {
  it("counts tiles, ranks the busiest tokens and the addresses failing most", async () => {
    const now = new Date();
    const made = [await tokens.make("CONNECTOR", 200), await tokens.make("DEVELOPER", 20), await tokens.make("CONNECTOR", 200)];
    const rows = await Promise.all(made.map((t) => tokens.row(t.publicId)));
    const [busy, expiring, unused] = rows.map((r) => r.id);
    // Created 100 days ago and never used since: unused for 90 days.
    await db().serviceToken.update({ where: { id: unused! }, data: { createdAt: new Date(now.getTime() - 100 * DAY_MS) } });

    const recorder = new UsageRecorder(writeUsageBatch);
    // Counted 10 and 40 days ago: the 40 days are outside every window the Overview shows.
    for (let i = 0; i < 50; i++) recorder.record(busy!, "ok", null, now.getTime() - 10 * DAY_MS, 0, 0);
    for (let i = 0; i < 1_000; i++) recorder.record(expiring!, "ok", null, now.getTime() - 40 * DAY_MS, 0, 0);
    for (let i = 0; i < 5; i++) recorder.record(expiring!, "ok", "192.0.2.9", now.getTime(), 0, 0);
    recorder.record(busy!, "throttled", "192.0.2.9", now.getTime(), 0, 0);
    await recorder.flush();
    for (const ip of ["198.51.100.7", "198.51.100.7", "198.51.100.7", "198.51.100.8"]) await failure(ip);
    // Older than 24 hours: not counted.
    const old = await failure("198.51.100.9");
    await db().auditEvent.update({ where: { id: old.id }, data: { createdAt: new Date(now.getTime() - 2 * DAY_MS) } });

    const overview = await readOverview(now);
    // "Active" as the list's Status filter says it: live and not within the 7 days of "Expiring soon".
    expect(overview.activeTokens).toBe(3);
    expect(overview.expiringWithin30Days).toBe(1);
    expect(overview.unusedFor90Days).toBe(1);
    expect(overview.failedAuthentications).toBe(4);
    expect(overview.failingAddresses).toEqual([
      { address: "198.51.100.7", failures: 3 },
      { address: "198.51.100.8", failures: 1 },
    ]);
    expect(overview.busiest).toEqual([
      { publicId: made[0]!.publicId, issuedTo: tokens.issuedTo, requests: 51 },
      { publicId: made[1]!.publicId, issuedTo: tokens.issuedTo, requests: 5 },
    ]);
    const last = overview.usage.buckets.at(-1);
    expect(last?.counts).toMatchObject({ ok: 5, throttled: 1 });
    expect(overview.usage.buckets.reduce((n, b) => n + b.total, 0)).toBe(56);
  });
});
