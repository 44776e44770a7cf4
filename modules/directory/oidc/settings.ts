// Settings > Directory's stored OpenID Connect settings: read for sign-in (with the client secret opened),
// shown without it, saved and removed with an audit event that never carries it.
import "server-only";
import type { RequestMeta } from "@/lib/audit/record";
import type { SessionUser } from "@/lib/auth/users";
import { openSecret, sealSecret } from "@/lib/crypto/secret-box";
import { db } from "@/lib/db/db";
import { checkSettings, DirectoryInputError, removeAudited, saveAudited } from "../sealed-settings";
import { oidcSettingsSchema, type OidcSettingsValues } from "@/modules/directory/shared/oidc-schema";
import { discoverProvider } from "./provider";

const ID = "oidc";
const SECRET_CONTEXT = "directory:oidc:client-secret";

export type OidcSettings = {
  issuerUrl: string;
  clientId: string;
  clientSecret: string;
  groupsClaim: string;
  adminGroup: string | null;
  viewerGroup: string | null;
  buttonLabel: string;
};

/** What the page shows: everything but the client secret, of which only its existence. */
export type OidcSettingsView = Omit<OidcSettingsValues, "clientSecret"> & {
  hasClientSecret: boolean;
  updatedAt: Date | null;
  updatedByName: string | null;
};

const select = {
  issuerUrl: true,
  clientId: true,
  groupsClaim: true,
  adminGroup: true,
  viewerGroup: true,
  buttonLabel: true,
  updatedAt: true,
  updatedByName: true,
} as const;

export async function getOidcSettingsView(): Promise<OidcSettingsView | null> {
  const row = await db().oidcSettings.findUnique({ where: { id: ID }, select });
  if (!row) return null;
  return { ...row, adminGroup: row.adminGroup ?? "", viewerGroup: row.viewerGroup ?? "", hasClientSecret: true };
}

/** The sign-in page's `Sign in with <label>`, or null when OpenID Connect is not set up. */
export async function oidcButtonLabel(): Promise<string | null> {
  const row = await db().oidcSettings.findUnique({ where: { id: ID }, select: { buttonLabel: true } });
  return row?.buttonLabel ?? null;
}

/** The settings sign-in uses, or null when OpenID Connect is not set up. */
export async function getOidcSettings(): Promise<OidcSettings | null> {
  const row = await db().oidcSettings.findUnique({ where: { id: ID }, select: { ...select, clientSecretSealed: true } });
  if (!row) return null;
  return {
    issuerUrl: row.issuerUrl,
    clientId: row.clientId,
    clientSecret: openSecret(row.clientSecretSealed, SECRET_CONTEXT),
    groupsClaim: row.groupsClaim,
    adminGroup: row.adminGroup,
    viewerGroup: row.viewerGroup,
    buttonLabel: row.buttonLabel,
  };
}

/** Checks the values, merges the stored secret when none was typed and reads the provider's discovery document. */
async function resolveOidcSettings(input: OidcSettingsValues): Promise<OidcSettings> {
  const { values: v, secret: clientSecret } = await checkSettings({
    schema: oidcSettingsSchema,
    input,
    secret: { key: "clientSecret", typed: input.clientSecret },
    storedSecret: async () => (await getOidcSettings().catch(() => null))?.clientSecret,
    missingSecret: "Enter the Client secret the provider gave the console.",
  });
  // A provider that cannot be found is a typo in the Issuer URL far more often than an outage: say so now.
  const discovered = await discoverProvider(v.issuerUrl);
  if (!discovered.ok) throw new DirectoryInputError("Check the highlighted fields.", { issuerUrl: discovered.message });
  return {
    issuerUrl: v.issuerUrl,
    clientId: v.clientId,
    clientSecret,
    groupsClaim: v.groupsClaim,
    adminGroup: v.adminGroup || null,
    viewerGroup: v.viewerGroup || null,
    buttonLabel: v.buttonLabel,
  };
}

export async function saveOidcSettings(input: OidcSettingsValues, actor: SessionUser, meta: RequestMeta): Promise<void> {
  const s = await resolveOidcSettings(input);
  const { clientSecret, ...facts } = s;
  const data = {
    ...facts,
    clientSecretSealed: sealSecret(clientSecret, SECRET_CONTEXT),
    updatedAt: new Date(),
    updatedByName: actor.username,
  };
  await saveAudited(
    (tx) => tx.oidcSettings.upsert({ where: { id: ID }, create: { id: ID, ...data }, update: data, select: { id: true } }),
    { actor, meta },
    { kind: "oidc", ...facts, clientSecret: input.clientSecret ? "replaced" : "kept" },
  );
}

/** Removes the OpenID Connect settings: its users stay (Users page) but can no longer sign in through it. */
export async function removeOidcSettings(actor: SessionUser, meta: RequestMeta): Promise<boolean> {
  return removeAudited("oidc", (tx) => tx.oidcSettings.deleteMany({ where: { id: ID } }), { actor, meta });
}
