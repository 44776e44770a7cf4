// The OpenID provider through openid-client (the library next-auth 4 itself builds on): discovery, the
// authorization URL with PKCE (S256), state and nonce, and the code exchange, which validates the ID
// token (signature against the provider's JWKS, issuer, audience, expiry, nonce). Every exchange with the
// provider shares one deadline, so a provider that is down or hangs answers in time.
import "server-only";
import { custom, errors, generators, Issuer, type Client, type IdTokenClaims } from "openid-client";
import { DIRECTORY_DEADLINE_MS } from "../ldap/ldap";

// openid-client's own socket timeout, below the deadline: a hung request is abandoned, not left open.
custom.setHttpOptionsDefaults({ timeout: DIRECTORY_DEADLINE_MS });

/** The scopes asked for: the ID token's identity (openid), name and username (profile), email. */
const OIDC_SCOPES = "openid profile email";

class DeadlineError extends Error {
  override name = "DeadlineError";
}

async function withDeadline<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError("provider deadline")), DIRECTORY_DEADLINE_MS);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

const unreachable = (error: unknown): boolean =>
  error instanceof DeadlineError ||
  typeof (error as { code?: unknown }).code === "string" ||
  (error instanceof errors.RPError && /timed out/.test(error.message));

type Discovered = { ok: true; issuer: Issuer } | { ok: false; reason: "unreachable" | "error"; message: string };

/** The provider's discovery document (<issuer>/.well-known/openid-configuration), in plain words when missing. */
export async function discoverProvider(issuerUrl: string): Promise<Discovered> {
  try {
    return { ok: true, issuer: await withDeadline(Issuer.discover(issuerUrl)) };
  } catch (error) {
    if (unreachable(error))
      return { ok: false, reason: "unreachable", message: "The provider at this Issuer URL cannot be reached." };
    return {
      ok: false,
      reason: "error",
      message: "No OpenID provider answers at this Issuer URL: check it against the provider's issuer (its discovery document).",
    };
  }
}

export type ProviderClient = { issuerUrl: string; clientId: string; clientSecret: string; redirectUri: string };

function clientOf(issuer: Issuer, c: ProviderClient): Client {
  return new issuer.Client({
    client_id: c.clientId,
    client_secret: c.clientSecret,
    redirect_uris: [c.redirectUri],
    response_types: ["code"],
    token_endpoint_auth_method: "client_secret_basic",
  });
}

/** What the browser's round trip must bring back: kept sealed in a cookie, never in the URL but `state`. */
export type FlowSecrets = { state: string; nonce: string; codeVerifier: string };

export async function authorizationUrl(
  c: ProviderClient,
): Promise<{ ok: true; url: string; secrets: FlowSecrets } | { ok: false; reason: "unreachable" | "error" }> {
  const discovered = await discoverProvider(c.issuerUrl);
  if (!discovered.ok) return { ok: false, reason: discovered.reason };
  const secrets = { state: generators.state(), nonce: generators.nonce(), codeVerifier: generators.codeVerifier() };
  const url = clientOf(discovered.issuer, c).authorizationUrl({
    scope: OIDC_SCOPES,
    state: secrets.state,
    nonce: secrets.nonce,
    code_challenge: generators.codeChallenge(secrets.codeVerifier),
    code_challenge_method: "S256",
  });
  return { ok: true, url, secrets };
}

export type Exchanged =
  | { ok: true; claims: IdTokenClaims }
  | { ok: false; reason: "oidc_denied" | "oidc_code" | "oidc_token" | "unreachable" | "error" };

/**
 * Exchanges the callback's code (with the PKCE verifier) and validates the ID token. `params` are the
 * callback's query parameters; their `state` was already matched against the sealed one by the caller,
 * and openid-client checks it again.
 */
export async function exchangeCode(c: ProviderClient, params: Record<string, string>, secrets: FlowSecrets): Promise<Exchanged> {
  if (params.error) return { ok: false, reason: "oidc_denied" };
  const discovered = await discoverProvider(c.issuerUrl);
  if (!discovered.ok) return { ok: false, reason: discovered.reason };
  try {
    const tokens = await withDeadline(
      clientOf(discovered.issuer, c).callback(c.redirectUri, params, {
        state: secrets.state,
        nonce: secrets.nonce,
        code_verifier: secrets.codeVerifier,
        response_type: "code",
      }),
    );
    return { ok: true, claims: tokens.claims() };
  } catch (error) {
    if (unreachable(error)) return { ok: false, reason: "unreachable" };
    // invalid_grant: the code was used already, has expired, or was issued to another client or verifier.
    if (error instanceof errors.OPError) return { ok: false, reason: error.error === "invalid_grant" ? "oidc_code" : "error" };
    // The ID token failed a check (expired, nonce, issuer, audience, signature); an HTTP fault has a response.
    if (error instanceof errors.RPError && !error.response) return { ok: false, reason: "oidc_token" };
    return { ok: false, reason: "error" };
  }
}
