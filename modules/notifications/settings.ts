// Settings > Notifications' one row: the relay, the recipients, the warning thresholds and the digest.
// The SMTP password is sealed (lib/crypto/secret-box.ts) and never read back to a page. Changes are
// audited with old and new (never the password itself).
import "server-only";
import { forgetListening } from "./listening";
import { recordAuditEvent, type RequestMeta } from "@/lib/audit/record";
import type { SessionUser } from "@/lib/auth/users";
import { getConfig } from "@/lib/config/config";
import { openSecret, sealSecret } from "@/lib/crypto/secret-box";
import { db, type Db, type Tx } from "@/lib/db/db";
import { errorLine } from "@/lib/log/error-line";
import { inEveryIsolate } from "@/lib/runtime/isolates";
import { DAY_MS } from "@/lib/tokens";
import {
  DEFAULT_WARN_DAYS,
  parseAddressLines,
  parseWarnDays,
  SECURITY,
  type EmailSettingsValues,
  type Security,
  type WhenSettingsValues,
} from "./shared/settings-schema";

const SETTINGS_ID = "default";
const PASSWORD_CONTEXT = "notification-settings:smtp-password";

export type NotificationSettings = {
  smtpHost: string | null;
  smtpPort: number | null;
  security: Security;
  smtpUsername: string | null;
  hasPassword: boolean;
  allowPlainPassword: boolean;
  mailFrom: string | null;
  recipients: string[];
  warnDays: number[];
  dailyDigest: boolean;
  consoleUrl: string | null;
  updatedAt: Date | null;
  updatedByName: string | null;
};

const DEFAULTS: NotificationSettings = {
  smtpHost: null,
  smtpPort: null,
  security: "STARTTLS",
  smtpUsername: null,
  hasPassword: false,
  allowPlainPassword: false,
  mailFrom: null,
  recipients: [],
  warnDays: [...DEFAULT_WARN_DAYS],
  dailyDigest: false,
  consoleUrl: null,
  updatedAt: null,
  updatedByName: null,
};

type Row = NonNullable<Awaited<ReturnType<ReturnType<typeof db>["notificationSettings"]["findUnique"]>>>;

function fromRow(row: Row): NotificationSettings {
  const days = parseWarnDays(row.warnDays);
  const recipients = parseAddressLines(row.recipients, Number.MAX_SAFE_INTEGER);
  return {
    smtpHost: row.smtpHost,
    smtpPort: row.smtpPort,
    security: (SECURITY as readonly string[]).includes(row.smtpSecurity) ? (row.smtpSecurity as Security) : "STARTTLS",
    smtpUsername: row.smtpUsername,
    hasPassword: row.smtpPasswordSealed !== null,
    allowPlainPassword: row.allowPlainPassword,
    mailFrom: row.mailFrom,
    recipients: "addresses" in recipients ? recipients.addresses : [],
    warnDays: "days" in days ? days.days : [...DEFAULT_WARN_DAYS],
    dailyDigest: row.dailyDigest,
    consoleUrl: row.consoleUrl,
    updatedAt: row.updatedAt,
    updatedByName: row.updatedByName,
  };
}

export async function getNotificationSettings(client: Db | Tx = db()): Promise<NotificationSettings> {
  const row = await client.notificationSettings.findUnique({ where: { id: SETTINGS_ID } });
  return row ? fromRow(row) : { ...DEFAULTS };
}

/** The SMTP password, opened; null when none is stored. */
export async function smtpPassword(client: Db | Tx = db()): Promise<string | null> {
  const row = await client.notificationSettings.findUnique({ where: { id: SETTINGS_ID }, select: { smtpPasswordSealed: true } });
  return row?.smtpPasswordSealed ? openSecret(row.smtpPasswordSealed, PASSWORD_CONTEXT) : null;
}

/** Where links in notifications point: the Console URL setting, else NEXTAUTH_URL. */
/** Whether email can be sent: a relay and a sender. */
export function hasEmail(settings: NotificationSettings): boolean {
  return Boolean(settings.smtpHost && settings.mailFrom);
}

/** Who is emailed about a token: the global recipients and the token's own Notify addresses, once each. */
export function recipientsFor(settings: NotificationSettings, notifyEmails: string | null): string[] {
  return [...new Set([...settings.recipients, ...(notifyEmails?.split("\n").filter(Boolean) ?? [])])];
}

// The largest threshold, held in memory for the Bearer API, which asks on every authenticated request
// (expiry-warning.ts): read again at most every WARN_WINDOW_REFRESH_MS in each process, so another
// instance's change shows within that, and at once in the process that saves it.
const WARN_WINDOW_REFRESH_MS = 60_000;
const warnWindow = { ms: DEFAULT_WARN_DAYS[0] * DAY_MS, readAt: Number.NEGATIVE_INFINITY, reading: false };

function rememberWarnDays(warnDays: readonly number[]): void {
  warnWindow.ms = (warnDays[0] ?? 0) * DAY_MS;
  warnWindow.readAt = performance.now();
}

// Saved in the pages worker, read by the Bearer API on the main thread: at once there too.
const rememberSavedWarnDays = inEveryIsolate<readonly number[]>("warn-days", rememberWarnDays);

/** Reads the thresholds now (at start, so the first requests already see the saved ones). */
export async function refreshWarnWindow(): Promise<void> {
  warnWindow.reading = true;
  try {
    rememberWarnDays((await getNotificationSettings()).warnDays);
  } catch (error) {
    // The last known window stays; it is asked again after the refresh interval.
    warnWindow.readAt = performance.now();
    console.error(`notifications: reading the warning thresholds failed: ${errorLine(error)}`);
  } finally {
    warnWindow.reading = false;
  }
}

/** How long before its expiry a token is first warned of, in ms (0: never); never waits for the database. */
export function warnWindowMs(): number {
  if (!warnWindow.reading && performance.now() - warnWindow.readAt > WARN_WINDOW_REFRESH_MS) void refreshWarnWindow();
  return warnWindow.ms;
}

export function consoleBaseUrl(settings: NotificationSettings): string | null {
  const url = settings.consoleUrl ?? getConfig().publicUrl ?? null;
  return url ? url.replace(/\/+$/, "") : null;
}

const emailFacts = (s: NotificationSettings) => ({
  smtpHost: s.smtpHost,
  smtpPort: s.smtpPort,
  security: s.security,
  smtpUsername: s.smtpUsername,
  password: s.hasPassword,
  allowPlainPassword: s.allowPlainPassword,
  mailFrom: s.mailFrom,
  recipients: s.recipients,
});

const whenFacts = (s: NotificationSettings) => ({ warnDays: s.warnDays, dailyDigest: s.dailyDigest, consoleUrl: s.consoleUrl });

export class PlainPasswordError extends Error {
  override name = "PlainPasswordError";
  constructor() {
    super(
      "With Security None the password crosses the network in plain text: choose STARTTLS or TLS, or confirm that this relay may receive it unencrypted.",
    );
  }
}

async function save(
  tx: Tx,
  old: NotificationSettings,
  data: Partial<Omit<Row, "id" | "updatedAt" | "updatedByName">>,
  actor: SessionUser,
): Promise<void> {
  const base = {
    smtpHost: old.smtpHost,
    smtpPort: old.smtpPort,
    smtpSecurity: old.security,
    smtpUsername: old.smtpUsername,
    allowPlainPassword: old.allowPlainPassword,
    mailFrom: old.mailFrom,
    recipients: old.recipients.join("\n"),
    warnDays: old.warnDays.join(","),
    dailyDigest: old.dailyDigest,
    consoleUrl: old.consoleUrl,
  };
  const row = { ...base, ...data, updatedAt: new Date(), updatedByName: actor.username };
  await tx.notificationSettings.upsert({ where: { id: SETTINGS_ID }, create: { id: SETTINGS_ID, ...row }, update: row });
}

/** Saves the Email section; a password is kept unless a new one is typed or it is cleared. */
export async function updateEmailSettings(
  values: EmailSettingsValues,
  actor: SessionUser,
  meta: RequestMeta,
): Promise<{ changed: boolean }> {
  forgetListening();
  return db().$transaction(async (tx) => {
    const old = await getNotificationSettings(tx);
    const recipients = parseAddressLines(values.recipients);
    const hasPassword = values.password !== "" || (old.hasPassword && !values.clearPassword);
    const plain = values.security === "NONE" && hasPassword && values.username !== "";
    if (plain && !values.confirmPlainPassword) throw new PlainPasswordError();
    const host = values.smtpHost || null;
    const next: NotificationSettings = {
      ...old,
      smtpHost: host,
      smtpPort: host ? (values.smtpPort ? Number(values.smtpPort) : null) : null,
      security: values.security,
      smtpUsername: values.username || null,
      hasPassword: hasPassword && values.username !== "",
      allowPlainPassword: plain,
      mailFrom: values.from || null,
      recipients: "addresses" in recipients ? recipients.addresses : [],
    };
    const passwordChange = values.password !== "" ? "replaced" : old.hasPassword && !next.hasPassword ? "removed" : null;
    if (JSON.stringify(emailFacts(old)) === JSON.stringify(emailFacts(next)) && passwordChange === null && old.updatedAt) {
      return { changed: false };
    }
    await save(
      tx,
      old,
      {
        smtpHost: next.smtpHost,
        smtpPort: next.smtpPort,
        smtpSecurity: next.security,
        smtpUsername: next.smtpUsername,
        allowPlainPassword: next.allowPlainPassword,
        mailFrom: next.mailFrom,
        recipients: next.recipients.join("\n"),
        ...(values.password !== ""
          ? { smtpPasswordSealed: sealSecret(values.password, PASSWORD_CONTEXT) }
          : next.hasPassword
            ? {}
            : { smtpPasswordSealed: null }),
      },
      actor,
    );
    await recordAuditEvent(
      {
        actorType: "user",
        actorId: actor.id,
        actorName: actor.username,
        action: "notifications.settings_update",
        outcome: "success",
        targetType: "notification_settings",
        targetId: SETTINGS_ID,
        details: { old: emailFacts(old), new: emailFacts(next), ...(passwordChange ? { password: passwordChange } : {}) },
        meta,
      },
      tx,
    );
    return { changed: true };
  });
}

/** Saves the When section (thresholds, digest, Console URL). */
export async function updateWhenSettings(
  values: WhenSettingsValues,
  actor: SessionUser,
  meta: RequestMeta,
): Promise<{ changed: boolean }> {
  const savedWarnDays = await db().$transaction(async (tx) => {
    const old = await getNotificationSettings(tx);
    const days = parseWarnDays(values.warnDays);
    const next: NotificationSettings = {
      ...old,
      warnDays: "days" in days ? days.days : old.warnDays,
      dailyDigest: values.dailyDigest,
      consoleUrl: values.consoleUrl.replace(/\/+$/, "") || null,
    };
    if (JSON.stringify(whenFacts(old)) === JSON.stringify(whenFacts(next)) && old.updatedAt) return null;
    await save(tx, old, { warnDays: next.warnDays.join(","), dailyDigest: next.dailyDigest, consoleUrl: next.consoleUrl }, actor);
    await recordAuditEvent(
      {
        actorType: "user",
        actorId: actor.id,
        actorName: actor.username,
        action: "notifications.settings_update",
        outcome: "success",
        targetType: "notification_settings",
        targetId: SETTINGS_ID,
        details: { old: whenFacts(old), new: whenFacts(next) },
        meta,
      },
      tx,
    );
    return next.warnDays;
  });
  // After the commit: a rolled-back change never reaches the API's headers.
  if (savedWarnDays) rememberSavedWarnDays(savedWarnDays);
  return { changed: savedWarnDays !== null };
}
