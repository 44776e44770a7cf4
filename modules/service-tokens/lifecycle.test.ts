// Token lifecycle on a real database (SQLite, or PostgreSQL when DATABASE_URL says so): rotation chains,
// reuse detection, revoke reasons, bulk revoke atomicity, details edits, and the lifetime policy.
import pg from "pg";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { DAY_MS } from "@/lib/tokens";
import type { SessionUser } from "@/lib/auth/users";
import { getConfig } from "@/lib/config/config";
import { pgPoolConfig } from "@/lib/db/database-url";
import { db } from "@/lib/db/db";
import { BULK_REVOKE_MAX, bulkRevokeServiceTokens, revokeServiceToken } from "./revoke/revoke";
import { updateServiceTokenDetails } from "./detail/update-details";
import { getTokenPolicy, TokenPolicyError, updateTokenPolicy } from "./policy/policy";
import { rotateServiceToken } from "./rotate/rotate";
import { createServiceToken } from "./create/create";

const admin: SessionUser = { id: "lifecycle-admin", username: "lifecycle-admin", displayName: "Lifecycle", role: "ADMIN" };
const meta = { ip: "192.0.2.10", userAgent: "vitest" };
const issuedTo = `lifecycle ${Date.now()}`;
const now = () => new Date();

async function make(
  type: "CONNECTOR" | "DEVELOPER" = "CONNECTOR",
  days = 30,
  extra: { description?: string | null; allowedCidrs?: string | null } = {},
) {
  const { token, serviceToken } = await createServiceToken(
    { type, issuedTo, expiresAt: new Date(Date.now() + days * DAY_MS), ...extra },
    admin,
    meta,
  );
  return { token, ...serviceToken };
}
const row = (publicId: string) => db().serviceToken.findUniqueOrThrow({ where: { publicId } });
const events = (action: string, targetId?: string) =>
  db().auditEvent.findMany({ where: { action, ...(targetId ? { targetId } : {}) }, orderBy: { createdAt: "asc" } });

afterEach(async () => {
  await db().tokenPolicy.deleteMany({});
});
afterAll(async () => {
  await db().auditEvent.deleteMany({});
  await db().serviceToken.deleteMany({ where: { issuedTo } });
});

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

describe("lifetime policy", () => {
  it("defaults to the old 3-year limit; an update is audited with old and new values", async () => {
    expect(await getTokenPolicy()).toMatchObject({
      connectorMaxDays: 1095,
      developerMaxDays: 1095,
      defaultExpiration: "30",
      updatedAt: null,
    });
    const { changed } = await updateTokenPolicy(
      { connectorMaxDays: 90, developerMaxDays: 30, defaultExpiration: "7" },
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
      old: { connectorMaxDays: 1095, developerMaxDays: 1095, defaultExpiration: "30" },
      new: { connectorMaxDays: 90, developerMaxDays: 30, defaultExpiration: "7" },
    });
    const before = (await events("token_policy.update")).length;
    expect(
      (await updateTokenPolicy({ connectorMaxDays: 90, developerMaxDays: 30, defaultExpiration: "7" }, admin, meta)).changed,
    ).toBe(false);
    expect(await events("token_policy.update")).toHaveLength(before);
  });

  it("is enforced on create and on rotate with a clear message, changing nothing", async () => {
    const existing = await make("DEVELOPER", 365);
    await updateTokenPolicy({ connectorMaxDays: 90, developerMaxDays: 30, defaultExpiration: "7" }, admin, meta);
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
