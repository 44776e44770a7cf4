import { describe, expect, it } from "vitest";
import { formatRelativeTime, formatUtcMinute } from "./format-date";

describe("formatRelativeTime", () => {
  const now = new Date("2030-06-01T12:00:00Z");
  const at = (ms: number) => new Date(now.getTime() + ms);
  const H = 3_600_000;
  const D = 24 * H;

  it.each([
    [0, "now"],
    [30_000, "now"],
    [-90_000, "1 minute ago"],
    [5 * 60_000, "in 5 minutes"],
    [-2 * H, "2 hours ago"],
    [-90 * 60_000, "90 minutes ago"],
    [3 * D + H, "in 3 days"],
    [-D - H, "25 hours ago"],
    [-2 * D, "2 days ago"],
    [45 * D, "in 45 days"],
    [90 * D, "in 3 months"],
    [-400 * D, "13 months ago"],
    [-800 * D, "2 years ago"],
  ])("%d ms from now reads %s", (ms, text) => {
    expect(formatRelativeTime(at(ms), now)).toBe(text);
  });

  it("writes the exact time in UTC to the minute", () => {
    expect(formatUtcMinute(new Date("2027-03-04T14:05:59.999Z"))).toBe("2027-03-04 14:05 UTC");
  });
});
