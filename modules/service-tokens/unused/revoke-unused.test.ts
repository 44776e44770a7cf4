// The inactive-token policy on a real database, with time moved by the test: tokens unused for the
// policy's span (or never used and created that long ago) are revoked with reason Unused by the console,
// one audit event each; used, younger, expired and revoked tokens are left alone; off means never.
import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/db";
import { ManualClock } from "@/lib/jobs/clock";
import { DAY_MS, DEFAULT_TOKEN_POLICY, unusedRevocationAt } from "@/lib/tokens";
import { testAdmin, testMeta, testTokens } from "../testing";
import { updateTokenPolicy } from "../policy/policy";
import { revokeServiceToken } from "../revoke/revoke";
import { revokeUnusedTokens, UNUSED_POLICY_ACTOR, unusedTokensWork } from "./revoke-unused";

const tokens = testTokens("Unused policy");
afterEach(async () => {
  await tokens.cleanup();
  await db().tokenPolicy.deleteMany({});
});

const setPolicy = (revokeUnusedDays: number | null) =>
  updateTokenPolicy({ ...DEFAULT_TOKEN_POLICY, revokeUnusedDays }, testAdmin, testMeta);
const usedAt = (publicId: string, at: number) =>
  db().serviceToken.update({ where: { publicId }, data: { lastUsedAt: new Date(at) } });
const revoked = async (publicId: string) => (await tokens.row(publicId)).revokedAt !== null;

describe("the inactive-token policy", () => {
  it("revokes what was unused for the span, as the console, with reason Unused and one audit event each", async () => {
    const start = Date.now();
    const day = (n: number) => new Date(start + n * DAY_MS);
    const usedLongAgo = await tokens.make("CONNECTOR", 365);
    const usedLately = await tokens.make("DEVELOPER", 365);
    const neverUsed = await tokens.make("CONNECTOR", 365);
    const expires = await tokens.make("CONNECTOR", 20);
    const revokedBefore = await tokens.make("CONNECTOR", 365);
    await usedAt(usedLongAgo.publicId, start);
    await usedAt(usedLately.publicId, start + 20 * DAY_MS);
    await revokeServiceToken(revokedBefore.publicId, testAdmin, testMeta);

    // Off: nothing, however long unused.
    expect(await revokeUnusedTokens(day(400))).toBe("idle");
    expect(await revoked(usedLongAgo.publicId)).toBe(false);

    await setPolicy(30);
    // At exactly 30 days nothing is past the limit yet.
    expect(await revokeUnusedTokens(day(30))).toBe("idle");
    expect(await revoked(usedLongAgo.publicId)).toBe(false);
    expect(await revoked(neverUsed.publicId)).toBe(false);

    await revokeUnusedTokens(day(31));
    expect(await tokens.row(usedLongAgo.publicId)).toMatchObject({
      revokeReason: "UNUSED",
      revokedByName: UNUSED_POLICY_ACTOR,
      revokedById: null,
    });
    expect((await tokens.row(usedLongAgo.publicId)).revokedAt?.getTime()).toBe(day(31).getTime());
    expect(await revoked(neverUsed.publicId)).toBe(true);
    expect(await revoked(usedLately.publicId)).toBe(false);
    // Expired before it was unused long enough: it ended by itself, and stays as it was.
    expect(await revoked(expires.publicId)).toBe(false);
    expect((await tokens.row(revokedBefore.publicId)).revokeReason).toBeNull();

    const audit = await tokens.events("service_token.revoke", usedLongAgo.publicId);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorType: "system", actorId: null, actorName: UNUSED_POLICY_ACTOR, outcome: "success" });
    expect(JSON.parse(audit[0]!.details!)).toMatchObject({ reason: "UNUSED", issuedTo: tokens.issuedTo });

    // The rule the list's flag reads says the same day.
    const lately = await tokens.row(usedLately.publicId);
    expect(unusedRevocationAt(lately, { revokeUnusedDays: 30 })?.getTime()).toBe(start + 50 * DAY_MS);
    await revokeUnusedTokens(day(50));
    expect(await revoked(usedLately.publicId)).toBe(false);
    await revokeUnusedTokens(new Date(start + 50 * DAY_MS + 1));
    expect(await revoked(usedLately.publicId)).toBe(true);
  });

  it("runs as background work on the injected clock, checking every hour", async () => {
    const token = await tokens.make("CONNECTOR", 365);
    await setPolicy(30);
    const limit = unusedRevocationAt(await tokens.row(token.publicId), { revokeUnusedDays: 30 })!.getTime();
    // Started two hours before the token reaches its limit.
    const clock = new ManualClock(limit - 2 * 3_600_000);
    const work = unusedTokensWork.start({ clock });
    try {
      await vi.waitFor(() => expect(clock.waiting).toBeGreaterThan(0));
      expect(await revoked(token.publicId)).toBe(false);
      await clock.advance(2 * 3_600_000);
      await vi.waitFor(() => expect(clock.waiting).toBeGreaterThan(0));
      expect(await revoked(token.publicId)).toBe(false);
      // The first check past the limit revokes it.
      await clock.advance(3_600_000);
      await vi.waitFor(async () => expect(await revoked(token.publicId)).toBe(true));
      const at = (await tokens.row(token.publicId)).revokedAt!.getTime();
      expect(at).toBeGreaterThan(limit);
      expect(at).toBeLessThanOrEqual(limit + 3_600_000);
    } finally {
      await work.stop();
    }
  });
});
