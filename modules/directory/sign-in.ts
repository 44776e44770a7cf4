// Sign-in through the directory, for modules/auth/sign-in: LDAP says who the user is and which group
// they are in; the console keeps a just-in-time user (Source LDAP) whose role follows the groups at
// every sign-in. Throttles and audit stay with the caller, the same for every source.
import "server-only";
import { normalizeUsername, upsertDirectoryUser, type SessionUser } from "@/lib/auth/users";
import { authenticateLdap } from "./ldap/ldap";
import { getLdapSettings } from "./settings";

export type DirectorySignIn =
  | { kind: "not_configured" }
  | { kind: "ok"; user: SessionUser; created: boolean }
  | {
      kind: "refused";
      reason:
        | "unknown_user"
        | "wrong_password"
        | "no_group"
        | "ambiguous_user"
        | "disabled"
        | "not_local"
        | "other_source"
        | "no_groups_claim"
        | "oidc_state"
        | "oidc_code"
        | "oidc_token"
        | "oidc_denied";
      userId: string | null;
    }
  | { kind: "unreachable" | "error" };

export async function signInWithDirectory(username: string, password: string): Promise<DirectorySignIn> {
  const settings = await getLdapSettings();
  if (!settings) return { kind: "not_configured" };
  let name: string;
  try {
    name = normalizeUsername(username);
  } catch {
    return { kind: "refused", reason: "unknown_user", userId: null };
  }
  const found = await authenticateLdap(settings, name, password);
  if (!found.ok) {
    if (found.reason === "unreachable") return { kind: "unreachable" };
    if (found.reason === "unknown_user" || found.reason === "wrong_password" || found.reason === "ambiguous_user") {
      return { kind: "refused", reason: found.reason, userId: null };
    }
    // Certificate, service account or server faults: the administrator sees them with Test connection.
    console.error(`[directory] sign-in failed: ${found.reason}`);
    return { kind: "error" };
  }
  if (!found.role) return { kind: "refused", reason: "no_group", userId: null };
  const upserted = await upsertDirectoryUser({
    username: name,
    displayName: found.displayName,
    role: found.role,
    source: "LDAP",
  });
  if ("refused" in upserted) {
    const reason =
      upserted.refused === "disabled" ? "disabled" : upserted.refused === "other_source" ? "other_source" : "not_local";
    return { kind: "refused", reason, userId: upserted.id };
  }
  return { kind: "ok", user: upserted.user, created: upserted.created };
}
