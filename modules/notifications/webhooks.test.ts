// Webhooks against a real HTTP receiver that verifies Standard Webhooks signatures: a receiver answering
// 500 three times gets the event on the fourth attempt (each attempt in the log, the same webhook-id),
// the signature verifies with the secret shown once and not after Rotate secret, 410 disables the
// webhook, and bad URLs are refused.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/db";
import { testAdmin, testMeta, testTokens } from "@/modules/service-tokens/testing";
import { startWebhookReceiver, type WebhookReceiver } from "@/e2e/support/webhook-receiver";
import { deliverDue } from "./deliver";
import { recentDeliveries, sendTestWebhook } from "./operations";
import { scanExpiries } from "./scan";
import { updateWhenSettings } from "./settings";
import { webhookSchema } from "./shared/webhook-schema";
import { addWebhook, listWebhooks, removeWebhook, rotateWebhookSecret, WebhookInputError } from "./webhooks";

let receiver: WebhookReceiver;
beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await receiver.stop();
});

const tokens = testTokens("Hooked");
const who = { actor: testAdmin, meta: testMeta };
afterEach(async () => {
  await tokens.cleanup();
  for (const w of await listWebhooks()) await removeWebhook(w.id, who);
  await db().notificationOutbox.deleteMany({});
  await db().tokenExpiryNotice.deleteMany({});
  await db().notificationSettings.deleteMany({});
  receiver.received.splice(0);
  receiver.answers.splice(0);
});

const values = (url: string) => webhookSchema.parse({ url, events: ["token.expiring", "token.expired"] });

describe("webhooks", () => {
  it("retries a receiver that answers 500 three times, then delivers, with every attempt in the log", async () => {
    const { id, secret } = await addWebhook(values(receiver.url), who);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(JSON.stringify(await db().notificationWebhook.findUniqueOrThrow({ where: { id } }))).not.toContain(secret);
    receiver.secret = secret;
    receiver.answers.push(500, 500, 500);

    const start = Date.now();
    const token = await tokens.make("CONNECTOR", 5);
    expect((await scanExpiries(start)).queued).toBe(1);
    let now = start;
    for (let attempt = 1; attempt <= 4; attempt++) {
      await deliverDue(now, undefined, () => 1);
      const [row] = await recentDeliveries({ webhookId: id });
      expect(row).toMatchObject({
        attempts: attempt,
        lastStatus: attempt < 4 ? 500 : 200,
        state: attempt < 4 ? "pending" : "sent",
      });
      if (row!.nextAttemptAt) now = row!.nextAttemptAt.getTime();
    }
    expect(receiver.received.map((r) => [r.status, r.verified])).toEqual([
      [500, true],
      [500, true],
      [500, true],
      [200, true],
    ]);
    expect(new Set(receiver.received.map((r) => r.id)).size).toBe(1);
    const body = JSON.parse(receiver.received[3]!.body) as { type: string; timestamp: string; data: Record<string, unknown> };
    expect(body).toMatchObject({
      type: "token.expiring",
      data: { id: token.publicId, threshold_days: 7, issued_to: tokens.issuedTo },
    });
    expect(receiver.received[3]!.body).not.toContain(token.token);
    const failures = await db().auditEvent.findMany({
      where: { action: "notifications.delivery_failed", targetId: receiver.received[0]!.id },
    });
    expect(failures).toHaveLength(3);
  });

  it("signs with the secret shown once; after Rotate secret the old one no longer verifies", async () => {
    const { id, secret } = await addWebhook(values(receiver.url), who);
    receiver.secret = secret;
    expect(await sendTestWebhook(id, testAdmin, testMeta)).toMatchObject({ ok: true, status: 200 });
    expect(receiver.received[0]).toMatchObject({ type: "webhook.test", verified: true });

    const rotated = await rotateWebhookSecret(id, who);
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe(secret);
    expect(await sendTestWebhook(id, testAdmin, testMeta)).toMatchObject({ ok: false, status: 401 });
    expect(receiver.received[1]).toMatchObject({ verified: false });
    receiver.secret = rotated!;
    expect(await sendTestWebhook(id, testAdmin, testMeta)).toMatchObject({ ok: true });
    expect(receiver.received[2]).toMatchObject({ verified: true });
    expect((await recentDeliveries({ webhookId: id })).map((d) => d.lastStatus)).toEqual([200, 401, 200]);
  });

  it("disables a webhook that answers 410 Gone, without retries", async () => {
    const { id, secret } = await addWebhook(values(receiver.url), who);
    receiver.secret = secret;
    receiver.answers.push(410);
    await tokens.make("CONNECTOR", 5);
    const start = Date.now();
    await scanExpiries(start);
    await deliverDue(start);
    expect((await listWebhooks())[0]).toMatchObject({ id, state: "disabled" });
    expect((await recentDeliveries({ webhookId: id }))[0]).toMatchObject({ state: "failed", lastStatus: 410 });
    await deliverDue(start + 3_600_000);
    expect(receiver.received).toHaveLength(1);
  });

  it("refuses URLs that are not http(s), link-local, or the console's own", async () => {
    const messages = (url: string) =>
      webhookSchema.safeParse({ url, events: ["token.expired"] }).error?.issues.map((i) => i.message);
    expect(messages("ftp://example.com/x")).toEqual(["Webhook URLs must start with https:// or http://."]);
    expect(messages("http://169.254.169.254/latest/meta-data")).toEqual([
      "Link-local addresses (169.254.0.0/16, fe80::/10) are refused: cloud metadata lives there.",
    ]);
    expect(messages("http://[fe80::1]/x")).toHaveLength(1);
    expect(messages("not a url")).toEqual(["Enter a whole URL, e.g. https://automation.example.com/hooks/tokens."]);
    expect(webhookSchema.safeParse({ url: receiver.url, events: [] }).error?.issues[0]?.message).toBe(
      "Choose at least one event.",
    );

    await updateWhenSettings(
      { warnDays: "30, 7, 1", dailyDigest: false, consoleUrl: "https://console.example.com" },
      testAdmin,
      testMeta,
    );
    await expect(addWebhook(values("https://console.example.com/api/hook"), who)).rejects.toBeInstanceOf(WebhookInputError);
    expect(await listWebhooks()).toEqual([]);
  });
});
