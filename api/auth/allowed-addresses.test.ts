// Allowed addresses inside Bearer authentication, on a real database: the ranges come with the token's
// lookup; IPv6 and IPv4-mapped client addresses (which the e2e client cannot send) are decided here.
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/db";
import { createServiceToken } from "@/modules/service-tokens/create/create";
import type { SessionUser } from "@/lib/auth/users";
import { authenticateBearer } from "./authenticate";

const admin: SessionUser = { id: "cidr-test-admin", username: "cidr-test", displayName: "CIDR test", role: "ADMIN" };

afterAll(async () => {
  await db().auditEvent.deleteMany({});
  await db().serviceToken.deleteMany({ where: { issuedTo: "cidr test" } });
});

async function tokenWith(allowedCidrs: string | null) {
  const { token, serviceToken } = await createServiceToken(
    { type: "CONNECTOR", issuedTo: "cidr test", expiresAt: new Date(Date.now() + 86_400_000), allowedCidrs },
    admin,
    { ip: null, userAgent: null },
  );
  return { token, publicId: serviceToken.publicId };
}

describe("allowed addresses", () => {
  it("a token without ranges works from anywhere (existing tokens are unchanged)", async () => {
    const { token } = await tokenWith(null);
    expect((await authenticateBearer(`Bearer ${token}`, "203.0.113.77", new Date())).ok).toBe(true);
    expect((await authenticateBearer(`Bearer ${token}`, "2001:db8::77", new Date())).ok).toBe(true);
  });

  it("IPv4, IPv6 and IPv4-mapped IPv6 clients inside the ranges pass; others get 403 address_not_allowed, audited", async () => {
    const { token, publicId } = await tokenWith("192.0.2.0/24\n2001:db8:1::/48");
    for (const ip of ["192.0.2.9", "::ffff:192.0.2.10", "2001:db8:1:ffff::1"]) {
      expect((await authenticateBearer(`Bearer ${token}`, ip, new Date())).ok, ip).toBe(true);
    }
    for (const ip of ["192.0.3.9", "::ffff:192.0.3.10", "2001:db8:2::1", null]) {
      const result = await authenticateBearer(`Bearer ${token}`, ip, new Date(), { route: "GET /api/v1/token" });
      expect(result, String(ip)).toMatchObject({ ok: false, failure: { status: 403, code: "address_not_allowed", headers: {} } });
    }
    await expect
      .poll(() => db().auditEvent.count({ where: { action: "api.address_not_allowed", actorId: publicId } }), { timeout: 5_000 })
      .toBe(4);
    const event = await db().auditEvent.findFirstOrThrow({ where: { action: "api.address_not_allowed", ip: "192.0.3.9" } });
    expect(JSON.parse(event.details!)).toEqual({ address: "192.0.3.9", route: "GET /api/v1/token" });
  });
});
