import { describe, expect, it } from "vitest";
import { Router } from "./router";

const routes = [
  { method: "GET", path: "/api/v1/token" },
  { method: "POST", path: "/api/v1/files" },
  { method: "GET", path: "/api/v1/files/{id}" },
  { method: "DELETE", path: "/api/v1/files/{id}" },
  { method: "GET", path: "/api/v1/files/{id}/content" },
] as const;
const router = new Router(routes);

describe("Router", () => {
  it("finds static routes", () => {
    expect(router.match("GET", "/api/v1/token")).toEqual({ kind: "found", route: routes[0], params: {} });
    expect(router.match("POST", "/api/v1/files")).toEqual({ kind: "found", route: routes[1], params: {} });
  });

  it("shares one frozen match per static route: nothing to allocate per request, nothing a caller can change", () => {
    const match = router.match("GET", "/api/v1/token");
    expect(router.match("GET", "/api/v1/token")).toBe(match);
    expect(Object.isFrozen(match)).toBe(true);
    expect(match.kind === "found" && Object.isFrozen(match.params)).toBe(true);
  });

  it("binds and decodes path parameters", () => {
    expect(router.match("GET", "/api/v1/files/abc")).toEqual({ kind: "found", route: routes[2], params: { id: "abc" } });
    expect(router.match("GET", "/api/v1/files/a%20b/content")).toEqual({
      kind: "found",
      route: routes[4],
      params: { id: "a b" },
    });
  });

  it("answers 405 with the allowed methods of a known path", () => {
    expect(router.match("DELETE", "/api/v1/token")).toEqual({ kind: "method_not_allowed", allow: ["GET"] });
    expect(router.match("PUT", "/api/v1/files/x")).toEqual({ kind: "method_not_allowed", allow: ["GET", "DELETE"] });
  });

  it.each([
    "/api/v1/nope",
    "/api/v1/token/",
    "/api/v1/files/",
    "/api/v1/files//content",
    "/api/v1/files/x/y/z",
    "/api/v1/files/%E0%A4%A",
    "/API/v1/token",
  ])("does not know %s", (path) => {
    expect(router.match("GET", path)).toEqual({ kind: "not_found" });
  });

  it("refuses a duplicate route", () => {
    expect(() => new Router([...routes, { method: "GET", path: "/api/v1/files/{other}" }])).toThrow(/duplicate/);
  });
});
