// Settings > Directory's stored LDAP settings: read for sign-in (with the bind password opened), shown
// without it, and saved with an audit event that never carries it.
import "server-only";
import { X509Certificate } from "node:crypto";
import type { RequestMeta } from "@/lib/audit/record";
import type { SessionUser } from "@/lib/auth/users";
import { openSecret, sealSecret } from "@/lib/crypto/secret-box";
import { db } from "@/lib/db/db";
import { userFilterProblem } from "./ldap/filter";
import type { LdapSettings } from "./ldap/ldap";
import { checkSettings, removeAudited, saveAudited } from "./sealed-settings";
import { ldapSettingsSchema, type LdapSettingsValues } from "./shared/ldap-schema";

const ID = "ldap";
const PASSWORD_CONTEXT = "directory:ldap:bind-password";

/** What the page shows: everything but the bind password, of which only its existence. */
export type LdapSettingsView = Omit<LdapSettingsValues, "bindPassword"> & {
  hasBindPassword: boolean;
  updatedAt: Date | null;
  updatedByName: string | null;
};

const select = {
  serverUrl: true,
  startTls: true,
  caCert: true,
  bindDn: true,
  userBase: true,
  userFilter: true,
  adminGroup: true,
  viewerGroup: true,
  localAdminsOnly: true,
  updatedAt: true,
  updatedByName: true,
} as const;

export async function getLdapSettingsView(): Promise<LdapSettingsView | null> {
  const row = await db().directorySettings.findUnique({ where: { id: ID }, select });
  if (!row) return null;
  return {
    ...row,
    caCert: row.caCert ?? "",
    adminGroup: row.adminGroup ?? "",
    viewerGroup: row.viewerGroup ?? "",
    hasBindPassword: true,
  };
}

/** Break-glass `Local administrators only`, read without opening the bind password. */
export async function localSignInLimitedToAdmins(): Promise<boolean> {
  const row = await db().directorySettings.findUnique({ where: { id: ID }, select: { localAdminsOnly: true } });
  return row?.localAdminsOnly ?? false;
}

/** The settings sign-in uses, or null when no directory is configured. */
export async function getLdapSettings(): Promise<(LdapSettings & { localAdminsOnly: boolean }) | null> {
  const row = await db().directorySettings.findUnique({ where: { id: ID }, select: { ...select, bindPasswordSealed: true } });
  if (!row) return null;
  return {
    url: row.serverUrl,
    startTls: row.startTls,
    caCert: row.caCert,
    bindDn: row.bindDn,
    bindPassword: openSecret(row.bindPasswordSealed, PASSWORD_CONTEXT),
    userBase: row.userBase,
    userFilter: row.userFilter,
    adminGroup: row.adminGroup,
    viewerGroup: row.viewerGroup,
    localAdminsOnly: row.localAdminsOnly,
  };
}

/** The checks zod cannot make in a browser: the filter (ldapts' parser) and the certificate (node:crypto). */
function serverProblems(values: LdapSettingsValues): Record<string, string> {
  const problems: Record<string, string> = {};
  const filter = userFilterProblem(values.userFilter.trim());
  if (filter) problems.userFilter = filter;
  if (values.caCert.trim()) {
    try {
      const certificate = new X509Certificate(values.caCert.trim());
      if (new Date(certificate.validTo) < new Date()) problems.caCert = "The CA certificate has expired.";
    } catch {
      problems.caCert = "The CA certificate cannot be read: paste it in PEM form (-----BEGIN CERTIFICATE-----).";
    }
  }
  return problems;
}

/** Checks values and merges the stored bind password when none was typed; throws DirectoryInputError. */
export async function resolveLdapSettings(input: LdapSettingsValues): Promise<LdapSettings & { localAdminsOnly: boolean }> {
  const { values: v, secret: bindPassword } = await checkSettings({
    schema: ldapSettingsSchema,
    input,
    secret: { key: "bindPassword", typed: input.bindPassword },
    storedSecret: async () => (await getLdapSettings())?.bindPassword,
    missingSecret: "Enter the Bind password of the service account.",
    serverProblems: serverProblems(input),
  });
  return {
    url: v.serverUrl,
    startTls: v.startTls,
    caCert: v.caCert || null,
    bindDn: v.bindDn,
    bindPassword,
    userBase: v.userBase,
    userFilter: v.userFilter,
    adminGroup: v.adminGroup || null,
    viewerGroup: v.viewerGroup || null,
    localAdminsOnly: v.localAdminsOnly,
  };
}

export async function saveLdapSettings(input: LdapSettingsValues, actor: SessionUser, meta: RequestMeta): Promise<void> {
  const s = await resolveLdapSettings(input);
  const facts = {
    serverUrl: s.url,
    startTls: s.startTls,
    caCert: s.caCert !== null,
    bindDn: s.bindDn,
    userBase: s.userBase,
    userFilter: s.userFilter,
    adminGroup: s.adminGroup,
    viewerGroup: s.viewerGroup,
    localAdminsOnly: s.localAdminsOnly,
  };
  const data = {
    serverUrl: s.url,
    startTls: s.startTls,
    caCert: s.caCert,
    bindDn: s.bindDn,
    bindPasswordSealed: sealSecret(s.bindPassword, PASSWORD_CONTEXT),
    userBase: s.userBase,
    userFilter: s.userFilter,
    adminGroup: s.adminGroup,
    viewerGroup: s.viewerGroup,
    localAdminsOnly: s.localAdminsOnly,
    updatedAt: new Date(),
    updatedByName: actor.username,
  };
  await saveAudited(
    (tx) => tx.directorySettings.upsert({ where: { id: ID }, create: { id: ID, ...data }, update: data, select: { id: true } }),
    { actor, meta },
    { ...facts, bindPassword: input.bindPassword ? "replaced" : "kept" },
  );
}

/**
 * Removes the LDAP settings (and with them `Local administrators only`): LDAP users stay (Users page) but
 * can no longer sign in, and their sessions end at their next re-check.
 */
export async function removeLdapSettings(actor: SessionUser, meta: RequestMeta): Promise<boolean> {
  return removeAudited("ldap", (tx) => tx.directorySettings.deleteMany({ where: { id: ID } }), { actor, meta });
}
