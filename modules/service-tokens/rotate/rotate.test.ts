// Rotation on a real database (SQLite, or PostgreSQL when DATABASE_URL says so): the successor, the
// overlap, the links, chains and reuse detection.
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { DAY_MS } from "@/lib/tokens";
import { getConfig } from "@/lib/config/config";
import { pgPoolConfig } from "@/lib/db/database-url";
import { db } from "@/lib/db/db";
import { revokeServiceToken } from "../revoke/revoke";
import { testAdmin as admin, testMeta as meta, testTokens } from "../testing";
import { rotateServiceToken } from "./rotate";

const { issuedTo, make, row, events, cleanup } = testTokens("rotate");
const now = () => new Date();

afterAll(cleanup);

describe("rotation", () => {
  it("creates a successor of the same type, Issued To and details; ends the old one at the end of the overlap; links both; one audit event", async () => {
    const old = await make("DEVELOPER", 30, { description: "gateway", allowedCidrs: "192.0.2.0/24" });
    const at = now();
    const expiresAt = new Date(at.getTime() + 90 * DAY_MS);
    const result = await rotateServiceToken(
      { publicId: old.publicId, overlapSeconds: 3600, expiresAt },
      { kind: "user", user: admin },
      meta,
      at,
    );
    if (!result.ok) throw new Error(result.code);
    expect(result.token).toMatch(/^opc_dev_/);
    expect(result.serviceToken).toMatchObject({
      type: "DEVELOPER",
      issuedTo,
      description: "gateway",
      allowedCidrs: "192.0.2.0/24",
      replacesPublicId: old.publicId,
      expiresAt,
    });
    expect(result.replaced).toEqual({ publicId: old.publicId, expiresAt: new Date(at.getTime() + 3_600_000) });
    const oldRow = await row(old.publicId);
    expect(oldRow.replacedByPublicId).toBe(result.serviceToken.publicId);
    expect(oldRow.expiresAt).toEqual(new Date(at.getTime() + 3_600_000));
    expect(oldRow.revokedAt).toBeNull();
    const audit = await events("service_token.rotate", old.publicId);
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.details!)).toMatchObject({
      replacedId: old.publicId,
      newId: result.serviceToken.publicId,
      overlapSeconds: 3600,
      by: "console",
    });
    expect(audit[0]!.details).not.toContain(result.token);
  });

  it("never extends the old token's life, and refuses revoked, expired or already rotated tokens without changes", async () => {
    const soon = await make("CONNECTOR", 0.01); // ~14 minutes left
    const r = await rotateServiceToken(
      { publicId: soon.publicId, overlapSeconds: 604_800, expiresAt: new Date(Date.now() + DAY_MS) },
      { kind: "user", user: admin },
      meta,
    );
    expect(r.ok).toBe(true);
    expect((await row(soon.publicId)).expiresAt).toEqual(soon.expiresAt);

    const again = await rotateServiceToken(
      { publicId: soon.publicId, overlapSeconds: 0, expiresAt: new Date(Date.now() + DAY_MS) },
      { kind: "user", user: admin },
      meta,
    );
    expect(again).toMatchObject({ ok: false, code: "already_rotated" });

    const revoked = await make();
    await revokeServiceToken(revoked.publicId, admin, meta);
    expect(
      await rotateServiceToken(
        { publicId: revoked.publicId, overlapSeconds: 0, expiresAt: new Date(Date.now() + DAY_MS) },
        { kind: "user", user: admin },
        meta,
      ),
    ).toEqual({
      ok: false,
      code: "not_active",
      message: "A revoked token cannot be rotated.",
    });
    expect(
      await rotateServiceToken(
        { publicId: "tok_ZZZZZZZZZZ", overlapSeconds: 0, expiresAt: new Date() },
        { kind: "user", user: admin },
        meta,
      ),
    ).toEqual({ ok: false, code: "not_found" });
  });

  it("a chain A → B → C by the tokens themselves; A presented again revokes the whole chain with reason Reuse detected", async () => {
    const a = await make("CONNECTOR");
    const self = (t: { publicId: string; hint: string }) => ({ kind: "token" as const, publicId: t.publicId, hint: t.hint });
    const exp = () => new Date(Date.now() + 30 * DAY_MS);
    const b = await rotateServiceToken({ publicId: a.publicId, overlapSeconds: 86_400, expiresAt: exp() }, self(a), meta);
    if (!b.ok) throw new Error(b.code);
    const c = await rotateServiceToken(
      { publicId: b.serviceToken.publicId, overlapSeconds: 86_400, expiresAt: exp() },
      self(b.serviceToken),
      meta,
    );
    if (!c.ok) throw new Error(c.code);
    expect((await row(c.serviceToken.publicId)).chainId).toBe((await row(a.publicId)).chainId);

    const reuse = await rotateServiceToken({ publicId: a.publicId, overlapSeconds: 0, expiresAt: exp() }, self(a), meta);
    expect(reuse).toEqual({
      ok: false,
      code: "reuse_detected",
      revokedPublicIds: [a.publicId, b.serviceToken.publicId, c.serviceToken.publicId],
    });
    for (const id of [a.publicId, b.serviceToken.publicId, c.serviceToken.publicId]) {
      expect(await row(id)).toMatchObject({ revokeReason: "REUSE_DETECTED", revokedByName: "Reuse detection" });
      expect((await row(id)).revokedAt).not.toBeNull();
    }
    const audit = await events("service_token.reuse_detected", a.publicId);
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.details!)).toEqual({
      presentedId: a.publicId,
      revokedIds: [a.publicId, b.serviceToken.publicId, c.serviceToken.publicId],
    });
    // An unrelated token is untouched.
    const other = await make();
    expect((await row(other.publicId)).revokedAt).toBeNull();
  });

  it("of two concurrent self-rotations only one succeeds; the other is treated as reuse", async () => {
    const a = await make();
    const self = { kind: "token" as const, publicId: a.publicId, hint: a.hint };
    const request = { publicId: a.publicId, overlapSeconds: 60, expiresAt: new Date(Date.now() + DAY_MS) };
    const results = await Promise.all([rotateServiceToken(request, self, meta), rotateServiceToken(request, self, meta)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.code === "reuse_detected")).toHaveLength(1);
    expect(await db().serviceToken.count({ where: { replacesPublicId: a.publicId } })).toBe(1);
  });
});

describe("rotation retried with the same Idempotency-Key", () => {
  // Only PostgreSQL runs two rotations of one token at once (SQLite's transactions take turns, so a retry
  // there always finds the first rotation committed, which the HTTP tests cover). Here the retries are
  // made to reach the token's row while the first rotation holds it, as two instances would.
  it.runIf(getConfig().provider === "postgresql")(
    "retries blocked behind the first rotation's row lock get its new token too, not reuse",
    async () => {
      const a = await make();
      const self = { kind: "token" as const, publicId: a.publicId, hint: a.hint };
      const request = {
        publicId: a.publicId,
        overlapSeconds: 60,
        expiresAt: new Date(Date.now() + DAY_MS),
        idempotency: { key: `lifecycle-${crypto.randomUUID()}`, presentedToken: a.token, expiresInDays: null },
      };
      const holder = new pg.Client(pgPoolConfig(getConfig().databaseUrl));
      await holder.connect();
      try {
        await holder.query("BEGIN");
        await holder.query(`SELECT 1 FROM "service_tokens" WHERE "publicId" = $1 FOR UPDATE`, [a.publicId]);
        const pending = Promise.all([1, 2, 3].map(() => rotateServiceToken(request, self, meta)));
        // All three have read the token as not yet rotated and now wait for its row.
        await expect
          .poll(
            async () =>
              Number(
                // pg_stat_activity is read once per transaction unless its snapshot is cleared.
                (
                  await holder.query<{ n: string }>(
                    `SELECT pg_stat_clear_snapshot(), (SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock') AS n`,
                  )
                ).rows[0]?.n,
              ),
            { timeout: 10_000 },
          )
          .toBe(3);
        await holder.query("COMMIT");
        const results = await pending;
        const tokens = results.map((r) => (r.ok ? { token: r.token, replayed: r.replayed } : r.code));
        expect(tokens.filter((t) => typeof t === "object" && !t.replayed)).toHaveLength(1);
        expect(tokens.filter((t) => typeof t === "object" && t.replayed)).toHaveLength(2);
        expect(new Set(results.map((r) => (r.ok ? r.token : null))).size).toBe(1);
        expect(await db().serviceToken.count({ where: { replacesPublicId: a.publicId } })).toBe(1);
        expect(await events("service_token.reuse_detected", a.publicId)).toHaveLength(0);
      } finally {
        await holder.end();
      }
    },
  );
});
