// The audit trail's settings: the syslog identity of forwarded messages, each destination's backlog
// limits and the retention of the log. One row; changed by administrators, audited with old and new.
import "server-only";
import { hostname as osHostname } from "node:os";
import { recordAuditEvent, type RequestMeta } from "@/lib/audit/record";
import type { SessionUser } from "@/lib/auth/users";
import { db, type Db, type Tx } from "@/lib/db/db";
import { DEFAULT_BACKLOG, type AuditSettingsValues } from "./shared/destination-schema";

const SETTINGS_ID = "default";
const DEFAULT_APP_NAME = "service-tokens";

export type AuditSettings = {
  /** As saved (null: the default below). */
  appName: string | null;
  hostname: string | null;
  backlogMaxEvents: number;
  backlogMaxDays: number;
  retentionDays: number | null;
  updatedAt: Date | null;
  updatedByName: string | null;
};

export async function getAuditSettings(client: Db | Tx = db()): Promise<AuditSettings> {
  const row = await client.auditSettings.findUnique({ where: { id: SETTINGS_ID } });
  return row
    ? { ...row }
    : {
        appName: null,
        hostname: null,
        backlogMaxEvents: DEFAULT_BACKLOG.maxEvents,
        backlogMaxDays: DEFAULT_BACKLOG.maxDays,
        retentionDays: null,
        updatedAt: null,
        updatedByName: null,
      };
}

/** The RFC 5424 HOSTNAME and APP-NAME forwarded messages carry. */
export function syslogIdentity(settings: AuditSettings): { hostname: string; appName: string } {
  return { hostname: settings.hostname ?? osHostname(), appName: settings.appName ?? DEFAULT_APP_NAME };
}

const facts = (s: Omit<AuditSettings, "updatedAt" | "updatedByName">) => ({
  appName: s.appName,
  hostname: s.hostname,
  backlogMaxEvents: s.backlogMaxEvents,
  backlogMaxDays: s.backlogMaxDays,
  retentionDays: s.retentionDays,
});

export async function updateAuditSettings(
  values: AuditSettingsValues,
  actor: SessionUser,
  meta: RequestMeta,
): Promise<{ settings: AuditSettings; changed: boolean }> {
  return db().$transaction(async (tx) => {
    const old = await getAuditSettings(tx);
    const next = facts({ ...values, appName: values.appName || null, hostname: values.hostname || null });
    if (JSON.stringify(facts(old)) === JSON.stringify(next) && old.updatedAt !== null) return { settings: old, changed: false };
    const data = { ...next, updatedAt: new Date(), updatedByName: actor.username };
    await tx.auditSettings.upsert({ where: { id: SETTINGS_ID }, create: { id: SETTINGS_ID, ...data }, update: data });
    await recordAuditEvent(
      {
        actorType: "user",
        actorId: actor.id,
        actorName: actor.username,
        action: "audit_forwarding.settings_update",
        outcome: "success",
        targetType: "audit_settings",
        targetId: SETTINGS_ID,
        details: { old: facts(old), new: next },
        meta,
      },
      tx,
    );
    return { settings: data, changed: true };
  });
}
