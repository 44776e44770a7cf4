import { describe, expect, it } from "vitest";
import { z } from "zod";
import { buildOpenApiDocument } from "../openapi";
import { API_ROUTES } from "./index";

describe("the route table", () => {
  it("has unique operation IDs and a params schema for exactly the path's {params}", () => {
    expect(new Set(API_ROUTES.map((r) => r.operationId)).size).toBe(API_ROUTES.length);
    for (const route of API_ROUTES) {
      const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      const schemaKeys = route.params ? Object.keys((route.params as z.ZodObject).shape).sort() : [];
      expect(schemaKeys, route.path).toEqual(names);
      expect(route.path.startsWith("/api/v1/"), route.path).toBe(true);
    }
  });

  it("generates an OpenAPI operation for every route, secured unless public", () => {
    const doc = buildOpenApiDocument(API_ROUTES) as {
      paths: Record<string, Record<string, { security: unknown[]; responses: Record<string, unknown> }>>;
    };
    for (const route of API_ROUTES) {
      const operation = doc.paths[route.path]?.[route.method.toLowerCase()];
      expect(operation, `${route.method} ${route.path}`).toBeDefined();
      expect(operation!.security).toEqual(route.scope ? [{ bearerAuth: [] }] : []);
      if (route.scope) expect(Object.keys(operation!.responses)).toEqual(expect.arrayContaining(["401", "429", "500"]));
    }
    expect(JSON.stringify(doc)).not.toContain('"$schema"');
  });
});
