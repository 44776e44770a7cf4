// Behind a reverse proxy that appends to X-Forwarded-For (nginx's $proxy_add_x_forwarded_for), a client
// writes whatever it likes to the left of the address the proxy adds. With TRUST_PROXY=1 the console
// believes only the proxy's entry, for allowed addresses, the failed-authentication throttle and the audit
// log alike. A second console on the same data plays the one behind the proxy; the proxy is 127.0.0.9.
import { expect, test } from "@playwright/test";
import { tokenInfoSchema } from "@/api/schemas";
import { E2E_PORT } from "../support/env";
import { apiClient, seedTokens, type ApiRequest } from "../support/api";
import { auditCountFrom, setAllowedCidrs, startSecondConsole } from "../support/lifecycle";

test.describe.configure({ mode: "serial" });

let second: Awaited<ReturnType<typeof startSecondConsole>> | undefined;
let proxied: ReturnType<typeof apiClient>;

test.beforeAll(async () => {
  second = await startSecondConsole(E2E_PORT + 1, { TRUST_PROXY: "1" });
  proxied = apiClient(second.baseURL);
});
test.afterAll(async () => {
  await second?.stop();
});

const PROXY = "127.0.0.9";

/** A request as the proxy forwards it: the client's own X-Forwarded-For (if any), then the address the proxy saw. */
function viaProxy(client: string, claimed: string | null, options: ApiRequest = {}) {
  const forwardedFor = claimed === null ? client : `${claimed}, ${client}`;
  return proxied("/api/v1/token", { ...options, from: PROXY, headers: { ...options.headers, "x-forwarded-for": forwardedFor } });
}

// Documentation addresses (RFC 5737), each test its own: every run starts on a fresh database.
const OUTSIDER = "203.0.113.10";
const ATTACKER = "203.0.113.20";
const NEIGHBOUR = "203.0.113.21";

test("allowed addresses: the proxy's entry decides; an allowed address written by the client does not pass", async () => {
  const [t] = await seedTokens([{ type: "DEVELOPER", issuedTo: "e2e allowed behind proxy" }]);
  await setAllowedCidrs(t!.publicId, ["198.51.100.0/24", "2001:db8::/32"]);

  const allowed = await viaProxy("198.51.100.7", "203.0.113.5", { token: t!.token });
  expect(allowed.status).toBe(200);
  expect(tokenInfoSchema.parse(allowed.json()).id).toBe(t!.publicId);
  expect((await viaProxy("2001:db8::42", null, { token: t!.token })).status).toBe(200);

  const spoofed = await viaProxy(OUTSIDER, "198.51.100.7", { token: t!.token });
  expect(spoofed.status).toBe(403);
  expect(spoofed.error()).toEqual({
    code: "address_not_allowed",
    message: `This token may not be used from ${OUTSIDER}: it is restricted to its allowed addresses.`,
  });
  // The audit log names the address the proxy saw, never the one the client wrote.
  await expect.poll(() => auditCountFrom("api.address_not_allowed", OUTSIDER)).toBe(1);
  // Without the header the proxy's own (loopback) address is the client's: not allowed.
  expect((await proxied("/api/v1/token", { token: t!.token, from: PROXY })).status).toBe(403);
});

test("the failure throttle counts the proxy's entry: a new spoofed entry on every attempt resets nothing", async () => {
  const limit = Number(process.env.API_AUTH_FAILURES_PER_MINUTE || 20);
  const spoofs: string[] = [];
  for (let i = 0; i < limit; i++) {
    spoofs.push(`198.51.100.${i + 1}`);
    const res = await viaProxy(ATTACKER, spoofs[i]!, { authorization: "Bearer opc_con_wrong" });
    expect(res.status, `failure ${i + 1}`).toBe(401);
  }
  const refused = await viaProxy(ATTACKER, "198.51.100.250", { authorization: "Bearer opc_con_wrong" });
  expect(refused.status).toBe(429);
  expect(refused.error().code).toBe("rate_limited");

  // Another client behind the same proxy, claiming the attacker's spoofed addresses, has its own budget.
  expect((await viaProxy(NEIGHBOUR, spoofs[0]!, { authorization: "Bearer opc_con_wrong" })).status).toBe(401);

  // Every failure was audited under the attacker's real address; none under an address it wrote.
  await expect.poll(() => auditCountFrom("api.auth_failed", ATTACKER)).toBe(limit);
  for (const spoof of spoofs.slice(0, 3)) expect(await auditCountFrom("api.auth_failed", spoof)).toBe(0);
});
