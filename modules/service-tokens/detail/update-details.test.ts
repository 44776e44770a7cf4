// Editing a token's description and allowed addresses on a real database (SQLite, or PostgreSQL when
// DATABASE_URL says so).
import { afterAll, describe, expect, it } from "vitest";
import { revokeServiceToken } from "../revoke/revoke";
import { testAdmin as admin, testMeta as meta, testTokens } from "../testing";
import { updateServiceTokenDetails } from "./update-details";

const { make, events, cleanup } = testTokens("details");

afterAll(cleanup);

describe("description and allowed addresses", () => {
  it("are stored at creation, edited with an audit of old and new values, and not editable once revoked", async () => {
    const t = await make("CONNECTOR", 30, { description: "first", allowedCidrs: null });
    expect(t).toMatchObject({ description: "first", allowedCidrs: null });
    const result = await updateServiceTokenDetails(
      t.publicId,
      { description: "second", allowedCidrs: "192.0.2.0/24\n2001:db8::/32" },
      admin,
      meta,
    );
    expect(result).toMatchObject({
      ok: true,
      changed: true,
      serviceToken: { description: "second", allowedCidrs: "192.0.2.0/24\n2001:db8::/32" },
    });
    const audit = await events("service_token.update", t.publicId);
    expect(JSON.parse(audit[0]!.details!)).toEqual({
      changes: {
        description: { old: "first", new: "second" },
        allowedAddresses: { old: [], new: ["192.0.2.0/24", "2001:db8::/32"] },
      },
    });
    expect(await updateServiceTokenDetails(t.publicId, { description: "second" }, admin, meta)).toMatchObject({
      ok: true,
      changed: false,
    });
    expect(await events("service_token.update", t.publicId)).toHaveLength(1);
    await revokeServiceToken(t.publicId, admin, meta);
    expect(await updateServiceTokenDetails(t.publicId, { description: "third" }, admin, meta)).toEqual({
      ok: false,
      code: "revoked",
    });
    expect(await updateServiceTokenDetails("tok_NOSUCHTOK0", { description: "x" }, admin, meta)).toEqual({
      ok: false,
      code: "not_found",
    });
  });
});
