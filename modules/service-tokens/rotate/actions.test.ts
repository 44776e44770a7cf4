// The lifecycle server actions against a real database, with a real session cookie (as actions.test.ts).
import { randomUUID } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", async () => (await import("@/lib/testing/request-context")).fakeNextHeaders);
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

process.env.AUTH_SECRET ??= "test-secret-for-actions-0123456789abcdef";

const { revalidatePath } = await import("next/cache");
const { actAs } = await import("@/lib/testing/request-context");
const { db } = await import("@/lib/db/db");
const { createUser } = await import("@/lib/auth/users");
const { createServiceTokenAction } = await import("../create/actions");
const { bulkRevokeServiceTokensAction, revokeServiceTokenAction } = await import("../revoke/actions");
const { getRotateDefaultsAction, rotateServiceTokenAction } = await import("./actions");
const { updateServiceTokenDetailsAction } = await import("../detail/actions");
const { updateTokenPolicyAction } = await import("../policy/actions");
const { DAY_MS, exceedsPolicy, generatePublicId, hashToken, tokenTypeOf } = await import("@/lib/tokens/server");
const { getTokenPolicy } = await import("../policy/policy");

const suffix = randomUUID().slice(0, 8);
let admin: { id: string; username: string };
let viewer: { id: string; username: string };

beforeAll(async () => {
  admin = await createUser({ username: `lc-admin-${suffix}`, password: "correct horse battery", role: "ADMIN" });
  viewer = await createUser({ username: `lc-viewer-${suffix}`, password: "correct horse battery", role: "VIEWER" });
});
afterEach(async () => {
  vi.mocked(revalidatePath).mockClear();
  await db().tokenPolicy.deleteMany({});
});

async function create(extra: Record<string, unknown> = {}) {
  await actAs(admin.id);
  const result = await createServiceTokenAction({
    type: "CONNECTOR",
    issuedTo: `lc ${suffix}`,
    expiration: "30",
    customExpiresAt: null,
    ...extra,
  });
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}
const row = (publicId: string) => db().serviceToken.findUniqueOrThrow({ where: { publicId } });

/** An instant `days` × 24 h (+ `extraMs`) from now, as the form sends a custom date. */
const inDays = (days: number, extraMs = 0) => new Date(Date.now() + days * DAY_MS + extraMs).toISOString();
const limitMessage = (type: "Connector" | "Developer", days: number) =>
  `${type} tokens may live at most ${days} day${days === 1 ? "" : "s"} (Token Policy). Choose an earlier expiration.`;

/** What the token's own dates say about the policy now in force: the one rule, as lists and pages apply it. */
async function overPolicy(publicId: string) {
  const stored = await row(publicId);
  return exceedsPolicy({ ...stored, type: tokenTypeOf(stored.type)! }, await getTokenPolicy());
}

/** Developer at most 1 day, Connector at most 29 days. */
async function tightPolicy() {
  await actAs(admin.id);
  const saved = await updateTokenPolicyAction({ connectorMaxDays: "29", developerMaxDays: "1", defaultExpiration: "7" });
  expect(saved).toMatchObject({ ok: true });
}

describe("create with details and the policy", () => {
  it("stores a normalised description and allowed addresses; an invalid range is a field error and creates nothing", async () => {
    const t = await create({ description: "  rack 4  ", allowedAddresses: "192.0.2.0/24\n2001:DB8::/32" });
    expect(await row(t.publicId)).toMatchObject({ description: "rack 4", allowedCidrs: "192.0.2.0/24\n2001:db8::/32" });
    const before = await db().serviceToken.count();
    const bad = await createServiceTokenAction({
      type: "CONNECTOR",
      issuedTo: `lc ${suffix}`,
      expiration: "30",
      allowedAddresses: "192.0.2.1/24",
    });
    expect(bad).toMatchObject({
      ok: false,
      error: { code: "invalid_input", fieldErrors: { allowedAddresses: expect.stringContaining("did you mean 192.0.2.0/24") } },
    });
    expect(await db().serviceToken.count()).toBe(before);
  });

  it("refuses an expiration beyond the policy with the policy's message at the expiration field", async () => {
    await actAs(admin.id);
    expect(await updateTokenPolicyAction({ connectorMaxDays: 30, developerMaxDays: 30, defaultExpiration: "7" })).toMatchObject({
      ok: true,
      data: { changed: true },
    });
    const result = await createServiceTokenAction({ type: "CONNECTOR", issuedTo: `lc ${suffix}`, expiration: "90" });
    expect(result).toEqual({
      ok: false,
      error: {
        code: "invalid_input",
        message: "Connector tokens may live at most 30 days (Token Policy). Choose an earlier expiration.",
        fieldErrors: { expiration: "Connector tokens may live at most 30 days (Token Policy). Choose an earlier expiration." },
      },
    });
  });
});

describe("the lifetime limit at its boundaries (N days = N × 24 hours)", () => {
  const issued = `lc limit ${suffix}`;

  it("create: exactly N days is accepted, N days + 1 minute refused, for presets and custom dates", async () => {
    await tightPolicy();
    const refused = [
      { type: "CONNECTOR", expiration: "30", message: limitMessage("Connector", 29) },
      { type: "CONNECTOR", expiration: "custom", customExpiresAt: inDays(29, 60_000), message: limitMessage("Connector", 29) },
      { type: "DEVELOPER", expiration: "custom", customExpiresAt: inDays(1, 60_000), message: limitMessage("Developer", 1) },
      // 47 h 50 min: the end of "tomorrow" as a browser sends it.
      { type: "DEVELOPER", expiration: "custom", customExpiresAt: inDays(2, -600_000), message: limitMessage("Developer", 1) },
    ];
    const before = await db().serviceToken.count();
    for (const { message, ...input } of refused) {
      expect(await createServiceTokenAction({ issuedTo: issued, ...input }), JSON.stringify(input)).toMatchObject({
        ok: false,
        error: { code: "invalid_input", message, fieldErrors: { expiration: message } },
      });
    }
    expect(await db().serviceToken.count()).toBe(before);

    for (const input of [
      { type: "CONNECTOR", expiration: "custom", customExpiresAt: inDays(29) },
      { type: "DEVELOPER", expiration: "custom", customExpiresAt: inDays(1) },
    ]) {
      const created = await createServiceTokenAction({ issuedTo: issued, ...input });
      if (!created.ok) throw new Error(`${JSON.stringify(input)}: ${created.error.message}`);
      expect(await overPolicy(created.data.publicId)).toBe(false);
    }
    await actAs(admin.id);
    await updateTokenPolicyAction({ connectorMaxDays: "30", developerMaxDays: "1", defaultExpiration: "7" });
    const preset = await createServiceTokenAction({ type: "CONNECTOR", issuedTo: issued, expiration: "30" });
    if (!preset.ok) throw new Error(preset.error.message);
    const stored = await row(preset.data.publicId);
    expect(stored.expiresAt.getTime() - stored.createdAt.getTime()).toBeLessThanOrEqual(30 * DAY_MS);
    expect(await overPolicy(preset.data.publicId)).toBe(false);
  });

  it("console rotate: exactly N days is accepted, N days + 1 minute refused, for presets and custom dates", async () => {
    await tightPolicy();
    const connector = await create({ issuedTo: issued, expiration: "7" });
    const developer = await create({ issuedTo: issued, type: "DEVELOPER", expiration: "custom", customExpiresAt: inDays(0.5) });
    await actAs(admin.id);
    const refused = [
      [connector, { expiration: "30" }, limitMessage("Connector", 29)],
      [connector, { expiration: "custom", customExpiresAt: inDays(29, 60_000) }, limitMessage("Connector", 29)],
      [developer, { expiration: "custom", customExpiresAt: inDays(1, 60_000) }, limitMessage("Developer", 1)],
      [developer, { expiration: "custom", customExpiresAt: inDays(2, -600_000) }, limitMessage("Developer", 1)],
    ] as const;
    for (const [token, input, message] of refused) {
      expect(
        await rotateServiceTokenAction({ publicId: token.publicId, overlap: "0", ...input }),
        JSON.stringify(input),
      ).toMatchObject({ ok: false, error: { code: "invalid_input", message, fieldErrors: { expiration: message } } });
      expect(await row(token.publicId)).toMatchObject({ replacedByPublicId: null });
    }
    for (const [token, days] of [
      [connector, 29],
      [developer, 1],
    ] as const) {
      const rotated = await rotateServiceTokenAction({
        publicId: token.publicId,
        overlap: "0",
        expiration: "custom",
        customExpiresAt: inDays(days),
      });
      if (!rotated.ok) throw new Error(rotated.error.message);
      expect(await overPolicy(rotated.data.publicId)).toBe(false);
    }
    await updateTokenPolicyAction({ connectorMaxDays: "30", developerMaxDays: "1", defaultExpiration: "7" });
    const again = await create({ issuedTo: issued, expiration: "7" });
    await actAs(admin.id);
    const preset = await rotateServiceTokenAction({ publicId: again.publicId, overlap: "0", expiration: "30" });
    if (!preset.ok) throw new Error(preset.error.message);
    const stored = await row(preset.data.publicId);
    expect(stored.expiresAt.getTime() - stored.createdAt.getTime()).toBe(30 * DAY_MS);
    expect(await overPolicy(preset.data.publicId)).toBe(false);
  });
});

describe("rotateServiceTokenAction", () => {
  it("rotates for an admin: new token once, old one ends after the overlap, both linked", async () => {
    const old = await create();
    const before = Date.now();
    const result = await rotateServiceTokenAction({ publicId: old.publicId, overlap: "3600", expiration: "60" });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.data.replaced.publicId).toBe(old.publicId);
    expect((await row(result.data.publicId)).tokenHash).toBe(hashToken(result.data.token));
    const oldRow = await row(old.publicId);
    expect(oldRow.replacedByPublicId).toBe(result.data.publicId);
    expect(oldRow.expiresAt.getTime()).toBeGreaterThanOrEqual(before + 3_600_000);
    expect(oldRow.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 3_600_000);
    expect(revalidatePath).toHaveBeenCalledWith("/settings/service-tokens", "layout");

    const again = await rotateServiceTokenAction({ publicId: old.publicId, overlap: "0", expiration: "30" });
    expect(again).toMatchObject({
      ok: false,
      error: { message: "This token was already rotated. Rotate its replacement instead." },
    });
    expect((await row(old.publicId)).revokedAt).toBeNull(); // an administrator's retry is not reuse
  });

  it("refuses viewers and bad input, changing nothing", async () => {
    const t = await create();
    await actAs(viewer.id);
    expect(await rotateServiceTokenAction({ publicId: t.publicId, overlap: "0", expiration: "30" })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    await actAs(admin.id);
    expect(await rotateServiceTokenAction({ publicId: t.publicId, overlap: "120", expiration: "30" })).toMatchObject({
      ok: false,
      error: { code: "invalid_input", fieldErrors: { overlap: expect.any(String) } },
    });
    expect((await row(t.publicId)).replacedByPublicId).toBeNull();
    await actAs(null);
    await expect(rotateServiceTokenAction({ publicId: t.publicId, overlap: "0", expiration: "30" })).rejects.toMatchObject({
      digest: expect.stringContaining("/sign-in"),
    });
  });

  it("Notify: the dialog starts with the token's addresses; the new token gets what was sent, or keeps them when nothing was", async () => {
    const t = await create({ notify: "owner@example.com" });
    await actAs(viewer.id);
    expect(await getRotateDefaultsAction({ publicId: t.publicId })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    await actAs(admin.id);
    expect(await getRotateDefaultsAction({ publicId: t.publicId })).toEqual({ ok: true, data: { notify: "owner@example.com" } });

    const bad = await rotateServiceTokenAction({
      publicId: t.publicId,
      overlap: "0",
      expiration: "30",
      notify: "team@example.com\nnope",
    });
    expect(bad).toMatchObject({
      ok: false,
      error: { code: "invalid_input", fieldErrors: { notify: expect.stringContaining('"nope"') } },
    });
    expect((await row(t.publicId)).replacedByPublicId).toBeNull();

    const changed = await rotateServiceTokenAction({
      publicId: t.publicId,
      overlap: "0",
      expiration: "30",
      notify: "Team@example.com, ops@example.com",
    });
    if (!changed.ok) throw new Error(changed.error.message);
    expect((await row(changed.data.publicId)).notifyEmails).toBe("team@example.com\nops@example.com");

    const kept = await rotateServiceTokenAction({ publicId: changed.data.publicId, overlap: "0", expiration: "30" });
    if (!kept.ok) throw new Error(kept.error.message);
    expect((await row(kept.data.publicId)).notifyEmails).toBe("team@example.com\nops@example.com");

    const cleared = await rotateServiceTokenAction({ publicId: kept.data.publicId, overlap: "0", expiration: "30", notify: "" });
    if (!cleared.ok) throw new Error(cleared.error.message);
    expect((await row(cleared.data.publicId)).notifyEmails).toBeNull();
  });
});

describe("revoke with a reason and bulk revoke", () => {
  it("revokeServiceTokenAction stores the reason; Other needs its text", async () => {
    const t = await create();
    await actAs(admin.id);
    expect(await revokeServiceTokenAction({ publicId: t.publicId, reason: "OTHER", reasonText: "" })).toMatchObject({
      ok: false,
      error: { fieldErrors: { reasonText: "Say briefly why, for Other." } },
    });
    expect((await row(t.publicId)).revokedAt).toBeNull();
    expect(await revokeServiceTokenAction({ publicId: t.publicId, reason: "COMPROMISED" })).toMatchObject({ ok: true });
    expect(await row(t.publicId)).toMatchObject({ revokeReason: "COMPROMISED", revokeReasonText: null });
  });

  it("bulkRevokeServiceTokensAction revokes all or nothing, and only for admins", async () => {
    const ts = [await create(), await create()];
    const ids = ts.map((t) => t.publicId);
    await actAs(viewer.id);
    expect(await bulkRevokeServiceTokensAction({ publicIds: ids, reason: "NO_LONGER_NEEDED" })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    await actAs(admin.id);
    const gone = generatePublicId();
    expect(await bulkRevokeServiceTokensAction({ publicIds: [...ids, gone], reason: "NO_LONGER_NEEDED" })).toMatchObject({
      ok: false,
      error: { code: "not_found", message: `Nothing was revoked: ${gone} no longer exists. Reload the list.` },
    });
    for (const id of ids) expect((await row(id)).revokedAt).toBeNull();
    expect(await bulkRevokeServiceTokensAction({ publicIds: [], reason: null })).toMatchObject({
      ok: false,
      error: { message: "Select the tokens to revoke." },
    });
    const many = Array.from({ length: 501 }, () => generatePublicId());
    expect(await bulkRevokeServiceTokensAction({ publicIds: many })).toMatchObject({
      ok: false,
      error: { message: "Revoke at most 500 tokens at once." },
    });
    const done = await bulkRevokeServiceTokensAction({ publicIds: ids, reason: "NO_LONGER_NEEDED" });
    expect(done).toMatchObject({ ok: true, data: { revoked: ids, alreadyRevoked: [] } });
    for (const id of ids) expect(await row(id)).toMatchObject({ revokeReason: "NO_LONGER_NEEDED" });
  });
});

describe("updateServiceTokenDetailsAction and updateTokenPolicyAction", () => {
  it("edits description and allowed addresses (audited); invalid ranges are field errors; viewers are refused", async () => {
    const t = await create();
    await actAs(admin.id);
    expect(
      await updateServiceTokenDetailsAction({ publicId: t.publicId, description: "edge", allowedAddresses: "10.0.0.0/8" }),
    ).toMatchObject({ ok: true, data: { changed: true, allowedCidrs: "10.0.0.0/8" } });
    expect(await db().auditEvent.count({ where: { action: "service_token.update", targetId: t.publicId } })).toBe(1);
    expect(
      await updateServiceTokenDetailsAction({ publicId: t.publicId, description: "edge", allowedAddresses: "10.0.0.0/33" }),
    ).toMatchObject({ ok: false, error: { fieldErrors: { allowedAddresses: expect.stringContaining("0 to 32") } } });
    await actAs(viewer.id);
    expect(await updateServiceTokenDetailsAction({ publicId: t.publicId, description: "x", allowedAddresses: "" })).toMatchObject(
      { ok: false, error: { code: "forbidden" } },
    );
    expect(await row(t.publicId)).toMatchObject({ description: "edge", allowedCidrs: "10.0.0.0/8" });
  });

  it("edits only the fields sent: a description alone keeps the allowed addresses, and the other way round", async () => {
    const t = await create({ description: "first", allowedAddresses: "192.0.2.0/24" });
    await actAs(admin.id);
    expect(await updateServiceTokenDetailsAction({ publicId: t.publicId, description: "second" })).toMatchObject({
      ok: true,
      data: { changed: true, description: "second", allowedCidrs: "192.0.2.0/24" },
    });
    expect(await row(t.publicId)).toMatchObject({ description: "second", allowedCidrs: "192.0.2.0/24" });
    expect(await updateServiceTokenDetailsAction({ publicId: t.publicId, allowedAddresses: "10.0.0.0/8" })).toMatchObject({
      ok: true,
      data: { changed: true, description: "second", allowedCidrs: "10.0.0.0/8" },
    });
    expect(await updateServiceTokenDetailsAction({ publicId: t.publicId })).toMatchObject({ ok: true, data: { changed: false } });
    const events = await db().auditEvent.findMany({
      where: { action: "service_token.update", targetId: t.publicId },
      orderBy: { createdAt: "asc" },
    });
    expect(events.map((e) => JSON.parse(e.details!) as unknown)).toEqual([
      { changes: { description: { old: "first", new: "second" } } },
      { changes: { allowedAddresses: { old: ["192.0.2.0/24"], new: ["10.0.0.0/8"] } } },
    ]);
    // Clearing stays explicit: empty text or null.
    expect(
      await updateServiceTokenDetailsAction({ publicId: t.publicId, description: null, allowedAddresses: "" }),
    ).toMatchObject({ ok: true, data: { changed: true, description: null, allowedCidrs: null } });
  });

  it('the policy refuses days that are not plainly a number (true, [30], "1e3") with the field\'s message, saving nothing', async () => {
    await actAs(admin.id);
    const connector = "Enter the maximum lifetime of Connector tokens in days.";
    const developer = "Enter the maximum lifetime of Developer tokens in days.";
    for (const days of [true, [30], "1e3", "0x1E", "", " ", null, {}]) {
      expect(
        await updateTokenPolicyAction({ connectorMaxDays: days, developerMaxDays: days, defaultExpiration: "7" }),
        JSON.stringify(days),
      ).toEqual({
        ok: false,
        error: {
          code: "invalid_input",
          message: "Check the highlighted fields.",
          fieldErrors: { connectorMaxDays: connector, developerMaxDays: developer },
        },
      });
    }
    expect(await db().tokenPolicy.count()).toBe(0);
    // Numbers and plain decimal text (what the form sends) still work, with their own messages.
    expect(
      await updateTokenPolicyAction({ connectorMaxDays: "30.5", developerMaxDays: 30, defaultExpiration: "7" }),
    ).toMatchObject({
      ok: false,
      error: { fieldErrors: { connectorMaxDays: "Enter a whole number of days for Connector tokens." } },
    });
    expect(
      await updateTokenPolicyAction({ connectorMaxDays: " 45 ", developerMaxDays: 30, defaultExpiration: "7" }),
    ).toMatchObject({ ok: true, data: { connectorMaxDays: 45, developerMaxDays: 30 } });
  });

  it("the policy: admins only, validated, audited with old and new values", async () => {
    await actAs(viewer.id);
    expect(await updateTokenPolicyAction({ connectorMaxDays: 10, developerMaxDays: 10, defaultExpiration: "7" })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    await actAs(admin.id);
    expect(
      await updateTokenPolicyAction({ connectorMaxDays: "0", developerMaxDays: "10", defaultExpiration: "7" }),
    ).toMatchObject({
      ok: false,
      error: { code: "invalid_input", fieldErrors: { connectorMaxDays: "Connector tokens must be allowed at least 1 day." } },
    });
    expect(await db().tokenPolicy.count()).toBe(0);
    expect(
      await updateTokenPolicyAction({ connectorMaxDays: "90", developerMaxDays: "30", defaultExpiration: "30" }),
    ).toMatchObject({ ok: true });
    const event = await db().auditEvent.findFirstOrThrow({
      where: { action: "token_policy.update", actorId: admin.id },
      orderBy: { createdAt: "desc" },
    });
    expect(JSON.parse(event.details!)).toEqual({
      old: { connectorMaxDays: 1095, developerMaxDays: 1095, defaultExpiration: "30", revokeUnusedDays: null },
      new: { connectorMaxDays: 90, developerMaxDays: 30, defaultExpiration: "30", revokeUnusedDays: null },
    });
  });
});
