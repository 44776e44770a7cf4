"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { adminAction, fail, ok } from "@/lib/next/action";
import {
  authenticateLdap,
  DirectoryInputError,
  removeLdapSettings,
  removeOidcSettings,
  resolveLdapSettings,
  saveLdapSettings,
  saveOidcSettings,
} from "@console/server/directory";
import { DIRECTORY_PATH } from "./shared/paths";
import { ldapSettingsSchema } from "./shared/ldap-schema";
import { oidcSettingsSchema } from "./shared/oidc-schema";

// The schema's own checks run again in the data layer, with the server-only ones (filter, certificate);
// the action takes the raw fields so both sets of messages reach the form together.
const rawSettings = z.object(Object.fromEntries(Object.keys(ldapSettingsSchema.shape).map((k) => [k, z.unknown()])));

function asValues(input: Record<string, unknown>) {
  const text = (key: string) => (typeof input[key] === "string" ? input[key] : "");
  return {
    serverUrl: text("serverUrl"),
    startTls: input.startTls === true,
    caCert: text("caCert"),
    bindDn: text("bindDn"),
    bindPassword: text("bindPassword"),
    userBase: text("userBase"),
    userFilter: text("userFilter"),
    adminGroup: text("adminGroup"),
    viewerGroup: text("viewerGroup"),
    localAdminsOnly: input.localAdminsOnly === true,
  };
}

export const saveDirectoryAction = adminAction(
  { name: "saveDirectoryAction", input: rawSettings },
  async (input, { user, meta }) => {
    try {
      await saveLdapSettings(asValues(input), user, meta);
    } catch (error) {
      if (error instanceof DirectoryInputError) return fail("invalid_input", error.message, error.fieldErrors);
      throw error;
    }
    revalidatePath(DIRECTORY_PATH);
    return ok({ saved: true });
  },
);

export type TestConnectionAnswer = { ok: boolean; text: string };

/** Test connection: binds with the form's settings (the stored password when none is typed) and looks one username up. */
export const testConnectionAction = adminAction(
  {
    name: "testConnectionAction",
    input: z.object({ settings: rawSettings, username: z.string().trim().min(1, "Enter a username to look up.").max(256) }),
  },
  async ({ settings, username }) => {
    let resolved;
    try {
      resolved = await resolveLdapSettings(asValues(settings));
    } catch (error) {
      if (error instanceof DirectoryInputError) return fail("invalid_input", error.message, error.fieldErrors);
      throw error;
    }
    const found = await authenticateLdap(resolved, username, null);
    if (found.ok) {
      const role =
        found.role === "ADMIN" ? "Administrator" : found.role === "VIEWER" ? "Viewer" : "none: sign-in would be refused";
      return ok<TestConnectionAnswer>({
        ok: true,
        text: `Connected. Found ${found.dn} (${found.displayName}); groups: ${found.groups.join("; ") || "none of the two"}; role: ${role}.`,
      });
    }
    const text =
      "message" in found
        ? found.message
        : found.reason === "unknown_user"
          ? `Connected, but no user matches the User filter for "${username}" under the User search base.`
          : `Connected, but several users match "${username}": make the User filter match one.`;
    return ok<TestConnectionAnswer>({ ok: false, text });
  },
);

const rawOidcSettings = z.object(Object.fromEntries(Object.keys(oidcSettingsSchema.shape).map((k) => [k, z.unknown()])));

export const saveOidcAction = adminAction({ name: "saveOidcAction", input: rawOidcSettings }, async (input, { user, meta }) => {
  const text = (key: string) => (typeof input[key] === "string" ? input[key] : "");
  try {
    await saveOidcSettings(
      {
        issuerUrl: text("issuerUrl"),
        clientId: text("clientId"),
        clientSecret: text("clientSecret"),
        groupsClaim: text("groupsClaim"),
        adminGroup: text("adminGroup"),
        viewerGroup: text("viewerGroup"),
        buttonLabel: text("buttonLabel"),
      },
      user,
      meta,
    );
  } catch (error) {
    if (error instanceof DirectoryInputError) return fail("invalid_input", error.message, error.fieldErrors);
    throw error;
  }
  revalidatePath(DIRECTORY_PATH);
  return ok({ saved: true });
});

/** Remove: the LDAP or the OpenID Connect settings; their users stay but can no longer sign in through it. */
export const removeDirectoryAction = adminAction(
  { name: "removeDirectoryAction", input: z.object({ kind: z.enum(["ldap", "oidc"], "Choose ldap or oidc.") }) },
  async ({ kind }, { user, meta }) => {
    const removed = kind === "ldap" ? await removeLdapSettings(user, meta) : await removeOidcSettings(user, meta);
    if (!removed) return fail("not_found", "These settings were removed already.");
    revalidatePath(DIRECTORY_PATH);
    return ok({ removed: true });
  },
);
