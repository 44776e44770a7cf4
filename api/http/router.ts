// Matches a request's method and path against the API's route table. Pure. Static paths are two Map
// lookups returning a match built once (the hot path, GET /api/v1/token, is static and allocates
// nothing here); paths with {params} are tried in order.

export type RouteKey = { method: string; path: string };

export type RouteMatch<R> =
  | { kind: "found"; route: R; params: Readonly<Record<string, string>> }
  | { kind: "not_found" }
  | { kind: "method_not_allowed"; allow: string[] };

type Pattern<R> = { segments: (string | { param: string })[]; byMethod: Map<string, R> };

function compile(path: string): (string | { param: string })[] {
  return path
    .split("/")
    .slice(1)
    .map((segment) => {
      const param = /^\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(segment)?.[1];
      return param ? { param } : segment;
    });
}

/** A static route's parameters: none, shared by every match. */
const NO_PARAMS: Readonly<Record<string, string>> = Object.freeze({});

export class Router<R extends RouteKey> {
  /** Static path → method → its match, built once. */
  private readonly exact = new Map<string, Map<string, RouteMatch<R>>>();
  private readonly patterns: Pattern<R>[] = [];

  constructor(routes: readonly R[]) {
    for (const route of routes) {
      if (!route.path.includes("{")) {
        let byMethod = this.exact.get(route.path);
        if (!byMethod) this.exact.set(route.path, (byMethod = new Map<string, RouteMatch<R>>()));
        if (byMethod.has(route.method)) throw new Error(`duplicate route ${route.method} ${route.path}`);
        byMethod.set(route.method, Object.freeze({ kind: "found", route, params: NO_PARAMS }));
        continue;
      }
      const segments = compile(route.path);
      let pattern = this.patterns.find((p) => samePattern(p.segments, segments));
      if (!pattern) this.patterns.push((pattern = { segments, byMethod: new Map<string, R>() }));
      if (pattern.byMethod.has(route.method)) throw new Error(`duplicate route ${route.method} ${route.path}`);
      pattern.byMethod.set(route.method, route);
    }
  }

  /** `pathname` without the query string, as it came in (percent-encoded). */
  match(method: string, pathname: string): RouteMatch<R> {
    const exact = this.exact.get(pathname);
    if (exact) return exact.get(method) ?? { kind: "method_not_allowed", allow: [...exact.keys()] };
    const segments = pathname.split("/").slice(1);
    for (const pattern of this.patterns) {
      const params = matchSegments(pattern.segments, segments);
      if (params) return pick(pattern.byMethod, method, params);
    }
    return { kind: "not_found" };
  }
}

function pick<R>(byMethod: Map<string, R>, method: string, params: Record<string, string>): RouteMatch<R> {
  const route = byMethod.get(method);
  if (route) return { kind: "found", route, params };
  return { kind: "method_not_allowed", allow: [...byMethod.keys()] };
}

function samePattern(a: Pattern<unknown>["segments"], b: Pattern<unknown>["segments"]): boolean {
  return a.length === b.length && a.every((s, i) => (typeof s === "string" ? s === b[i] : typeof b[i] === "object"));
}

function matchSegments(pattern: Pattern<unknown>["segments"], segments: string[]): Record<string, string> | null {
  if (pattern.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (const [i, expected] of pattern.entries()) {
    const actual = segments[i] ?? "";
    if (typeof expected === "string") {
      if (expected !== actual) return null;
      continue;
    }
    if (actual === "") return null;
    try {
      params[expected.param] = decodeURIComponent(actual);
    } catch {
      return null; // malformed percent-encoding names no resource
    }
  }
  return params;
}
