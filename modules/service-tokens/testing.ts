// What the data-layer tests of rotate, revoke, the details editor and the policy share: an administrator,
// request meta, tokens created as the console creates them under one Issued To (so a test cleans up only
// its own), and their stored rows and audit events read back.
import type { SessionUser } from "@/lib/auth/users";
import { db } from "@/lib/db/db";
import { DAY_MS, type TokenType } from "@/lib/tokens";
import { createServiceToken } from "./create/create";

export const testAdmin: SessionUser = {
  id: "lifecycle-admin",
  username: "lifecycle-admin",
  displayName: "Lifecycle",
  role: "ADMIN",
};
export const testMeta = { ip: "192.0.2.10", userAgent: "vitest" };

export function testTokens(label: string) {
  const issuedTo = `${label} ${Date.now()}`;
  return {
    issuedTo,
    /** A token that lives `days` from now, created by testAdmin. */
    make: async (
      type: TokenType = "CONNECTOR",
      days = 30,
      extra: { description?: string | null; allowedCidrs?: string | null } = {},
    ) => {
      const { token, serviceToken } = await createServiceToken(
        { type, issuedTo, expiresAt: new Date(Date.now() + days * DAY_MS), ...extra },
        testAdmin,
        testMeta,
      );
      return { token, ...serviceToken };
    },
    row: (publicId: string) => db().serviceToken.findUniqueOrThrow({ where: { publicId } }),
    events: (action: string, targetId?: string) =>
      db().auditEvent.findMany({ where: { action, ...(targetId ? { targetId } : {}) }, orderBy: { createdAt: "asc" } }),
    cleanup: async () => {
      await db().auditEvent.deleteMany({});
      await db().serviceToken.deleteMany({ where: { issuedTo } });
    },
  };
}
