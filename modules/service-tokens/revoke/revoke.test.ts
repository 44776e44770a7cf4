// Revoke and Revoke selected on a real database (SQLite, or PostgreSQL when DATABASE_URL says so): the
// reason, one transaction for a selection, and nothing changed when any part fails.
import { afterAll, describe, expect, it } from "vitest";
import { testAdmin as admin, testMeta as meta, testTokens } from "../testing";
import { BULK_REVOKE_MAX, bulkRevokeServiceTokens, revokeServiceToken } from "./revoke";

const { make, row, events, cleanup } = testTokens("revoke");

afterAll(cleanup);

describe("revoke with a reason, bulk revoke", () => {
  it("stores the reason and its text and audits them", async () => {
    const t = await make();
    await revokeServiceToken(t.publicId, admin, meta, { reason: "OTHER", reasonText: "moved to vault" });
    expect(await row(t.publicId)).toMatchObject({ revokeReason: "OTHER", revokeReasonText: "moved to vault" });
    const audit = await events("service_token.revoke", t.publicId);
    expect(JSON.parse(audit[0]!.details!)).toMatchObject({ reason: "OTHER", reasonText: "moved to vault" });
  });

  it("revokes all listed tokens in one transaction with one audit event each", async () => {
    const tokens = await Promise.all([make(), make("DEVELOPER"), make()]);
    await revokeServiceToken(tokens[2].publicId, admin, meta);
    const ids = tokens.map((t) => t.publicId);
    const result = await bulkRevokeServiceTokens(ids, { reason: "COMPROMISED", reasonText: null }, admin, meta);
    expect(result).toEqual({ ok: true, revoked: ids.slice(0, 2), alreadyRevoked: [ids[2]] });
    for (const id of ids.slice(0, 2)) {
      expect(await row(id)).toMatchObject({ revokeReason: "COMPROMISED", revokedByName: admin.username });
      const audit = await events("service_token.bulk_revoke", id);
      expect(audit).toHaveLength(1);
      expect(JSON.parse(audit[0]!.details!)).toMatchObject({ reason: "COMPROMISED", batchSize: 2 });
    }
    expect(await events("service_token.bulk_revoke", ids[2])).toHaveLength(0);
  });

  it("changes nothing when one ID is unknown, or when more than 500 are asked", async () => {
    const tokens = await Promise.all([make(), make()]);
    const result = await bulkRevokeServiceTokens(
      [...tokens.map((t) => t.publicId), "tok_NOSUCHTOK0"],
      { reason: null, reasonText: null },
      admin,
      meta,
    );
    expect(result).toEqual({ ok: false, code: "not_found", missing: ["tok_NOSUCHTOK0"] });
    for (const t of tokens) expect((await row(t.publicId)).revokedAt).toBeNull();
    const many = Array.from({ length: BULK_REVOKE_MAX + 1 }, (_, i) => `tok_${String(i).padStart(10, "0")}`);
    expect(await bulkRevokeServiceTokens(many, { reason: null, reasonText: null }, admin, meta)).toEqual({
      ok: false,
      code: "too_many",
    });
  });

  it("rolls back every revocation when the transaction fails midway", async () => {
    const tokens = await Promise.all([make(), make()]);
    // The second token's audit insert fails after the UPDATE ran: a user agent whose slice() throws.
    let calls = 0;
    const badMeta = {
      ip: null,
      userAgent: {
        slice: () => {
          if (++calls === 2) throw new Error("boom");
          return "ua";
        },
      } as unknown as string,
    };
    await expect(
      bulkRevokeServiceTokens(
        tokens.map((t) => t.publicId),
        { reason: null, reasonText: null },
        admin,
        badMeta,
      ),
    ).rejects.toThrow("boom");
    for (const t of tokens) expect((await row(t.publicId)).revokedAt).toBeNull();
  });
});
