import { describe, expect, it } from "vitest";
import { errorLine } from "./error-line";

describe("errorLine", () => {
  it("says the first line of a message, never the rest", () => {
    expect(errorLine(new Error("disk I/O error\nSELECT … WHERE token = 'secret'"))).toBe("disk I/O error");
  });

  it("passes over Prisma's empty first line and its invocation line", () => {
    const prisma = new Error(
      "\nInvalid `prisma.throttleCount.upsert()` invocation:\n\n\nthe database is locked by another connection (waited 3000 ms for its write lock)",
    );
    expect(errorLine(prisma)).toBe("the database is locked by another connection (waited 3000 ms for its write lock)");
  });

  it("says the cause's text when the error has none, and the name when nothing has", () => {
    expect(errorLine(new Error("", { cause: new Error("connect ECONNREFUSED 127.0.0.1:5432") }))).toBe(
      "connect ECONNREFUSED 127.0.0.1:5432",
    );
    expect(errorLine(new TypeError(""))).toBe("TypeError");
    expect(errorLine("plain text")).toBe("plain text");
  });
});
