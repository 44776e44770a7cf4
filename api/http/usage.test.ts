// The API counts usage per token over real HTTP (the API's own handler, real Authorization headers):
// each outcome of a known token, the bytes as Content-Length declared them, and the client address.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/db";
import { testTokens } from "@/modules/service-tokens/testing";
import { usageRecorder } from "@/modules/usage/recording";
import { flushTokenUses } from "../auth/last-used";
import { handleApiRequest } from "./handler";

const tokens = testTokens("api usage");
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
});

const call = (path: string, token: string) => fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });

describe("API usage", () => {
  it("counts each request of a known token by outcome, with its bytes and address", async () => {
    const made = [await tokens.make("CONNECTOR"), await tokens.make("CONNECTOR")];
    const [connector, revoked] = await Promise.all(
      made.map(async (t) => ({ token: t.token, id: (await tokens.row(t.publicId)).id })),
    );
    if (!connector || !revoked) throw new Error("tokens not made");
    await db().serviceToken.update({ where: { id: revoked.id }, data: { revokedAt: new Date() } });
    const answers: Response[] = [];
    for (let i = 0; i < 3; i++) answers.push(await call("/api/v1/token", connector.token));
    answers.push(await call("/api/v1/service-tokens", connector.token));
    answers.push(await call("/api/v1/token", revoked.token));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 403, 401]);
    // Bodies and headers as sent: more than the bodies alone.
    const okBodies = Number(answers[0]!.headers.get("content-length")) * 3;
    await usageRecorder.flush();

    const rows = await db().tokenUsageHour.findMany({ where: { tokenId: { in: [connector.id, revoked.id] } } });
    const byKey = Object.fromEntries(
      rows.map((r) => [`${r.tokenId === connector.id ? "connector" : "revoked"} ${r.outcome}`, Number(r.requests)]),
    );
    expect(byKey).toEqual({ "connector ok": 3, "connector insufficient_scope": 1, "revoked revoked": 1 });
    const okBytes = Number(rows.find((r) => r.outcome === "ok")!.bytesOut);
    expect(okBytes).toBeGreaterThan(okBodies + 3 * 100);
    expect(okBytes).toBeLessThan(okBodies + 3 * 1_000);
    const addresses = await db().tokenClientAddress.findMany({ where: { tokenId: connector.id } });
    expect(addresses.map((a) => [a.address, Number(a.requests)])).toEqual([["127.0.0.1", 4]]);
  });
});
