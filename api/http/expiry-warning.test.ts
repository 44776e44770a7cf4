// From a token's first warning threshold on, every authenticated answer carries Deprecation (RFC 9745)
// and Sunset (RFC 8594) with its expiry, over real HTTP with real Authorization headers; a change of
// the thresholds applies at once in the process that saved it.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/db";
import { DAY_MS } from "@/lib/tokens";
import { updateWhenSettings } from "@/modules/notifications/settings";
import { testAdmin, testMeta, testTokens } from "@/modules/service-tokens/testing";
import { usageRecorder } from "@/modules/usage/recording";
import { flushTokenUses } from "../auth/last-used";
import { handleApiRequest } from "./handler";

const tokens = testTokens("Sunset");
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer(handleApiRequest);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await flushTokenUses();
  await usageRecorder.flush();
  await tokens.cleanup();
  await db().notificationSettings.deleteMany({});
});

const call = (token: string) => fetch(`${base}/api/v1/token`, { headers: { authorization: `Bearer ${token}` } });
const warnDays = (days: string) =>
  updateWhenSettings({ warnDays: days, dailyDigest: false, consoleUrl: "" }, testAdmin, testMeta);

describe("Deprecation and Sunset", () => {
  it("from the first threshold on: Deprecation is when the warning began, Sunset the expiry", async () => {
    await warnDays("30, 7, 1");
    const soon = await tokens.make("CONNECTOR", 5);
    const answer = await call(soon.token);
    expect(answer.status).toBe(200);
    const expiresAt = new Date(answer.headers.get("x-token-expiration") ?? "");
    expect(answer.headers.get("sunset")).toBe(expiresAt.toUTCString());
    expect(answer.headers.get("deprecation")).toBe(`@${Math.floor((expiresAt.getTime() - 30 * DAY_MS) / 1000)}`);
    // A refused call of the same token (wrong scope) still tells it.
    const refused = await fetch(`${base}/api/v1/service-tokens`, { headers: { authorization: `Bearer ${soon.token}` } });
    expect(refused.status).toBe(403);
    expect(refused.headers.get("sunset")).toBe(expiresAt.toUTCString());
  });

  it("not before the first threshold, and a saved change of thresholds applies at once", async () => {
    await warnDays("30, 7, 1");
    const later = await tokens.make("DEVELOPER", 60);
    const before = await call(later.token);
    expect(before.status).toBe(200);
    expect(before.headers.get("deprecation")).toBeNull();
    expect(before.headers.get("sunset")).toBeNull();

    await warnDays("90, 30");
    const after = await call(later.token);
    const expiresAt = new Date(after.headers.get("x-token-expiration") ?? "");
    expect(after.headers.get("deprecation")).toBe(`@${Math.floor((expiresAt.getTime() - 90 * DAY_MS) / 1000)}`);
    expect(after.headers.get("sunset")).toBe(expiresAt.toUTCString());
  });

  it("an unauthenticated answer carries neither", async () => {
    const answer = await call("opc_con_notatoken");
    expect(answer.status).toBe(401);
    expect(answer.headers.get("deprecation")).toBeNull();
    expect(answer.headers.get("sunset")).toBeNull();
  });
});
