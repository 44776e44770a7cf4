import { describe, expect, it, vi } from "vitest";
import { DAY_MS, generateToken } from "@/lib/tokens/server";
import { db } from "@/lib/db/db";
import { IDENTIFY_LIMIT_PER_MINUTE, identifyServiceToken } from "./identify";
import { createServiceToken } from "../create/create";
import { revokeServiceToken } from "../revoke/revoke";
import type { SessionUser } from "@/lib/auth/users";

const admin: SessionUser = { id: "identify-admin", username: "identify-admin", displayName: "Identify", role: "ADMIN" };
const meta = { ip: "192.0.2.1", userAgent: "vitest" };

describe("identifyServiceToken", () => {
  it("tells malformed, unknown and known (with status) apart, and audits by hint only", async () => {
    const caller = { actorType: "user" as const, actorId: "identify-user-1", actorName: "identify-user-1" };
    const { token, serviceToken } = await createServiceToken(
      { type: "DEVELOPER", issuedTo: "identify test", expiresAt: new Date(Date.now() + 30 * DAY_MS) },
      admin,
      meta,
    );
    const stranger = generateToken("CONNECTOR").token;

    // The last character changed (to "x", or "y" when it already is one): the checksum no longer matches.
    const changed = `${token.slice(0, -1)}${token.endsWith("x") ? "y" : "x"}`;
    const malformed = await identifyServiceToken(changed, caller, meta);
    expect(malformed).toEqual({ limited: false, result: { kind: "malformed", reason: "bad_checksum" } });
    const unknown = await identifyServiceToken(stranger, caller, meta);
    expect(unknown).toMatchObject({ limited: false, result: { kind: "unknown", hint: `opc_con_…${stranger.slice(-4)}` } });
    const known = await identifyServiceToken(`  ${token}\n`, caller, meta);
    expect(known).toMatchObject({
      limited: false,
      result: { kind: "known", status: "active", token: { publicId: serviceToken.publicId } },
    });

    await revokeServiceToken(serviceToken.publicId, admin, meta);
    const revoked = await identifyServiceToken(token, caller, meta);
    expect(revoked).toMatchObject({ result: { kind: "known", status: "revoked" } });

    const events = await db().auditEvent.findMany({ where: { action: "service_token.identify", actorId: caller.actorId } });
    expect(events).toHaveLength(4);
    const all = events.map((e) => `${e.actorName} ${e.targetId} ${e.details}`).join("\n");
    for (const secret of [token, stranger]) expect(all).not.toContain(secret.slice(8, -4));
    expect(all).toContain(`"hint":"opc_con_…${stranger.slice(-4)}"`);
    expect(events.filter((e) => e.targetId === serviceToken.publicId)).toHaveLength(2);
  });

  it(`allows ${IDENTIFY_LIMIT_PER_MINUTE} lookups a minute per caller, then asks to wait`, async () => {
    const caller = { actorType: "user" as const, actorId: "identify-user-2", actorName: "identify-user-2" };
    const start = new Date("2031-01-01T00:00:00Z");
    vi.useFakeTimers({ toFake: ["Date"], now: start });
    try {
      for (let i = 0; i < IDENTIFY_LIMIT_PER_MINUTE; i++) {
        expect((await identifyServiceToken("nope", caller, meta)).limited).toBe(false);
      }
      vi.setSystemTime(start.getTime() + 1000);
      const refused = await identifyServiceToken("nope", caller, meta);
      expect(refused).toEqual({ limited: true, retryAfterSeconds: 59 });
      // Another caller is not affected; the first may try again after the minute.
      expect((await identifyServiceToken("nope", { ...caller, actorId: "other" }, meta)).limited).toBe(false);
      vi.setSystemTime(start.getTime() + 60_001);
      expect((await identifyServiceToken("nope", caller, meta)).limited).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });
});
