// Property-based fuzzing (fast-check) of everything a stranger or a careless client can reach: every
// /api/v1 route, next-auth's sign-in endpoint, and the create/revoke server actions, with generated
// hostile methods, paths, query strings, headers and bodies. Over 1,000 requests, and for each: no 5xx,
// no stack trace or internal text; afterwards the console is alive and nothing was written (no token,
// no file, no revocation). Runs against a console of its own (a trusted proxy, so the client address
// is generated too), so no other spec's writes interfere.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test } from "@playwright/test";
import fc from "fast-check";
import { hostileListParams } from "@/lib/testing/hostile-list-params";
import { readListParams } from "@/lib/tokens";
import { generateToken } from "@/lib/tokens/server";
import { apiClient, freshAddress, seedTokens, type ApiResponse } from "../support/api";
import { INSTANCE_ADMIN, signInOverHttp, startInstance, type Instance } from "../support/instance";

const INTERNAL_TEXT =
  /\bat \S+ \(|\bat (async )?[\w.]+ \(|node_modules|prisma|Invalid URL|TypeError|ReferenceError|SQLITE|ECONN|invocation|stack/i;
const RUNS = { api: 700, signIn: 150, actions: 200, list: 150 };

let instance: Instance;
let adminCookie: string;
let actionIds: { create: string; revoke: string };

test.describe.configure({ mode: "serial" });
test.setTimeout(300_000);

test.beforeAll(async () => {
  instance = await startInstance({ TRUST_PROXY: "1" });
  adminCookie = (await signInOverHttp(instance.url, "admin", INSTANCE_ADMIN.password, "192.0.2.200")).cookie!;
  // The actions' ids in this build, by name (React's server references).
  const manifest = JSON.parse(readFileSync(path.join(".next-e2e", "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName?: string }>;
  };
  const idOf = (name: string) => Object.entries(manifest.node).find(([, v]) => v.exportedName === name)![0];
  actionIds = { create: idOf("createServiceTokenAction"), revoke: idOf("revokeServiceTokenAction") };
});
test.afterAll(async () => {
  // Unset when beforeAll failed: stopping must not hide that failure.
  await (instance as Instance | undefined)?.stop();
});

function snapshot() {
  const db = new Database(path.join(instance.dataDir, "console.db"), { readonly: true });
  try {
    const tokens = db.prepare("SELECT COUNT(*) AS n, COUNT(revokedAt) AS revoked FROM service_tokens").get();
    const files = db.prepare("SELECT COUNT(*) AS n FROM stored_files").get();
    const sessions = db.prepare("SELECT COUNT(*) AS n FROM sessions WHERE revokedAt IS NULL").get();
    const onDisk = (() => {
      try {
        return readdirSync(path.join(instance.dataDir, "files")).filter((f) => f !== ".incoming").length;
      } catch {
        return 0;
      }
    })();
    return { tokens, files, sessions, onDisk };
  } finally {
    db.close();
  }
}

function expectClean(response: { status: number; text: string }, what: string): void {
  expect(response.status, what).toBeGreaterThanOrEqual(200);
  expect(response.status, `${what}: ${response.text.slice(0, 300)}`).toBeLessThan(500);
  expect(response.text, what).not.toMatch(INTERNAL_TEXT);
}

const hostileText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom(
    "../../etc/passwd",
    "%00",
    "%",
    "%E0%A4%A",
    "__proto__",
    "constructor",
    "'; DROP TABLE users; --",
    "<script>alert(1)</script>",
    "\u202e",
    "\ud800",
    "x".repeat(5000),
    "+275760-09-13T00:00:00.000Z",
  ),
);
const encoded = hostileText.map((s) => {
  try {
    return encodeURIComponent(s);
  } catch {
    return "%ED%A0%80"; // a lone surrogate, percent-encoded
  }
});
const token = fc.constantFrom(...(["CONNECTOR", "DEVELOPER"] as const)).map((type) => generateToken(type).token);
const authorization = fc.oneof(
  fc.constant(undefined),
  token.map((t) => `Bearer ${t}`),
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point: a header cannot carry them.
  hostileText.map((s) => `Bearer ${s.replace(/[\r\n\u0000-\u001f\u007f-\uffff]/g, "")}`),
  fc.constantFrom("Basic YWRtaW46YWRtaW4=", "Bearer", "Bearer  ", "bearer x y", `Bearer ${"A".repeat(8000)}`),
);
const route = fc.constantFrom(
  "/api/v1/token",
  "/api/v1/files",
  "/api/v1/files/{id}",
  "/api/v1/files/{id}/content",
  "/api/v1/service-tokens",
  "/api/v1/audit-events",
  "/api/v1/openapi.json",
  "/api/v1",
  "/api/v1/{id}",
);
const query = fc.dictionary(
  fc.oneof(
    fc.constantFrom("__proto__", "constructor", "cursor", "limit", "page", "per_page", "type", "status", "action", "outcome"),
    encoded,
  ),
  encoded,
  { maxKeys: 4 },
);
const address = fc.oneof(
  fc.ipV4(),
  fc.ipV6(),
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point: a header cannot carry them.
  hostileText.map((s) => s.replace(/[\r\n\u0000-\u001f\u007f-\uffff]/g, "")),
);

test("every /api/v1 route answers generated hostile requests with a clean 4xx (or 2xx), never 5xx", async () => {
  const before = snapshot();
  const call = apiClient(instance.url);
  let answered = 0;
  await fc.assert(
    fc.asyncProperty(
      route,
      encoded,
      query,
      fc.constantFrom("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"),
      authorization,
      fc.option(fc.uint8Array({ maxLength: 2048 }), { nil: undefined }),
      fc.constantFrom(
        "multipart/form-data; boundary=x",
        "multipart/form-data",
        "application/json",
        "text/plain",
        "application/octet-stream",
      ),
      address,
      async (template, id, params, method, auth, body, contentType, from) => {
        const search = new URLSearchParams(Object.entries(params).map(([k, v]) => [decodeSafe(k), decodeSafe(v)])).toString();
        const target = `${template.replace("{id}", id)}${search ? `?${search}` : ""}`;
        let response: ApiResponse;
        try {
          response = await call(target, {
            method,
            authorization: auth,
            headers: { "x-forwarded-for": from, ...(body ? { "content-type": contentType } : {}) },
            body: body ? Buffer.from(body) : undefined,
          });
        } catch (error) {
          // node refused to send it (an invalid header character): nothing reached the console.
          if ((error as NodeJS.ErrnoException).code === "ERR_INVALID_CHAR" || (error as Error).name === "TypeError") return;
          throw error;
        }
        expectClean({ status: response.status, text: response.text() }, `${method} ${target}`);
        answered++;
      },
    ),
    { numRuns: RUNS.api },
  );
  // Almost all generated requests reached the console (node refuses to send a few header values).
  expect(answered).toBeGreaterThan(RUNS.api * 0.8);
  expect(instance.alive()).toBe(true);
  expect(snapshot()).toEqual(before);
});

const PAGE_ONLY = new Set(["show", "policy"]);

test("the token list answers generated hostile search, filter, sort and cursor parameters: the API 200 or 400 naming the parameter, the page 200", async () => {
  const database = `file:${path.join(instance.dataDir, "console.db")}`;
  const [developer] = await seedTokens(
    [
      { type: "DEVELOPER", issuedTo: "fuzz caller" },
      { type: "CONNECTOR", issuedTo: 'svc_100% "quoted"' },
      { type: "CONNECTOR", issuedTo: "fuzz revoked", revoked: true },
    ],
    database,
  );
  const before = snapshot();
  const call = apiClient(instance.url);
  const from = freshAddress();
  await fc.assert(
    fc.asyncProperty(hostileListParams, async (params) => {
      // Sent as a browser or a client would: each parameter once, percent-encoded by URLSearchParams
      // (which also turns a lone surrogate into U+FFFD), and read back by the console the same way.
      const search = new URLSearchParams(params).toString();
      // The page's own parameters (show, policy) are unknown to the API, which refuses unknown ones
      // (hostile-input.spec.ts): it gets the rest.
      const apiSearch = new URLSearchParams(Object.entries(params).filter(([name]) => !PAGE_ONLY.has(name))).toString();
      const sent = Object.fromEntries(new URLSearchParams(apiSearch));
      const api = await call(`/api/v1/service-tokens?${apiSearch}`, { token: developer!.token, from });
      expectClean({ status: api.status, text: api.text() }, `API ?${search}`);
      const { errors } = readListParams(sent, "api");
      if (errors[0]) {
        expect(api.status, search).toBe(400);
        expect(api.error(), search).toEqual({ code: "invalid_request", message: errors[0].message });
      } else {
        expect(api.status, `${search}: ${api.text().slice(0, 300)}`).toBe(200);
      }
      const page = await fetch(`${instance.url}/settings/service-tokens?${search}`, {
        headers: { cookie: adminCookie, "x-forwarded-for": "192.0.2.200" },
        redirect: "manual",
      });
      const html = await page.text();
      expectClean({ status: page.status, text: "" }, `page ?${search}`);
      expect(page.status, `page ?${search}`).toBe(200);
      expect(html, `page ?${search}`).toContain('id="token-list-summary"');
    }),
    { numRuns: RUNS.list },
  );
  expect(instance.alive()).toBe(true);
  expect(snapshot()).toEqual(before);
});

test("the sign-in endpoint answers generated hostile credentials and addresses without 5xx", async () => {
  const before = snapshot();
  let answered = 0;
  await fc.assert(
    fc.asyncProperty(hostileText, hostileText, address, async (username, password, from) => {
      const result = await signInOverHttp(instance.url, username, password, from).catch((error: unknown) => {
        if (error instanceof Error && error.name === "TypeError") return null; // a header fetch refuses to send
        throw error;
      });
      if (!result) return;
      expect(result.status).toBeLessThan(500);
      expect(result.error).toMatch(/^(CredentialsSignin|throttled:\d+)$/);
      expect(result.cookie).toBeNull();
      answered++;
    }),
    { numRuns: RUNS.signIn },
  );
  expect(answered).toBeGreaterThan(RUNS.signIn * 0.8);
  expect(instance.alive()).toBe(true);
  expect(snapshot()).toEqual(before);
});

test("the create and revoke actions answer generated hostile input without 5xx, and change nothing", async () => {
  const before = snapshot();
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom("create", "revoke"),
      fc.oneof(
        fc.anything(),
        fc.record(
          {
            type: fc.oneof(fc.constantFrom("CONNECTOR", "DEVELOPER", "ADMIN"), hostileText),
            issuedTo: hostileText,
            expiration: fc.oneof(hostileText, fc.constantFrom("custom")),
            customExpiresAt: fc.oneof(hostileText, fc.constantFrom("+275760-09-13T00:00:00.000Z", "1970-01-01T00:00:00Z")),
          },
          { requiredKeys: [] },
        ),
        fc.record({ publicId: hostileText }),
      ),
      fc.boolean(),
      async (which, input, signedIn) => {
        // Valid create input would write a token: this property is about hostile input only.
        fc.pre(!(which === "create" && isValidCreate(input)));
        const response = await fetch(`${instance.url}/settings/service-tokens`, {
          method: "POST",
          redirect: "manual",
          headers: {
            "next-action": actionIds[which],
            accept: "text/x-component",
            "content-type": "text/plain;charset=UTF-8",
            origin: instance.url,
            ...(signedIn ? { cookie: adminCookie } : {}),
          },
          body: encodeReply(input ?? null),
        });
        expectClean(
          { status: response.status, text: await response.text() },
          `${which} ${(JSON.stringify(input) as string | undefined)?.slice(0, 200)}`,
        );
      },
    ),
    { numRuns: RUNS.actions },
  );
  expect(instance.alive()).toBe(true);
  expect(snapshot()).toEqual(before);
  const health = await fetch(`${instance.url}/api/health`);
  expect(health.status).toBe(200);
});

/**
 * The argument as React's client encodes a server action's reply: JSON, with a string that starts
 * with "$" escaped as "$$" (a bare "$…" is a reference in React's format, and a malformed one fails in
 * Next.js's own decoder before any action code runs).
 */
function encodeReply(value: unknown): string {
  return JSON.stringify([value], (_key, v: unknown) => (typeof v === "string" && v.startsWith("$") ? `$${v}` : v));
}

function decodeSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function isValidCreate(input: unknown): boolean {
  if (!input || typeof input !== "object") return false;
  const v = input as Record<string, unknown>;
  return (v.type === "CONNECTOR" || v.type === "DEVELOPER") && typeof v.issuedTo === "string" && v.issuedTo.trim() !== "";
}
