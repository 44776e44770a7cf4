// Webhooks of Settings > Notifications: add, edit, remove, rotate the signing secret. A secret is made
// here ("whsec_" + 24 random bytes, base64, as Standard Webhooks write them), sealed in the database,
// and shown once (the answer of add and rotate); signing opens it again.
import "server-only";
import { forgetListening } from "./listening";
import { randomBytes } from "node:crypto";
import { getConfig } from "@/lib/config/config";
import { openSecret, sealSecret } from "@/lib/crypto/secret-box";
import { recordAuditEvent, type RequestMeta } from "@/lib/audit/record";
import type { SessionUser } from "@/lib/auth/users";
import { db, type Db, type Tx } from "@/lib/db/db";
import { newId } from "@/lib/db/ids";
import { consoleBaseUrl, getNotificationSettings } from "./settings";
import { MAX_WEBHOOKS, WEBHOOK_EVENTS, type WebhookEvent, type WebhookValues } from "./shared/webhook-schema";

export class WebhookInputError extends Error {
  override name = "WebhookInputError";
  constructor(
    message: string,
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super(message);
  }
}

export type WebhookView = {
  id: string;
  url: string;
  events: WebhookEvent[];
  state: "active" | "disabled";
  disabledAt: Date | null;
  createdAt: Date;
};

const secretContext = (id: string) => `notification-webhook:${id}:secret`;
const newSecret = () => `whsec_${randomBytes(24).toString("base64")}`;

const eventsOf = (text: string) => WEBHOOK_EVENTS.filter((e) => text.split(",").includes(e));

export async function listWebhooks(): Promise<WebhookView[]> {
  const rows = await db().notificationWebhook.findMany({
    orderBy: { createdAt: "asc" },
    select: { id: true, url: true, events: true, state: true, disabledAt: true, createdAt: true },
  });
  return rows.map((r) => ({ ...r, events: eventsOf(r.events), state: r.state === "disabled" ? "disabled" : "active" }));
}

/** The webhooks subscribed to `event` and not disabled. */
export async function webhooksFor(event: WebhookEvent, client: Db | Tx = db()): Promise<{ id: string }[]> {
  const rows = await client.notificationWebhook.findMany({ where: { state: "active" }, select: { id: true, events: true } });
  return rows.filter((r) => eventsOf(r.events).includes(event)).map((r) => ({ id: r.id }));
}

export async function webhookTarget(id: string): Promise<{ url: string; secret: string; state: string } | null> {
  const row = await db().notificationWebhook.findUnique({
    where: { id },
    select: { url: true, secretSealed: true, state: true },
  });
  return row ? { url: row.url, secret: openSecret(row.secretSealed, secretContext(id)), state: row.state } : null;
}

/** Refuses the console's own address: a webhook that calls the console back would loop. */
async function checkNotConsole(url: string): Promise<void> {
  const target = new URL(url);
  const own = [consoleBaseUrl(await getNotificationSettings()), getConfig().publicUrl].flatMap((u) => {
    try {
      return u ? [new URL(u).origin] : [];
    } catch {
      return [];
    }
  });
  const port = getConfig().port;
  const local =
    ["localhost", "127.0.0.1", "[::1]", "0.0.0.0", "[::]"].includes(target.hostname) || /^127\./.test(target.hostname);
  const targetPort = Number(target.port || (target.protocol === "https:" ? 443 : 80));
  if (own.includes(target.origin) || (local && port !== 0 && targetPort === port)) {
    throw new WebhookInputError("This is the console's own address: a webhook must point at another service.", {
      url: "This is the console's own address: a webhook must point at another service.",
    });
  }
}

type Who = { actor: SessionUser; meta: RequestMeta };

type WebhookAction =
  | { action: "notifications.webhook_add" | "notifications.webhook_update"; details: { url: string; events: string[] } }
  | { action: "notifications.webhook_remove" | "notifications.webhook_rotate_secret"; details: { url: string } };

async function audit(tx: Tx, { actor, meta }: Who, id: string, event: WebhookAction): Promise<void> {
  await recordAuditEvent(
    {
      actorType: "user",
      actorId: actor.id,
      actorName: actor.username,
      outcome: "success",
      targetType: "notification_webhook",
      targetId: id,
      meta,
      ...event,
    },
    tx,
  );
}

export async function addWebhook(values: WebhookValues, who: Who): Promise<{ id: string; secret: string }> {
  forgetListening();
  await checkNotConsole(values.url);
  if ((await db().notificationWebhook.count()) >= MAX_WEBHOOKS) {
    throw new WebhookInputError(`At most ${MAX_WEBHOOKS} webhooks: remove one first.`);
  }
  const id = newId();
  const secret = newSecret();
  const now = new Date();
  await db().$transaction(async (tx) => {
    await tx.notificationWebhook.create({
      data: {
        id,
        url: values.url,
        events: values.events.join(","),
        secretSealed: sealSecret(secret, secretContext(id)),
        state: "active",
        createdAt: now,
        updatedAt: now,
      },
    });
    await audit(tx, who, id, { action: "notifications.webhook_add", details: { url: values.url, events: values.events } });
  });
  return { id, secret };
}

/** Edits URL and events; a disabled webhook is enabled again (its receiver was fixed). */
export async function updateWebhook(id: string, values: WebhookValues, who: Who): Promise<boolean> {
  forgetListening();
  await checkNotConsole(values.url);
  return db().$transaction(async (tx) => {
    const { count } = await tx.notificationWebhook.updateMany({
      where: { id },
      data: { url: values.url, events: values.events.join(","), state: "active", disabledAt: null, updatedAt: new Date() },
    });
    if (count === 1)
      await audit(tx, who, id, { action: "notifications.webhook_update", details: { url: values.url, events: values.events } });
    return count === 1;
  });
}

export async function removeWebhook(id: string, who: Who): Promise<boolean> {
  forgetListening();
  return db().$transaction(async (tx) => {
    const row = await tx.notificationWebhook.findUnique({ where: { id }, select: { url: true } });
    if (!row) return false;
    await tx.notificationWebhook.delete({ where: { id } });
    await tx.notificationOutbox.deleteMany({ where: { webhookId: id } });
    await audit(tx, who, id, { action: "notifications.webhook_remove", details: { url: row.url } });
    return true;
  });
}

/** A new signing secret at once: later deliveries (retries included) are signed with it only. */
export async function rotateWebhookSecret(id: string, who: Who): Promise<string | null> {
  const secret = newSecret();
  return db().$transaction(async (tx) => {
    const row = await tx.notificationWebhook.findUnique({ where: { id }, select: { url: true } });
    if (!row) return null;
    await tx.notificationWebhook.update({
      where: { id },
      data: { secretSealed: sealSecret(secret, secretContext(id)), updatedAt: new Date() },
    });
    await audit(tx, who, id, { action: "notifications.webhook_rotate_secret", details: { url: row.url } });
    return secret;
  });
}

/** Marks a webhook disabled (it answered 410 Gone). */
export async function disableWebhook(id: string, at: Date): Promise<void> {
  await db().notificationWebhook.updateMany({ where: { id }, data: { state: "disabled", disabledAt: at } });
}
