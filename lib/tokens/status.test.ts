import { describe, expect, it } from "vitest";
import { DAY_MS } from "./expiry";
import { EXPIRING_SOON_DAYS, TOKEN_STATUS_LABELS, hasListStatus, tokenStatus } from "./status";

const now = new Date("2025-03-10T12:00:00.000Z");
const plus = (ms: number) => new Date(now.getTime() + ms);

describe("tokenStatus", () => {
  const status = (expiresInMs: number, revokedAt: Date | null = null, createdAt = plus(-30 * DAY_MS)) =>
    tokenStatus({ createdAt, expiresAt: plus(expiresInMs), revokedAt }, now);

  it("is active with more than 7 days left, and at exactly 7 days", () => {
    expect(status(30 * DAY_MS)).toBe("active");
    expect(status(EXPIRING_SOON_DAYS * DAY_MS)).toBe("active");
  });

  it("is expiring with less than 7 days left", () => {
    expect(status(EXPIRING_SOON_DAYS * DAY_MS - 1)).toBe("expiring");
    expect(status(1)).toBe("expiring");
  });

  it("is not expiring in its first day: a new 7-day token is active, and expiring from its second day", () => {
    expect(status(EXPIRING_SOON_DAYS * DAY_MS - 1, null, now)).toBe("active");
    expect(status(EXPIRING_SOON_DAYS * DAY_MS - 1, null, plus(-DAY_MS + 1))).toBe("active");
    expect(status(EXPIRING_SOON_DAYS * DAY_MS - 1, null, plus(-DAY_MS))).toBe("expiring");
  });

  it("is expired exactly at the expiry instant and after", () => {
    expect(status(0)).toBe("expired");
    expect(status(-DAY_MS)).toBe("expired");
  });

  it("is revoked whatever the expiry", () => {
    const revokedAt = plus(-1000);
    expect(status(30 * DAY_MS, revokedAt)).toBe("revoked");
    expect(status(DAY_MS, revokedAt)).toBe("revoked");
    expect(status(-DAY_MS, revokedAt)).toBe("revoked");
  });

  it("has a label for every status", () => {
    expect(TOKEN_STATUS_LABELS).toEqual({
      active: "Active",
      expiring: "Expiring soon",
      expired: "Expired",
      revoked: "Revoked",
    });
  });
});

describe("hasListStatus", () => {
  const token = { createdAt: plus(-30 * DAY_MS), expiresAt: plus(30 * DAY_MS), revokedAt: null, lastUsedAt: null };

  it("keeps a token in the filter of its status", () => {
    expect(hasListStatus(token, "active", now)).toBe(true);
    expect(hasListStatus(token, "expiring", now)).toBe(false);
    expect(hasListStatus({ ...token, revokedAt: plus(-1) }, "revoked", now)).toBe(true);
  });

  it("never used: not revoked and never authenticated, expired or not", () => {
    expect(hasListStatus(token, "never_used", now)).toBe(true);
    expect(hasListStatus({ ...token, expiresAt: plus(-DAY_MS) }, "never_used", now)).toBe(true);
    expect(hasListStatus({ ...token, lastUsedAt: plus(-1) }, "never_used", now)).toBe(false);
    expect(hasListStatus({ ...token, revokedAt: plus(-1) }, "never_used", now)).toBe(false);
  });
});
