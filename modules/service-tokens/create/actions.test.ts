// The server actions against a real database, called the way Next calls them, with a real (encrypted)
// session cookie. Only the request plumbing (next/headers, next/cache) is replaced.
import { randomUUID } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { storedText } from "@/lib/testing/stored-text";

vi.mock("next/headers", async () => (await import("@/lib/testing/request-context")).fakeNextHeaders);
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

process.env.AUTH_SECRET ??= "test-secret-for-actions-0123456789abcdef";

const { revalidatePath } = await import("next/cache");
const { actAs, actWithCookie } = await import("@/lib/testing/request-context");
const { db } = await import("@/lib/db/db");
const { createUser } = await import("@/lib/auth/users");
const { createServiceTokenAction } = await import("./actions");
const { revokeServiceTokenAction } = await import("../revoke/actions");
const { hashToken, parseToken, TOKEN_PATTERN } = await import("@/lib/tokens/server");

const suffix = randomUUID().slice(0, 8);
let admin: { id: string; username: string };
let viewer: { id: string; username: string };

beforeAll(async () => {
  admin = await createUser({ username: `admin-${suffix}`, password: "correct horse battery", role: "ADMIN" });
  viewer = await createUser({ username: `viewer-${suffix}`, password: "correct horse battery", role: "VIEWER" });
});

afterEach(() => vi.mocked(revalidatePath).mockClear());

const validInput = (issuedTo: string) => ({ type: "CONNECTOR", issuedTo, expiration: "30", customExpiresAt: null });

async function tokensIssuedTo(issuedTo: string) {
  return db().serviceToken.findMany({ where: { issuedTo } });
}

async function auditEventsFor(targetId: string) {
  return db().auditEvent.findMany({ where: { targetId }, orderBy: { createdAt: "asc" } });
}

/** A redirect thrown by next/navigation, as Next turns it into a response. */
async function expectRedirectToSignIn(call: Promise<unknown>) {
  await expect(call).rejects.toMatchObject({ digest: expect.stringContaining("/sign-in") });
}

describe("createServiceTokenAction", () => {
  it("creates a token for an admin: plaintext returned once, only its hash stored, audited", async () => {
    await actAs(admin.id);
    const issuedTo = `  Mail gateway ${suffix}  `;
    const result = await createServiceTokenAction({ ...validInput(issuedTo), type: "DEVELOPER" });

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { token, publicId } = result.data;
    expect(token).toMatch(TOKEN_PATTERN);
    expect(parseToken(token)).toEqual({ ok: true, type: "DEVELOPER", token });
    expect(result.data.issuedTo).toBe(`Mail gateway ${suffix}`);

    const [row] = await tokensIssuedTo(`Mail gateway ${suffix}`);
    expect(row).toBeDefined();
    expect(row!.publicId).toBe(publicId);
    expect(row!.tokenHash).toBe(hashToken(token));
    expect(row!.hint).toBe(`opc_dev_…${token.slice(-4)}`);
    expect(row!.createdById).toBe(admin.id);
    expect(row!.revokedAt).toBeNull();
    const days = (row!.expiresAt.getTime() - row!.createdAt.getTime()) / 86_400_000;
    expect(days).toBeCloseTo(30, 1);
    expect(JSON.stringify(row, (_key, value: unknown) => (typeof value === "bigint" ? String(value) : value))).not.toContain(
      token,
    );

    const events = await auditEventsFor(publicId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "service_token.create", actorId: admin.id, outcome: "success", ip: "203.0.113.7" });
    expect(storedText(events)).not.toContain(token);
    expect(revalidatePath).toHaveBeenCalledWith("/settings/service-tokens", "layout");
  });

  it("accepts a custom expiration date in the future", async () => {
    await actAs(admin.id);
    const expiresAt = new Date(Date.now() + 10 * 86_400_000);
    const result = await createServiceTokenAction({
      type: "CONNECTOR",
      issuedTo: `custom ${suffix}`,
      expiration: "custom",
      customExpiresAt: expiresAt.toISOString(),
    });
    expect(result.ok).toBe(true);
    const [row] = await tokensIssuedTo(`custom ${suffix}`);
    expect(row!.expiresAt.toISOString()).toBe(expiresAt.toISOString());
  });

  it.each([
    [{ issuedTo: "   " }, "issuedTo", "Enter who this token is issued to."],
    [{ issuedTo: "x".repeat(101) }, "issuedTo", "Issued To must be 100 characters or fewer."],
    [{ type: "ROOT" }, "type", "Choose a token type."],
    [{ expiration: "5" }, "expiration", "Choose an expiration."],
    [
      { expiration: "custom", customExpiresAt: "2001-01-01T00:00:00.000Z" },
      "customExpiresAt",
      "The expiration date must be in the future.",
    ],
  ])("refuses invalid input %j with a message on the field and creates nothing", async (patch, field, message) => {
    await actAs(admin.id);
    const before = await db().serviceToken.count();
    const result = await createServiceTokenAction({ ...validInput(`invalid ${suffix}`), ...patch });
    expect(result).toMatchObject({ ok: false, error: { code: "invalid_input", fieldErrors: { [field]: message } } });
    expect(await db().serviceToken.count()).toBe(before);
    expect(revalidatePath).not.toHaveBeenCalled();
  });

  it("refuses a viewer and creates nothing", async () => {
    await actAs(viewer.id);
    const result = await createServiceTokenAction(validInput(`viewer ${suffix}`));
    expect(result).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await tokensIssuedTo(`viewer ${suffix}`)).toHaveLength(0);
  });

  it("refuses a signed-out caller (redirect to sign-in) and creates nothing", async () => {
    await actAs(null);
    await expectRedirectToSignIn(createServiceTokenAction(validInput(`anonymous ${suffix}`)));
    await actWithCookie("not-a-real-session");
    await expectRedirectToSignIn(createServiceTokenAction(validInput(`anonymous ${suffix}`)));
    expect(await tokensIssuedTo(`anonymous ${suffix}`)).toHaveLength(0);
  });
});

describe("revokeServiceTokenAction", () => {
  async function createToken(issuedTo: string) {
    await actAs(admin.id);
    const result = await createServiceTokenAction(validInput(issuedTo));
    if (!result.ok) throw new Error(result.error.message);
    return result.data.publicId;
  }

  it("revokes for an admin, records who and when, audits once; revoking twice is harmless", async () => {
    const publicId = await createToken(`revoke ${suffix}`);
    const first = await revokeServiceTokenAction({ publicId });
    expect(first).toEqual({ ok: true, data: { publicId, alreadyRevoked: false } });
    const row = await db().serviceToken.findUnique({ where: { publicId } });
    expect(row!.revokedAt).toBeInstanceOf(Date);
    expect(row!.revokedById).toBe(admin.id);
    const revokedAt = row!.revokedAt!.getTime();

    const second = await revokeServiceTokenAction({ publicId });
    expect(second).toEqual({ ok: true, data: { publicId, alreadyRevoked: true } });
    const again = await db().serviceToken.findUnique({ where: { publicId } });
    expect(again!.revokedAt!.getTime()).toBe(revokedAt);

    const revokes = (await auditEventsFor(publicId)).filter((e) => e.action === "service_token.revoke");
    expect(revokes).toHaveLength(1);
    expect(revokes[0]).toMatchObject({ actorId: admin.id, outcome: "success" });
  });

  it("refuses a viewer and a signed-out caller; the token stays active", async () => {
    const publicId = await createToken(`keep ${suffix}`);
    await actAs(viewer.id);
    expect(await revokeServiceTokenAction({ publicId })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    await actAs(null);
    await expectRedirectToSignIn(revokeServiceTokenAction({ publicId }));
    const row = await db().serviceToken.findUnique({ where: { publicId } });
    expect(row!.revokedAt).toBeNull();
  });

  it("rejects malformed and unknown IDs", async () => {
    await actAs(admin.id);
    expect(await revokeServiceTokenAction({ publicId: "'; DROP TABLE service_tokens; --" })).toMatchObject({
      ok: false,
      error: { code: "invalid_input", message: "That is not a service token ID." },
    });
    expect(await revokeServiceTokenAction({ publicId: "tok_0000000000" })).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
  });
});
