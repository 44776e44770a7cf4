// Sign-in through OpenID Connect, for modules/auth/sign-in: the authorization code flow with PKCE, state
// and nonce. The flow's secrets travel in a sealed cookie (lib/crypto/secret-box.ts: encrypted and
// authenticated, bound to its purpose, ten minutes); the callback's groups claim gives the role by the
// same rule as LDAP, and the user is kept just in time with Source OIDC. Throttles and audit stay with
// the caller, the same for every source.
import "server-only";
import { normalizeUsername, upsertDirectoryUser } from "@/lib/auth/users";
import { openSecret, sealSecret } from "@/lib/crypto/secret-box";
import { OIDC_CALLBACK_PATH } from "@/modules/directory/shared/oidc-schema";
import { roleFromGroups } from "../roles";
import type { DirectorySignIn } from "../sign-in";
import { authorizationUrl, exchangeCode, type FlowSecrets } from "./provider";
import { getOidcSettings, type OidcSettings } from "./settings";

const FLOW_CONTEXT = "directory:oidc:flow";
/** Long enough to sign in at the provider (and its MFA), short enough that a stolen cookie soon expires. */
export const OIDC_FLOW_SECONDS = 10 * 60;

type Flow = FlowSecrets & { callbackUrl: string; expiresAt: number };

const clientOf = (s: OidcSettings, origin: string) => ({
  issuerUrl: s.issuerUrl,
  clientId: s.clientId,
  clientSecret: s.clientSecret,
  redirectUri: `${origin}${OIDC_CALLBACK_PATH}`,
});

export type OidcStart =
  { kind: "redirect"; location: string; flowCookie: string } | { kind: "not_configured" | "unreachable" | "error" };

/** The provider's authorization URL and the sealed flow cookie to set with it. */
export async function beginOidcSignIn(origin: string, callbackUrl: string, now = Date.now()): Promise<OidcStart> {
  const settings = await getOidcSettings();
  if (!settings) return { kind: "not_configured" };
  const started = await authorizationUrl(clientOf(settings, origin));
  if (!started.ok) return { kind: started.reason };
  const flow: Flow = { ...started.secrets, callbackUrl, expiresAt: now + OIDC_FLOW_SECONDS * 1000 };
  return { kind: "redirect", location: started.url, flowCookie: sealSecret(JSON.stringify(flow), FLOW_CONTEXT) };
}

function openFlow(sealed: string | null, now: number): Flow | null {
  if (!sealed) return null;
  try {
    const flow = JSON.parse(openSecret(sealed, FLOW_CONTEXT)) as Flow;
    return flow.expiresAt > now ? flow : null;
  } catch {
    return null;
  }
}

/** A claim's groups: an array of names, or one name (some providers send a single group as a string). */
function groupsOf(value: unknown): string[] | null {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return null;
}

/** The console username: preferred_username, else email, else sub, when it is one the console can hold. */
function usernameOf(claims: Record<string, unknown>): string | null {
  for (const key of ["preferred_username", "email", "sub"]) {
    const value = claims[key];
    if (typeof value !== "string") continue;
    try {
      return normalizeUsername(value);
    } catch {
      // not a console username: try the next claim
    }
  }
  return null;
}

export type OidcSignIn = DirectorySignIn & { username: string | null; callbackUrl: string | null };

/** The callback: the state matched against the sealed flow, the code exchanged, the ID token validated, the user kept. */
export async function completeOidcSignIn(
  origin: string,
  params: Record<string, string>,
  flowCookie: string | null,
  now = Date.now(),
): Promise<OidcSignIn> {
  const settings = await getOidcSettings();
  if (!settings) return { kind: "not_configured", username: null, callbackUrl: null };
  const flow = openFlow(flowCookie, now);
  // Not a sign-in this browser started (a forged or replayed callback), or one that took too long.
  if (!flow || params.state !== flow.state)
    return { kind: "refused", reason: "oidc_state", userId: null, username: null, callbackUrl: null };
  const done = { callbackUrl: flow.callbackUrl };
  const exchanged = await exchangeCode(clientOf(settings, origin), params, flow);
  if (!exchanged.ok) {
    if (exchanged.reason === "unreachable") return { kind: "unreachable", username: null, ...done };
    if (exchanged.reason === "error") {
      // A client ID or secret the provider refuses, or a provider fault: for the administrator, in the log.
      console.error("[directory] OpenID Connect sign-in failed: the provider answered with an error");
      return { kind: "error", username: null, ...done };
    }
    return { kind: "refused", reason: exchanged.reason, userId: null, username: null, ...done };
  }
  const claims = exchanged.claims as Record<string, unknown>;
  const username = usernameOf(claims);
  if (!username) return { kind: "refused", reason: "unknown_user", userId: null, username: null, ...done };
  const groups = groupsOf(claims[settings.groupsClaim]);
  if (!groups) return { kind: "refused", reason: "no_groups_claim", userId: null, username, ...done };
  const role = roleFromGroups(groups, settings);
  if (!role) return { kind: "refused", reason: "no_group", userId: null, username, ...done };
  const displayName = typeof claims.name === "string" ? claims.name : username;
  const upserted = await upsertDirectoryUser({ username, displayName, role, source: "OIDC" });
  if ("refused" in upserted) {
    const reason =
      upserted.refused === "disabled" ? "disabled" : upserted.refused === "other_source" ? "other_source" : "not_local";
    return { kind: "refused", reason, userId: upserted.id, username, ...done };
  }
  return { kind: "ok", user: upserted.user, created: upserted.created, username, ...done };
}
