// Notifications against a real SMTP relay (smtp-server, STARTTLS with a test CA) on the test's database,
// with time moved by the test: each threshold fires once, revoked and rotated tokens get none, the
// digest gathers a day's notices, a relay that was down gets the mail late and once, and two instances
// running the job send each notification once.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/db";
import { ManualClock } from "@/lib/jobs/clock";
import type { RunningJob } from "@/lib/jobs/runner";
import { DAY_MS, tokenDetailsSchema } from "@/lib/tokens";
import { updateServiceTokenDetails } from "@/modules/service-tokens/detail/update-details";
import { revokeServiceToken } from "@/modules/service-tokens/revoke/revoke";
import { rotateServiceToken } from "@/modules/service-tokens/rotate/rotate";
import { testAdmin, testMeta, testTokens } from "@/modules/service-tokens/testing";
import { makeTestCertificates, type TestCertificates } from "@/e2e/support/test-ca";
import { startSmtpRelay, type SmtpRelay } from "@/e2e/support/smtp";
import { startNotificationsJob } from "./background";
import { deliverDue, runDigest } from "./deliver";
import { sendMail, trustRelayCaForTests } from "./mailer";
import { scanExpiries } from "./scan";
import { getNotificationSettings, PlainPasswordError, updateEmailSettings, updateWhenSettings } from "./settings";

let certs: TestCertificates;
let relay: SmtpRelay;
const auth = { user: "console", pass: "relay password 123" };

beforeAll(async () => {
  certs = makeTestCertificates();
  relay = await startSmtpRelay({ tls: { key: certs.key, cert: certs.cert }, auth });
  trustRelayCaForTests(certs.ca);
});
afterAll(async () => {
  trustRelayCaForTests(undefined);
  await relay.stop();
});

const tokens = testTokens("Notified");
afterEach(async () => {
  await tokens.cleanup();
  await db().notificationOutbox.deleteMany({});
  await db().tokenExpiryNotice.deleteMany({});
  await db().notificationSettings.deleteMany({});
  relay.received.splice(0);
});

async function configure(extra: { dailyDigest?: boolean; warnDays?: string } = {}) {
  await updateEmailSettings(
    {
      smtpHost: "127.0.0.1",
      smtpPort: String(relay.port),
      security: "STARTTLS",
      username: auth.user,
      password: auth.pass,
      clearPassword: false,
      from: "console@example.com",
      recipients: "ops@example.com\nteam@example.com",
      confirmPlainPassword: false,
    },
    testAdmin,
    testMeta,
  );
  await updateWhenSettings(
    {
      warnDays: extra.warnDays ?? "30, 7, 1",
      dailyDigest: extra.dailyDigest ?? false,
      consoleUrl: "https://console.example.com",
    },
    testAdmin,
    testMeta,
  );
}

const outbox = () => db().notificationOutbox.findMany({ orderBy: { createdAt: "asc" } });
const eventsOf = async (publicId: string) =>
  (await outbox())
    .filter((r) => (JSON.parse(r.payload) as { id?: string }).id === publicId)
    .map(
      (r) =>
        `${r.event}${r.event === "token.expiring" ? `:${(JSON.parse(r.payload) as { threshold_days: number }).threshold_days}` : ""}`,
    );

describe("the mailer", () => {
  it("sends through STARTTLS with a password, the password sealed in the database and never audited", async () => {
    await configure();
    const row = await db().notificationSettings.findUniqueOrThrow({ where: { id: "default" } });
    expect(row.smtpPasswordSealed).toMatch(/^sb1\./);
    expect(JSON.stringify(row)).not.toContain(auth.pass);
    const events = await db().auditEvent.findMany({ where: { action: "notifications.settings_update" } });
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) expect(e.details).not.toContain(auth.pass);

    const { sendTestEmail } = await import("./operations");
    const result = await sendTestEmail(testAdmin, testMeta);
    expect(result).toMatchObject({ ok: true, message: expect.stringContaining("The relay accepted it: 250") });
    await relay.waitFor((m) => m.length === 1);
    expect(relay.received[0]).toMatchObject({
      from: "console@example.com",
      to: ["ops@example.com", "team@example.com"],
      subject: "Test email from the Service Tokens console",
    });
  });

  it("says in words when the relay's certificate is not trusted, the password is wrong or nothing listens", async () => {
    await configure();
    const settings = await getNotificationSettings();
    trustRelayCaForTests(certs.wrongCa);
    try {
      const untrusted = await sendMail(settings, auth.pass, { to: ["a@example.com"], subject: "s", text: "t" });
      expect(untrusted).toMatchObject({ ok: false, message: expect.stringContaining("The relay's certificate is not trusted") });
    } finally {
      trustRelayCaForTests(certs.ca);
    }
    const wrong = await sendMail(settings, "wrong", { to: ["a@example.com"], subject: "s", text: "t" });
    expect(wrong).toMatchObject({ ok: false, message: expect.stringContaining("The relay refused the username or password") });
    const down = await sendMail({ ...settings, smtpPort: 1 }, auth.pass, { to: ["a@example.com"], subject: "s", text: "t" });
    expect(down).toEqual({ ok: false, message: "Nothing accepted the connection at 127.0.0.1:1: check the SMTP host and port." });
    expect(relay.received).toHaveLength(0);
  });

  it("refuses a password over plain text unless the administrator confirms", async () => {
    const values = {
      smtpHost: "127.0.0.1",
      smtpPort: String(relay.port),
      security: "NONE" as const,
      username: "u",
      password: "p",
      clearPassword: false,
      from: "console@example.com",
      recipients: "ops@example.com",
      confirmPlainPassword: false,
    };
    await expect(updateEmailSettings(values, testAdmin, testMeta)).rejects.toBeInstanceOf(PlainPasswordError);
    expect(await db().notificationSettings.count()).toBe(0);
    await updateEmailSettings({ ...values, confirmPlainPassword: true }, testAdmin, testMeta);
    expect(await getNotificationSettings()).toMatchObject({ security: "NONE", allowPlainPassword: true, hasPassword: true });
  });
});

describe("the expiry scan", () => {
  it("tells each threshold once and the expiry once, and nothing about revoked or rotated tokens", async () => {
    await configure();
    const start = Date.now();
    const token = await tokens.make("CONNECTOR", 40);
    const revoked = await tokens.make("CONNECTOR", 40);
    const rotated = await tokens.make("CONNECTOR", 40);
    expect((await scanExpiries(start)).queued).toBe(0);

    await revokeServiceToken(revoked.publicId, testAdmin, testMeta);
    const rotation = await rotateServiceToken(
      { publicId: rotated.publicId, overlapSeconds: 0, expiresAt: new Date(start + 90 * DAY_MS) },
      { kind: "user", user: testAdmin },
      testMeta,
    );
    expect(rotation.ok).toBe(true);

    const at = (days: number) => start + days * DAY_MS;
    // Each notice is delivered as it is decided: the email says how long is left at the time it is sent.
    const scanAndSend = async (days: number) => {
      const { queued } = await scanExpiries(at(days));
      await deliverDue(at(days));
      return queued;
    };
    expect(await scanAndSend(10.5)).toBe(1); // 29.5 days left
    expect(await scanAndSend(11)).toBe(0);
    expect(await scanAndSend(33.5)).toBe(1); // 6.5 days left
    expect(await scanAndSend(33.6)).toBe(0);
    expect(await scanAndSend(39.5)).toBe(1); // half a day left
    expect(await scanAndSend(40.5)).toBe(1); // expired
    expect(await scanAndSend(41)).toBe(0);
    expect(await eventsOf(token.publicId)).toEqual([
      "token.expiring:30",
      "token.expiring:7",
      "token.expiring:1",
      "token.expired",
    ]);
    expect(await eventsOf(revoked.publicId)).toEqual([]);
    expect(await eventsOf(rotated.publicId)).toEqual([]);

    // The email names the token, its facts and its page, and never carries a token value.
    await relay.waitFor((m) => m.length === 4);
    const subject = (rest: string) => `Service token ${token.publicId} (${tokens.issuedTo}) ${rest}`;
    expect(relay.received.map((m) => m.subject)).toEqual([
      subject("expires in 30 days"),
      subject("expires in 7 days"),
      subject("expires in 12 hours"),
      subject("has expired"),
    ]);
    const warning = relay.received[1]!;
    expect(warning.to).toEqual(["ops@example.com", "team@example.com"]);
    expect(warning.text).toContain(`Token ID: ${token.publicId}`);
    expect(warning.text).toContain("Type: Connector");
    expect(warning.text).toContain("Last used: never");
    expect(warning.text).toContain(`https://console.example.com/settings/service-tokens/${token.publicId}`);
    for (const mail of relay.received) expect(mail.raw).not.toContain(token.token);
  });

  it("tells only the smallest threshold crossed when several are crossed at once", async () => {
    await configure();
    const token = await tokens.make("DEVELOPER", 5);
    expect((await scanExpiries(Date.now())).queued).toBe(1);
    expect(await eventsOf(token.publicId)).toEqual(["token.expiring:7"]);
  });

  it("sends nothing and marks nothing while no channel is set up", async () => {
    const token = await tokens.make("CONNECTOR", 5);
    expect(await scanExpiries(Date.now())).toEqual({ queued: 0 });
    await configure();
    expect((await scanExpiries(Date.now())).queued).toBe(1);
    expect(await eventsOf(token.publicId)).toEqual(["token.expiring:7"]);
  });

  it("gathers a day's notices into one digest email", async () => {
    await configure({ dailyDigest: true });
    const start = Date.now();
    const a = await tokens.make("CONNECTOR", 5);
    const b = await tokens.make("DEVELOPER", 20);
    const c = await tokens.make("CONNECTOR", 7.3);
    expect((await scanExpiries(start)).queued).toBe(3);
    expect(await runDigest(start)).toBe(1);
    await deliverDue(start);
    await relay.waitFor((m) => m.length === 1);
    expect(relay.received[0]!.subject).toBe("Service tokens: 3 expiring");
    for (const t of [a, b, c]) expect(relay.received[0]!.text).toContain(`Token ID: ${t.publicId}`);

    // A crossing later that day waits for the next day's digest.
    expect((await scanExpiries(start + DAY_MS / 2)).queued).toBe(1); // c: 6.8 days left
    expect(await runDigest(start + DAY_MS / 2)).toBe(0);
    await deliverDue(start + DAY_MS / 2);
    expect(relay.received).toHaveLength(1);
    expect(await runDigest(start + DAY_MS + 1)).toBe(1);
    await deliverDue(start + DAY_MS + 1);
    await relay.waitFor((m) => m.length === 2);
    expect(relay.received[1]!.subject).toBe("Service tokens: 1 expiring");
    expect(relay.received[1]!.text).toContain(`Token ID: ${c.publicId}`);
  });
});

describe("Notify", () => {
  it("also warns the addresses a token names, and the token that replaces it keeps them", async () => {
    await configure();
    const token = await tokens.make("CONNECTOR", 5);
    const details = tokenDetailsSchema.parse({ notify: "Owner@Example.com, team@example.com" });
    expect(await updateServiceTokenDetails(token.publicId, details, testAdmin, testMeta)).toMatchObject({
      ok: true,
      changed: true,
    });
    const now = Date.now();
    expect((await scanExpiries(now)).queued).toBe(1);
    await deliverDue(now);
    await relay.waitFor((m) => m.length === 1);
    expect(relay.received[0]!.to).toEqual(["ops@example.com", "team@example.com", "owner@example.com"]);

    const rotation = await rotateServiceToken(
      { publicId: token.publicId, overlapSeconds: 0, expiresAt: new Date(now + 90 * DAY_MS) },
      { kind: "user", user: testAdmin },
      testMeta,
    );
    expect(rotation.ok && rotation.serviceToken.notifyEmails).toBe("owner@example.com\nteam@example.com");
    expect(tokenDetailsSchema.safeParse({ notify: "ops@example.com\nnope" }).error?.issues[0]?.message).toBe(
      '"nope" is not an email address: enter one per line, e.g. team@example.com.',
    );
  });
});

describe("delivery", () => {
  it("delivers late and once when the relay was down, each failure visible and audited", async () => {
    await configure();
    const start = Date.now();
    await tokens.make("CONNECTOR", 5);
    expect((await scanExpiries(start)).queued).toBe(1);
    await relay.stop();
    try {
      await deliverDue(start, undefined, () => 1);
      await deliverDue(start + 30_000, undefined, () => 1);
    } finally {
      await relay.start();
    }
    const [row] = await outbox();
    expect(row).toMatchObject({
      state: "pending",
      attempts: 2,
      lastError: expect.stringContaining("Nothing accepted the connection"),
    });
    expect(Number(row!.nextAttemptAt)).toBe(start + 30_000 + 60_000);
    const failures = await db().auditEvent.findMany({ where: { action: "notifications.delivery_failed" } });
    expect(failures).toHaveLength(2);

    expect(await deliverDue(start + 60_000)).toBe("idle"); // not due yet
    expect(relay.received).toHaveLength(0);
    await deliverDue(start + 90_000);
    await relay.waitFor((m) => m.length === 1);
    await deliverDue(start + 10 * 60_000);
    expect(relay.received).toHaveLength(1);
    expect((await outbox())[0]).toMatchObject({ state: "sent", attempts: 3 });
    expect(relay.received[0]!.messageId).toBe(`<${row!.id}@service-tokens.console>`);
  });

  it("gives a delivery up after a day, with an audit event that says so", async () => {
    await configure();
    const start = Date.now();
    await tokens.make("CONNECTOR", 5);
    await scanExpiries(start);
    await relay.stop();
    try {
      let now = start;
      // The shortest back-off (jitter 0: half of each delay) takes the most attempts to pass a day: 54.
      for (let i = 0; i < 100 && (await outbox())[0]!.state === "pending"; i++) {
        now = Number((await outbox())[0]!.nextAttemptAt);
        await deliverDue(now, undefined, () => 0);
      }
    } finally {
      await relay.start();
    }
    expect((await outbox())[0]!.state).toBe("failed");
    const last = await db().auditEvent.findFirst({
      where: { action: "notifications.delivery_failed" },
      orderBy: { seq: "desc" },
    });
    expect(JSON.parse(last!.details!)).toMatchObject({ final: true, channel: "email", event: "token.expiring" });
  });

  it("sends each notification once when two instances run the job", async () => {
    await configure();
    const clock = new ManualClock(Date.now());
    const made = await Promise.all([1, 2, 3].map(() => tokens.make("CONNECTOR", 5)));
    const jobs: RunningJob[] = [
      startNotificationsJob({ clock, holder: "instance-a", leaseMs: 30_000, idleMs: 600_000 }),
      startNotificationsJob({ clock, holder: "instance-b", leaseMs: 30_000, idleMs: 600_000 }),
    ];
    try {
      await vi.waitFor(() => expect(relay.received.length).toBe(3), { timeout: 15_000 });
      await clock.advance(20 * 60_000);
      await clock.advance(20 * 60_000);
      await new Promise((r) => setTimeout(r, 300));
    } finally {
      await Promise.all(jobs.map((j) => j.stop()));
    }
    expect(relay.received).toHaveLength(3);
    expect(new Set(relay.received.map((m) => m.subject))).toEqual(
      new Set(made.map((t) => `Service token ${t.publicId} (${tokens.issuedTo}) expires in 5 days`)),
    );
  });
});
