// The inactive-token policy's warning on a real database: a token the policy revokes within 7 days gets
// token.unused once (email and the webhooks that chose it), again only after it was used and then left
// unused again, and none while the policy is off or once it is used.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/db";
import { DAY_MS, DEFAULT_TOKEN_POLICY } from "@/lib/tokens";
import { updateTokenPolicy } from "@/modules/service-tokens/policy/policy";
import { testAdmin, testMeta, testTokens } from "@/modules/service-tokens/testing";
import { tokenEmail, type TokenEventData } from "./messages";
import { scanExpiries } from "./scan";
import { updateEmailSettings, updateWhenSettings } from "./settings";
import { addWebhook } from "./webhooks";

const tokens = testTokens("Unused warning");
let hook: string;

beforeAll(async () => {
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
  await updateWhenSettings(
    { warnDays: "30, 7, 1", dailyDigest: false, consoleUrl: "https://console.example.com" },
    testAdmin,
    testMeta,
  );
  hook = (
    await addWebhook(
      { url: "https://automation.example.com/unused", events: ["token.unused"] },
      { actor: testAdmin, meta: testMeta },
    )
  ).id;
});
afterEach(async () => {
  await db().notificationOutbox.deleteMany({});
  await db().tokenExpiryNotice.deleteMany({});
  await db().tokenPolicy.deleteMany({});
  await tokens.cleanup();
});
afterAll(async () => {
  await db().notificationWebhook.deleteMany({});
  await db().notificationSettings.deleteMany({});
});

const told = async () =>
  (await db().notificationOutbox.findMany({ where: { event: "token.unused" }, orderBy: { channel: "asc" } })).map((r) => ({
    channel: r.channel,
    webhookId: r.webhookId,
    recipients: r.recipients,
    data: JSON.parse(r.payload) as TokenEventData,
  }));

describe("token.unused", () => {
  it("warns once within 7 days of the revocation, again after a use and a new silence, never while used", async () => {
    const now = Date.now();
    const token = await tokens.make("CONNECTOR", 365);
    const young = await tokens.make("CONNECTOR", 365);
    await db().serviceToken.update({ where: { publicId: token.publicId }, data: { createdAt: new Date(now - 25 * DAY_MS) } });

    // Off: nothing.
    await scanExpiries(now);
    expect(await told()).toEqual([]);

    await updateTokenPolicy({ ...DEFAULT_TOKEN_POLICY, revokeUnusedDays: 30 }, testAdmin, testMeta);
    await scanExpiries(now);
    const first = await told();
    expect(first.map((t) => [t.channel, t.webhookId, t.recipients, t.data.id])).toEqual([
      ["email", null, "ops@example.com", token.publicId],
      ["webhook", hook, null, token.publicId],
    ]);
    expect(first[0]?.data).toMatchObject({
      unused_days: 30,
      revokes_at: new Date(now - 25 * DAY_MS + 30 * DAY_MS).toISOString(),
    });
    const mail = tokenEmail("token.unused", first[0]!.data, now);
    expect(mail.subject).toBe(`Service token ${token.publicId} (${tokens.issuedTo}) will be revoked as unused in 5 days`);
    expect(mail.text).toContain("Nobody used this service token for 23 days.");
    expect(young.publicId).not.toBe(token.publicId);

    // Told once.
    await db().notificationOutbox.deleteMany({});
    await scanExpiries(now + 3_600_000);
    expect(await told()).toEqual([]);

    // Used 24 days ago (after the warning's last use): a new silence, warned again.
    await db().serviceToken.update({ where: { publicId: token.publicId }, data: { lastUsedAt: new Date(now - 24 * DAY_MS) } });
    await scanExpiries(now + 2 * 3_600_000);
    expect((await told()).map((t) => t.channel)).toEqual(["email", "webhook"]);

    // Used yesterday: nothing to warn of.
    await db().notificationOutbox.deleteMany({});
    await db().serviceToken.update({ where: { publicId: token.publicId }, data: { lastUsedAt: new Date(now - DAY_MS) } });
    await scanExpiries(now + 3 * 3_600_000);
    expect(await told()).toEqual([]);
  });
});
