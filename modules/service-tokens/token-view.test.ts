// A stored row of a type this console does not know (toView, tokenTypeOf) is no token anywhere, on a
// real database (SQLite, or PostgreSQL when DATABASE_URL says so): not listed or counted, no page,
// unknown to Identify, not found by Rotate, Revoke, Revoke selected and the details editor, refused by the
// Bearer API; and nothing about it changes.
import { afterAll, describe, expect, it } from "vitest";
import { authenticateBearer } from "@/api/auth/authenticate";
import { db } from "@/lib/db/db";
import { DAY_MS } from "@/lib/tokens";
import { getServiceToken } from "./detail/detail";
import { updateServiceTokenDetails } from "./detail/update-details";
import { identifyServiceToken } from "./identify/identify";
import { countExpiringSoon, listServiceTokens } from "./list/list";
import { bulkRevokeServiceTokens, revokeServiceToken } from "./revoke/revoke";
import { rotateServiceToken } from "./rotate/rotate";
import { testAdmin as admin, testMeta as meta, testTokens } from "./testing";

const { issuedTo, make, row, cleanup } = testTokens("unknown type");

afterAll(cleanup);

describe("a row of an unknown type", () => {
  it("is not a token anywhere, and stays as it is", async () => {
    // Two tokens expiring soon (so they would count in the notice); one of them then gets a type from elsewhere.
    const stranger = await make("DEVELOPER", 3);
    const known = await make("CONNECTOR", 3);
    const inTwoDays = new Date(Date.now() + 2 * DAY_MS);
    await db().serviceToken.updateMany({
      where: { publicId: { in: [stranger.publicId, known.publicId] } },
      data: { createdAt: new Date(Date.now() - 10 * DAY_MS) },
    });
    await db().serviceToken.update({ where: { publicId: stranger.publicId }, data: { type: "ROBOT" } });
    const before = await row(stranger.publicId);
    const now = new Date();

    const listed = async (q: string, status?: "expiring") =>
      listServiceTokens({ q, status, sort: "created_at", order: "desc", perPage: 50 }, { now, includeRevoked: true });
    for (const page of [await listed(issuedTo), await listed(issuedTo, "expiring"), await listed("")]) {
      expect(page.items.map((t) => t.publicId)).toEqual([known.publicId]);
      expect(page.total).toBe(1);
    }
    expect(await countExpiringSoon(now)).toBe(1);

    expect(await getServiceToken(stranger.publicId)).toBeNull();
    const caller = { actorType: "user" as const, actorId: "unknown-type-test", actorName: "unknown-type-test" };
    expect(await identifyServiceToken(stranger.token, caller, meta)).toMatchObject({
      limited: false,
      result: { kind: "unknown" },
    });
    expect(await revokeServiceToken(stranger.publicId, admin, meta)).toEqual({ ok: false, code: "not_found" });
    expect(
      await bulkRevokeServiceTokens([known.publicId, stranger.publicId], { reason: null, reasonText: null }, admin, meta),
    ).toEqual({ ok: false, code: "not_found", missing: [stranger.publicId] });
    const rotation = { publicId: stranger.publicId, overlapSeconds: 0, expiresAt: inTwoDays };
    expect(await rotateServiceToken(rotation, { kind: "user", user: admin }, meta)).toEqual({ ok: false, code: "not_found" });
    expect(await rotateServiceToken(rotation, { kind: "token", publicId: stranger.publicId, hint: stranger.hint }, meta)).toEqual(
      { ok: false, code: "not_found" },
    );
    expect(await updateServiceTokenDetails(stranger.publicId, { description: "x" }, admin, meta)).toEqual({
      ok: false,
      code: "not_found",
    });
    const bearer = await authenticateBearer(`Bearer ${stranger.token}`, "192.0.2.77", new Date());
    expect(bearer).toMatchObject({ ok: false, failure: { status: 401, code: "unknown" } });

    expect(await row(stranger.publicId)).toEqual(before);
    expect((await row(known.publicId)).revokedAt).toBeNull();
  });
});
