// Token events queued as the actions happen, through the audit trail: each webhook gets the events it
// chose, email tells only of reuse, the data never carries a token value, and an action that rolls back
// queues nothing.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { onAuditEvent, recordAuditEvent } from "@/lib/audit/record";
import { db } from "@/lib/db/db";
import { DAY_MS } from "@/lib/tokens";
import { bulkRevokeServiceTokens, revokeServiceToken } from "@/modules/service-tokens/revoke/revoke";
import { rotateServiceToken } from "@/modules/service-tokens/rotate/rotate";
import { testAdmin, testMeta, testTokens } from "@/modules/service-tokens/testing";
import { updateEmailSettings } from "./settings";
import { queueTokenEvent } from "./token-events";
import { addWebhook } from "./webhooks";

const tokens = testTokens("Told");
const who = { actor: testAdmin, meta: testMeta };
let stopListening: () => void;
let everything: string;

beforeAll(async () => {
  stopListening = onAuditEvent(queueTokenEvent);
  await updateEmailSettings(
    {
      smtpHost: "127.0.0.1",
      smtpPort: "2525",
      security: "NONE",
      username: "",
      password: "",
      clearPassword: false,
      from: "console@example.com",
      recipients: "ops@example.com",
      confirmPlainPassword: false,
    },
    testAdmin,
    testMeta,
  );
  const events = ["token.reuse_detected", "token.created", "token.revoked", "token.rotated"] as const;
  everything = (await addWebhook({ url: "https://automation.example.com/all", events: [...events] }, who)).id;
  // Subscribed to expiry only: it must get none of the events below.
  await addWebhook({ url: "https://automation.example.com/expiry", events: ["token.expiring"] }, who);
});
afterEach(async () => {
  await db().notificationOutbox.deleteMany({});
  await tokens.cleanup();
});
afterAll(async () => {
  stopListening();
  await db().notificationWebhook.deleteMany({});
  await db().notificationSettings.deleteMany({});
});

type Queued = {
  channel: string;
  webhookId: string | null;
  event: string;
  data: Record<string, unknown>;
  recipients: string | null;
};
async function queued(): Promise<Queued[]> {
  const rows = await db().notificationOutbox.findMany({ orderBy: { createdAt: "asc" } });
  return rows.map((r) => ({
    channel: r.channel,
    webhookId: r.webhookId,
    event: r.event,
    data: JSON.parse(r.payload) as Record<string, unknown>,
    recipients: r.recipients,
  }));
}

describe("token events", () => {
  it("created, revoked and rotated go to the webhooks that chose them, never by email", async () => {
    const made = await tokens.make("CONNECTOR");
    expect(await queued()).toEqual([
      {
        channel: "webhook",
        webhookId: everything,
        event: "token.created",
        data: expect.objectContaining({ id: made.publicId, issued_to: tokens.issuedTo, type: "CONNECTOR" }) as unknown,
        recipients: null,
      },
    ]);
    await db().notificationOutbox.deleteMany({});

    const rotation = await rotateServiceToken(
      { publicId: made.publicId, overlapSeconds: 0, expiresAt: new Date(Date.now() + 30 * DAY_MS) },
      { kind: "user", user: testAdmin },
      testMeta,
    );
    if (!rotation.ok) throw new Error(rotation.code);
    const next = rotation.serviceToken.publicId;
    // The rotation creates no token.created of its own: the new token is the rotated one's successor.
    expect((await queued()).map((q) => [q.event, q.data.id, q.data.replaced_by])).toEqual([
      ["token.rotated", made.publicId, next],
    ]);
    await db().notificationOutbox.deleteMany({});

    await revokeServiceToken(next, testAdmin, testMeta, { reason: "COMPROMISED", reasonText: null });
    const [revoked, ...rest] = await queued();
    expect(rest).toEqual([]);
    expect(revoked).toMatchObject({ channel: "webhook", webhookId: everything, event: "token.revoked" });
    expect(revoked?.data).toMatchObject({ id: next, reason: "Compromised", revoked_by: testAdmin.username });
    // No token value anywhere in what is queued.
    const payloads = (await db().notificationOutbox.findMany({ select: { payload: true } })).map((r) => r.payload);
    expect(payloads.join("\n")).not.toContain(made.token.slice(8));
  });

  it("bulk revoke tells of each token revoked", async () => {
    const [a, b] = [await tokens.make(), await tokens.make()];
    await db().notificationOutbox.deleteMany({});
    await bulkRevokeServiceTokens(
      [a.publicId, b.publicId],
      { reason: "NO_LONGER_NEEDED", reasonText: null },
      testAdmin,
      testMeta,
    );
    expect((await queued()).map((q) => [q.event, q.data.id, q.data.reason])).toEqual([
      ["token.revoked", a.publicId, "No longer needed"],
      ["token.revoked", b.publicId, "No longer needed"],
    ]);
  });

  it("reuse detected goes to the webhook and by email at once (not held for the digest), naming the revoked chain", async () => {
    const a = await tokens.make("CONNECTOR");
    const self = (t: { publicId: string; hint: string }) => ({ kind: "token" as const, publicId: t.publicId, hint: t.hint });
    const exp = () => new Date(Date.now() + 30 * DAY_MS);
    const b = await rotateServiceToken({ publicId: a.publicId, overlapSeconds: 86_400, expiresAt: exp() }, self(a), testMeta);
    if (!b.ok) throw new Error(b.code);
    await db().notificationOutbox.deleteMany({});
    const reuse = await rotateServiceToken({ publicId: a.publicId, overlapSeconds: 0, expiresAt: exp() }, self(a), testMeta);
    expect(reuse.ok).toBe(false);
    const told = (await queued()).filter((q) => q.event === "token.reuse_detected");
    expect(told.map((q) => [q.channel, q.webhookId, q.recipients])).toEqual([
      ["webhook", everything, null],
      ["email", null, "ops@example.com"],
    ]);
    expect(told[0]?.data).toMatchObject({ id: a.publicId, revoked_ids: [a.publicId, b.serviceToken.publicId] });
    const states = await db().notificationOutbox.findMany({ where: { event: "token.reuse_detected" }, select: { state: true } });
    expect(states.map((s) => s.state)).toEqual(["pending", "pending"]);
  });

  it("an action that rolls back queues nothing", async () => {
    const made = await tokens.make();
    await db().notificationOutbox.deleteMany({});
    await expect(
      db().$transaction(async (tx) => {
        await recordAuditEvent(
          {
            actorType: "user",
            actorId: testAdmin.id,
            actorName: testAdmin.username,
            action: "service_token.revoke",
            outcome: "success",
            targetType: "service_token",
            targetId: made.publicId,
            details: { type: "CONNECTOR", issuedTo: tokens.issuedTo, hint: made.hint },
          },
          tx,
        );
        expect(await tx.notificationOutbox.count()).toBe(1);
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await queued()).toEqual([]);
  });

  it("without a listening channel nothing is queued", async () => {
    await db().notificationWebhook.updateMany({ where: { id: everything }, data: { state: "disabled" } });
    try {
      await tokens.make();
      expect(await queued()).toEqual([]);
    } finally {
      await db().notificationWebhook.updateMany({ where: { id: everything }, data: { state: "active" } });
    }
  });
});
