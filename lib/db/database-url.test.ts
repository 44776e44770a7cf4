import { describe, expect, it } from "vitest";
import { connectionsOf } from "./database-url";

describe("connectionsOf", () => {
  it("splits connection_limit between the API and the pages, never doubling it", () => {
    for (let limit = 2; limit <= 40; limit++) {
      expect(connectionsOf(limit, "api") + connectionsOf(limit, "pages")).toBe(limit);
      expect(connectionsOf(limit, "api")).toBeGreaterThanOrEqual(connectionsOf(limit, "pages"));
    }
    expect([connectionsOf(10, "api"), connectionsOf(10, "pages")]).toEqual([5, 5]);
    expect([connectionsOf(5, "api"), connectionsOf(5, "pages")]).toEqual([3, 2]);
  });

  it("gives each part at least one connection, and a single isolate the whole", () => {
    expect([connectionsOf(1, "api"), connectionsOf(1, "pages")]).toEqual([1, 1]);
    expect(connectionsOf(10, "whole")).toBe(10);
  });
});
