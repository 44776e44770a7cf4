// The token lifetime policy on a real database (SQLite, or PostgreSQL when DATABASE_URL says so): its
// defaults, its audited updates, and its enforcement on create and rotate.
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { DAY_MS } from "@/lib/tokens";
import { db } from "@/lib/db/db";
import { rotateServiceToken } from "../rotate/rotate";
import { testAdmin as admin, testMeta as meta, testTokens } from "../testing";
import { getTokenPolicy, TokenPolicyError, updateTokenPolicy } from "./policy";

const { make, row, events, cleanup } = testTokens("policy");

afterEach(async () => {
  await db().tokenPolicy.deleteMany({});
});
afterAll(cleanup);

describe("lifetime policy", () => {
  it("defaults to the old 3-year limit; an update is audited with old and new values", async () => {
    expect(await getTokenPolicy()).toMatchObject({
      connectorMaxDays: 1095,
      developerMaxDays: 1095,
      defaultExpiration: "30",
      updatedAt: null,
    });
    const { changed } = await updateTokenPolicy(
      { connectorMaxDays: 90, developerMaxDays: 30, defaultExpiration: "7", revokeUnusedDays: null },
      admin,
      meta,
    );
    expect(changed).toBe(true);
    expect(await getTokenPolicy()).toMatchObject({
      connectorMaxDays: 90,
      developerMaxDays: 30,
      defaultExpiration: "7",
      updatedByName: admin.username,
    });
    const audit = (await events("token_policy.update")).at(-1)!;
    expect(JSON.parse(audit.details!)).toEqual({
      old: { connectorMaxDays: 1095, developerMaxDays: 1095, defaultExpiration: "30", revokeUnusedDays: null },
      new: { connectorMaxDays: 90, developerMaxDays: 30, defaultExpiration: "7", revokeUnusedDays: null },
    });
    const before = (await events("token_policy.update")).length;
    expect(
      (
        await updateTokenPolicy(
          { connectorMaxDays: 90, developerMaxDays: 30, defaultExpiration: "7", revokeUnusedDays: null },
          admin,
          meta,
        )
      ).changed,
    ).toBe(false);
    expect(await events("token_policy.update")).toHaveLength(before);
  });

  it("is enforced on create and on rotate with a clear message, changing nothing", async () => {
    const existing = await make("DEVELOPER", 365);
    await updateTokenPolicy(
      { connectorMaxDays: 90, developerMaxDays: 30, defaultExpiration: "7", revokeUnusedDays: null },
      admin,
      meta,
    );
    const count = await db().serviceToken.count();
    await expect(make("DEVELOPER", 60)).rejects.toThrow(
      new TokenPolicyError("Developer tokens may live at most 30 days (Token Policy). Choose an earlier expiration."),
    );
    expect(await db().serviceToken.count()).toBe(count);
    await expect(make("CONNECTOR", 90)).resolves.toMatchObject({ type: "CONNECTOR" });

    const r = await rotateServiceToken(
      { publicId: existing.publicId, overlapSeconds: 0, expiresAt: new Date(Date.now() + 60 * DAY_MS) },
      { kind: "user", user: admin },
      meta,
    );
    expect(r).toEqual({
      ok: false,
      code: "policy",
      message: "Developer tokens may live at most 30 days (Token Policy). Choose an earlier expiration.",
    });
    expect((await row(existing.publicId)).replacedByPublicId).toBeNull();
    expect((await row(existing.publicId)).expiresAt).toEqual(existing.expiresAt);
  });
});
