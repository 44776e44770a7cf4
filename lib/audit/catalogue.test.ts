import { describe, expect, it } from "vitest";
import { AUDIT_ACTION_LABELS, AUDIT_ACTIONS, auditActionLabel, isAuditAction } from "./catalogue";
import type { AuditEventInput } from "./record";

describe("the audit catalogue", () => {
  it("labels every action", () => {
    for (const action of AUDIT_ACTIONS) expect(AUDIT_ACTION_LABELS[action]).toMatch(/^[A-Z]/);
  });

  it("shows an action it does not know (written by a newer version) as stored", () => {
    expect(isAuditAction("service_token.create")).toBe(true);
    expect(isAuditAction("toString")).toBe(false);
    expect(auditActionLabel("service_token.create")).toBe("Created a service token");
    expect(auditActionLabel("future.action")).toBe("future.action");
  });
});

// Type facts, checked when tsc compiles this file (npm test's typecheck stage), not by a test at run
// time: an action outside the catalogue, or details that are not the action's, do not compile.
export const typeFacts: AuditEventInput[] = [
  { actorType: "system", outcome: "success", action: "auth.sign_out" },
  // @ts-expect-error -- not in the catalogue
  { actorType: "system", outcome: "success", action: "token.teleport" },
  // @ts-expect-error -- service_token.create carries the token's facts
  { actorType: "system", outcome: "success", action: "service_token.create", details: { size: 1 } },
];
