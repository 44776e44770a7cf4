// POST /api/v1/service-tokens/identify: Developer tokens only, the token in the JSON body.
import { expect, test } from "@playwright/test";
import { generateToken } from "@/lib/tokens/server";
import { apiClient, freshAddress, seedTokens } from "../support/api";
import { expectSecretStoredNowhere } from "../support/leaks";
import { identifyResultSchema } from "@/api/schemas";

test("identifies known, revoked, unknown and malformed values; Connector tokens get 403; bad bodies 400/415", async ({
  baseURL,
}) => {
  const call = apiClient(baseURL!);
  const [developer, connector, target, revoked] = await seedTokens([
    { type: "DEVELOPER", issuedTo: "e2e identify caller" },
    { type: "CONNECTOR" },
    { type: "CONNECTOR", issuedTo: "e2e identify target" },
    { type: "CONNECTOR", revoked: true },
  ]);
  const post = (token: string, body: unknown, headers: Record<string, string> = { "content-type": "application/json" }) =>
    call("/api/v1/service-tokens/identify", {
      method: "POST",
      token,
      body: typeof body === "string" ? body : JSON.stringify(body),
      headers,
      from: freshAddress(),
    });

  const known = identifyResultSchema.parse((await post(developer!.token, { token: target!.token })).json());
  expect(known).toMatchObject({
    result: "known",
    reason: null,
    hint: target!.hint,
    token: { id: target!.publicId, issuedTo: "e2e identify target", status: "active" },
  });

  const gone = identifyResultSchema.parse((await post(developer!.token, { token: revoked!.token })).json());
  expect(gone).toMatchObject({ result: "known", token: { id: revoked!.publicId, status: "revoked" } });

  const stranger = generateToken("DEVELOPER").token;
  const unknown = identifyResultSchema.parse((await post(developer!.token, { token: stranger })).json());
  expect(unknown).toEqual({ result: "unknown", reason: null, hint: `opc_dev_…${stranger.slice(-4)}`, token: null });

  const malformed = identifyResultSchema.parse((await post(developer!.token, { token: "hello" })).json());
  expect(malformed).toEqual({ result: "malformed", reason: "wrong_prefix", hint: null, token: null });

  const forbidden = await post(connector!.token, { token: target!.token });
  expect(forbidden.status).toBe(403);
  expect(forbidden.error().code).toBe("insufficient_scope");

  const notJson = await post(developer!.token, { token: target!.token }, { "content-type": "text/plain" });
  expect(notJson.status).toBe(415);
  const badJson = await post(developer!.token, "{token:");
  expect(badJson.status).toBe(400);
  expect(badJson.error().message).toBe("The body is not valid JSON.");
  const noToken = await post(developer!.token, { value: target!.token });
  expect(noToken.status).toBe(400);
  expect(noToken.text()).not.toContain(target!.token.slice(8, -4));

  expectSecretStoredNowhere(stranger.slice(8, -4), "an identified unknown token");
  expectSecretStoredNowhere(target!.token.slice(8, -4), "an identified token");
});

test("lookups are limited per calling token: the 11th in a minute gets 429 with Retry-After", async ({ baseURL }) => {
  const call = apiClient(baseURL!);
  const [developer] = await seedTokens([{ type: "DEVELOPER", issuedTo: "e2e identify limit" }]);
  const post = () =>
    call("/api/v1/service-tokens/identify", {
      method: "POST",
      token: developer!.token,
      body: JSON.stringify({ token: "nothing" }),
      headers: { "content-type": "application/json" },
      from: freshAddress(),
    });
  for (let i = 0; i < 10; i++) expect((await post()).status).toBe(200);
  const limited = await post();
  expect(limited.status).toBe(429);
  expect(limited.error().code).toBe("rate_limited");
  expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
});
