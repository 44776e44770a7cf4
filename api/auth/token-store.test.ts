import { describe, expect, it } from "vitest";
import { sqliteDate } from "./token-store";

describe("sqliteDate", () => {
  it.each([
    ["2026-01-31T12:00:00.000+00:00", "2026-01-31T12:00:00.000Z"],
    ["2026-01-31T12:00:00.000Z", "2026-01-31T12:00:00.000Z"],
    ["2026-01-31T14:00:00.000+02:00", "2026-01-31T12:00:00.000Z"],
    ["2026-01-31 12:00:00", "2026-01-31T12:00:00.000Z"],
    ["2026-01-31 12:00:00.250", "2026-01-31T12:00:00.250Z"],
    [Date.UTC(2026, 0, 31, 12), "2026-01-31T12:00:00.000Z"],
  ])("reads %j as %s", (value, iso) => {
    expect(sqliteDate(value).toISOString()).toBe(iso);
  });
});
