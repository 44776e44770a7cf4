// Directory sign-in over LDAP (OpenLDAP, Active Directory) with ldapts: find the user with the service
// account, bind as them with their password, then read which of the two groups they belong to. Every
// step shares one deadline, so a directory that is down or hangs answers within DIRECTORY_DEADLINE_MS.
import "server-only";
import type { ConnectionOptions } from "node:tls";
import { Client, EqualityFilter, ExtensibleFilter, InvalidCredentialsError, NoSuchObjectError, OrFilter } from "ldapts";
import type { Role } from "@/lib/auth/users";
import { roleFromGroups } from "../roles";
import { userFilterFor } from "./filter";

/** The whole exchange, from connect to the group check: "within 5 s" with margin for the response. */
export const DIRECTORY_DEADLINE_MS = 4_000;
/** Active Directory's LDAP_MATCHING_RULE_IN_CHAIN: membership through nested groups. */
const IN_CHAIN = "1.2.840.113556.1.4.1941";
/** rootDSE capability an Active Directory domain controller announces (LDAP_CAP_ACTIVE_DIRECTORY_OID). */
const AD_CAPABILITY = "1.2.840.113556.1.4.800";

export type LdapSettings = {
  url: string;
  startTls: boolean;
  caCert: string | null;
  bindDn: string;
  bindPassword: string;
  userBase: string;
  userFilter: string;
  adminGroup: string | null;
  viewerGroup: string | null;
};

type LdapUser = { dn: string; displayName: string; role: Role | null; groups: string[] };

type LdapFailure =
  | { ok: false; reason: "unknown_user" | "wrong_password" | "ambiguous_user" }
  | { ok: false; reason: "unreachable" | "certificate" | "service_bind_failed" | "directory_error"; message: string };

export type LdapResult = ({ ok: true } & LdapUser) | LdapFailure;

class DeadlineError extends Error {
  override name = "DeadlineError";
}

function tlsOptions(settings: LdapSettings): ConnectionOptions {
  const host = new URL(settings.url).hostname.replace(/^\[|\]$/g, "");
  return { ca: settings.caCert ?? undefined, servername: /^[\d.:]+$/.test(host) ? undefined : host, minVersion: "TLSv1.2" };
}

/** A TLS or network fault in plain words (never the raw error, which can carry addresses and internals). */
function describeConnectionError(error: unknown): { reason: "unreachable" | "certificate"; message: string } {
  const code = (error as { code?: string }).code ?? "";
  const certificate: Partial<Record<string, string>> = {
    CERT_HAS_EXPIRED: "The directory's certificate has expired.",
    CERT_NOT_YET_VALID: "The directory's certificate is not valid yet.",
    ERR_TLS_CERT_ALTNAME_INVALID: "The directory's certificate is for another host name than the one in Server URL.",
    DEPTH_ZERO_SELF_SIGNED_CERT: "The directory's certificate is self-signed: paste it, or its CA, in CA certificate.",
    SELF_SIGNED_CERT_IN_CHAIN: "The directory's certificate comes from an unknown CA: paste that CA in CA certificate.",
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: "The directory's certificate comes from an unknown CA: paste that CA in CA certificate.",
    UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "The directory's certificate comes from an unknown CA: paste that CA in CA certificate.",
  };
  const known = certificate[code];
  if (known) return { reason: "certificate", message: known };
  if (/certificate|ssl|tls/i.test(`${code} ${(error as { message?: string }).message ?? ""}`) && !/ECONN|ETIMEDOUT/.test(code)) {
    return {
      reason: "certificate",
      message: "The TLS connection to the directory failed: check Server URL, StartTLS and CA certificate.",
    };
  }
  return { reason: "unreachable", message: "The directory cannot be reached." };
}

async function withDeadline<T>(client: Client, work: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError("directory deadline")), DIRECTORY_DEADLINE_MS);
  });
  try {
    return await Promise.race([work(), deadline]);
  } finally {
    clearTimeout(timer);
    // Closes the socket whatever happened (a hung server included); errors of a dead link are moot.
    await client.unbind().catch(() => undefined);
  }
}

async function isActiveDirectory(client: Client): Promise<boolean> {
  const { searchEntries } = await client.search("", {
    scope: "base",
    filter: "(objectClass=*)",
    attributes: ["supportedCapabilities"],
  });
  const capabilities = searchEntries[0]?.supportedCapabilities;
  return (Array.isArray(capabilities) ? capabilities : [capabilities]).map(String).includes(AD_CAPABILITY);
}

async function isMember(client: Client, ad: boolean, userDn: string, groupDn: string): Promise<boolean> {
  try {
    if (ad) {
      // Nested groups: the user's own entry matches when it is in the group through any chain.
      const filter = new ExtensibleFilter({ matchType: "memberOf", rule: IN_CHAIN, value: groupDn });
      const { searchEntries } = await client.search(userDn, { scope: "base", filter, attributes: ["dn"] });
      return searchEntries.length > 0;
    }
    const filter = new OrFilter({
      filters: [
        new EqualityFilter({ attribute: "member", value: userDn }),
        new EqualityFilter({ attribute: "uniqueMember", value: userDn }),
      ],
    });
    const { searchEntries } = await client.search(groupDn, { scope: "base", filter, attributes: ["dn"] });
    return searchEntries.length > 0;
  } catch (error) {
    if (error instanceof NoSuchObjectError) return false; // a group DN that does not exist has no members
    throw error;
  }
}

const first = (value: unknown): string | undefined =>
  Array.isArray(value)
    ? first(value[0])
    : typeof value === "string"
      ? value
      : Buffer.isBuffer(value)
        ? value.toString("utf8")
        : undefined;

/**
 * Looks the user up and, unless `password` is null (Test connection), checks their password by binding
 * as them. An empty password is refused before any bind: LDAP treats it as an anonymous bind, which
 * succeeds (RFC 4513 5.1.2).
 */
export async function authenticateLdap(settings: LdapSettings, username: string, password: string | null): Promise<LdapResult> {
  if (password !== null && password.length === 0) return { ok: false, reason: "wrong_password" };
  // No network yet: ldapts connects on the first operation, inside the deadline.
  const client = new Client({
    url: settings.url,
    connectTimeout: DIRECTORY_DEADLINE_MS,
    timeout: DIRECTORY_DEADLINE_MS,
    // Only for ldaps://: ldapts opens TLS at connect whenever tlsOptions are given.
    ...(settings.url.startsWith("ldaps://") ? { tlsOptions: tlsOptions(settings) } : {}),
  });
  try {
    return await withDeadline(client, async () => {
      if (settings.startTls && settings.url.startsWith("ldap://")) await client.startTLS(tlsOptions(settings));
      try {
        await client.bind(settings.bindDn, settings.bindPassword);
      } catch (error) {
        if (error instanceof InvalidCredentialsError) {
          return {
            ok: false,
            reason: "service_bind_failed",
            message: "The directory refused the Bind DN and Bind password.",
          } as const;
        }
        throw error;
      }
      const { searchEntries } = await client.search(settings.userBase, {
        scope: "sub",
        filter: userFilterFor(settings.userFilter, username),
        attributes: ["displayName", "cn"],
        sizeLimit: 2,
      });
      const [entry, another] = searchEntries;
      if (!entry) return { ok: false, reason: "unknown_user" } as const;
      if (another) return { ok: false, reason: "ambiguous_user" } as const;
      if (password !== null) {
        try {
          await client.bind(entry.dn, password);
        } catch (error) {
          if (error instanceof InvalidCredentialsError) return { ok: false, reason: "wrong_password" } as const;
          throw error;
        }
        // Groups are read with the service account: users often may not read them.
        await client.bind(settings.bindDn, settings.bindPassword);
      }
      const ad = await isActiveDirectory(client);
      const groups: string[] = [];
      for (const group of [settings.adminGroup, settings.viewerGroup]) {
        if (group && (await isMember(client, ad, entry.dn, group))) groups.push(group);
      }
      const role = roleFromGroups(groups, settings);
      const displayName = first(entry.displayName) ?? first(entry.cn) ?? username;
      return { ok: true, dn: entry.dn, displayName, role, groups };
    });
  } catch (error) {
    if (error instanceof DeadlineError) return { ok: false, reason: "unreachable", message: "The directory cannot be reached." };
    const described = describeConnectionError(error);
    if (described.reason === "certificate" || (error as { code?: string }).code) return { ok: false, ...described };
    return { ok: false, reason: "directory_error", message: "The directory answered with an error: check the settings." };
  }
}
