import { afterAll, describe, expect, it } from "vitest";
import { DAY_MS } from "@/lib/tokens";
import { db } from "../platform/db";
import { createServiceToken, listServiceTokenPage, revokeServiceToken } from "./store";
import type { SessionUser } from "../auth/users";

const admin: SessionUser = { id: "page-test-admin", username: "page-test", displayName: "Page test", role: "ADMIN" };
const meta = { ip: null, userAgent: null };
const issuedTo = `page test ${Date.now()}`;
const created: string[] = [];

afterAll(async () => {
  await db().auditEvent.deleteMany({ where: { actorName: admin.username } });
  await db().serviceToken.deleteMany({ where: { publicId: { in: created } } });
});

describe("listServiceTokenPage", () => {
  it("filters by type and by the same status boundaries as tokenStatus, and pages with a total", async () => {
    const now = new Date();
    const make = async (type: "CONNECTOR" | "DEVELOPER", expiresInMs: number) => {
      const { serviceToken } = await createServiceToken({ type, issuedTo, expiresAt: new Date(now.getTime() + expiresInMs) }, admin, meta);
      created.push(serviceToken.publicId);
      return serviceToken.publicId;
    };
    const active = await make("CONNECTOR", 30 * DAY_MS);
    const edgeActive = await make("DEVELOPER", 7 * DAY_MS);
    const expiring = await make("DEVELOPER", 7 * DAY_MS - 1);
    const expired = await make("CONNECTOR", 0);
    const revoked = await make("DEVELOPER", 30 * DAY_MS);
    await revokeServiceToken(revoked, admin, meta);

    const ids = async (query: Partial<Parameters<typeof listServiceTokenPage>[0]>) => {
      const { items } = await listServiceTokenPage({ page: 1, perPage: 100, now, ...query });
      return items.filter((t) => t.issuedTo === issuedTo).map((t) => t.publicId).sort();
    };
    expect(await ids({ status: "active" })).toEqual([active, edgeActive].sort());
    expect(await ids({ status: "expiring" })).toEqual([expiring]);
    expect(await ids({ status: "expired" })).toEqual([expired]);
    expect(await ids({ status: "revoked" })).toEqual([revoked]);
    expect(await ids({ type: "DEVELOPER" })).toEqual([edgeActive, expiring, revoked].sort());
    expect(await ids({ type: "CONNECTOR", status: "expired" })).toEqual([expired]);

    const all = await listServiceTokenPage({ page: 1, perPage: 100, now });
    const first = await listServiceTokenPage({ page: 1, perPage: 2, now });
    const second = await listServiceTokenPage({ page: 2, perPage: 2, now });
    expect(first.total).toBe(all.total);
    expect([...first.items, ...second.items].map((t) => t.publicId)).toEqual(all.items.slice(0, 4).map((t) => t.publicId));
    expect(JSON.stringify(all)).not.toMatch(/tokenHash|[0-9a-f]{64}/);
  });
});
