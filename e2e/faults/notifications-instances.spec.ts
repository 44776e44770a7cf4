// Two console processes on one PostgreSQL database send each expiry warning once: both run the
// notifications job (one holds its lease and delivers), and `Check now` is pressed on both at the same
// moment, twice, so both scans race to record the same notices. A real SMTP relay counts what arrives.
import { randomBytes, randomUUID } from "node:crypto";
import pg from "pg";
import { expect, test } from "@playwright/test";
import { callAction } from "../support/actions";
import { E2E_PORT } from "../support/env";
import { INSTANCE_ADMIN, signInOverHttp, startInstance, type Instance } from "../support/instance";
import { needs } from "../support/needs";
import { createCluster, unavailableReason, type Cluster } from "../support/pg-cluster";
import { startSmtpRelay, type SmtpRelay } from "../support/smtp";

test.describe.configure({ mode: "serial" });

const DAY_MS = 86_400_000;
const TOKENS = 40;

test.describe("PostgreSQL, two instances", () => {
  needs(unavailableReason());
  let cluster: Cluster;
  let relay: SmtpRelay;
  let instances: { instance: Instance; cookie: string }[] = [];

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    relay = await startSmtpRelay();
    cluster = createCluster(E2E_PORT + 52);
    for (let i = 0; i < 2; i++) {
      const instance = await startInstance({ DATABASE_URL: cluster.url });
      instances.push({ instance, cookie: (await signInOverHttp(instance.url, "admin", INSTANCE_ADMIN.password)).cookie! });
    }
  });
  test.afterAll(async () => {
    for (const { instance } of instances) await instance.stop();
    instances = [];
    (cluster as Cluster | undefined)?.destroy();
    await (relay as SmtpRelay | undefined)?.stop();
  });

  test("Check now pressed on both at once, twice: every token's warning arrives exactly once", async () => {
    test.setTimeout(120_000);
    const client = new pg.Client(cluster.url);
    await client.connect();
    const now = Date.now();
    const publicIds = Array.from({ length: TOKENS }, (_, i) => `tok_TWOINST${String(i).padStart(6, "0")}`);
    try {
      await client.query(
        `INSERT INTO "notification_settings" ("id", "smtpHost", "smtpPort", "smtpSecurity", "allowPlainPassword", "mailFrom", "recipients", "warnDays", "dailyDigest", "updatedAt")
         VALUES ('default', '127.0.0.1', $1, 'NONE', FALSE, 'console@example.com', 'ops@example.com', '30,7,1', FALSE, now())
         ON CONFLICT ("id") DO UPDATE SET "smtpHost" = excluded."smtpHost", "smtpPort" = excluded."smtpPort", "smtpSecurity" = 'NONE',
           "mailFrom" = excluded."mailFrom", "recipients" = excluded."recipients", "warnDays" = excluded."warnDays", "dailyDigest" = FALSE`,
        [relay.port],
      );
      for (const [i, publicId] of publicIds.entries()) {
        await client.query(
          `INSERT INTO "service_tokens" ("id", "publicId", "type", "issuedTo", "tokenHash", "hint", "createdAt", "createdById", "createdByName", "expiresAt")
           VALUES ($1, $2, 'CONNECTOR', $3, $4, 'opc_con_…test', $5, 'seed', 'seed', $6)`,
          [
            randomUUID(),
            publicId,
            `two instances ${i}`,
            randomBytes(32).toString("hex"),
            new Date(now - 60 * DAY_MS),
            new Date(now + 5 * DAY_MS + i * 60_000),
          ],
        );
      }
    } finally {
      await client.end();
    }

    for (let round = 0; round < 2; round++) {
      const answers = await Promise.all(
        instances.map(({ instance, cookie }) =>
          callAction(instance, cookie, "checkNowAction", {}, { page: "/settings/notifications" }),
        ),
      );
      for (const answer of answers) {
        expect(answer.status).toBe(200);
        expect(answer.text).toContain('"ok":true');
      }
    }

    const mentions = (publicId: string) => relay.received.filter((mail) => mail.text.includes(publicId)).length;
    await relay.waitFor(() => publicIds.every((id) => mentions(id) >= 1), 60_000);
    // Longer than a round of the job on either instance: a second sending would have arrived by now.
    await new Promise((resolve) => setTimeout(resolve, 12_000));
    expect(publicIds.filter((id) => mentions(id) !== 1)).toEqual([]);
    expect(relay.received.filter((mail) => /tok_TWOINST/.test(mail.text))).toHaveLength(TOKENS);
  });
});
