// OpenID Connect sign-in's two steps as its routes call them (modules/auth/sign-in/oidc/route.ts):
// where to send the browser and which cookies to set. The callback goes through attemptOidcSignIn (the
// same throttles and audit as a password) and ends in the same server-side session and next-auth
// session cookie as password sign-in, so everything after it (the session check, sign-out) is shared.
import "server-only";
import { encode } from "next-auth/jwt";
import type { RequestMeta } from "@/lib/audit/record";
import { getAuthSecret } from "@/lib/auth/secret";
import { createSession } from "@/lib/auth/sessions";
import { databaseState } from "@/lib/db/availability";
import { isDatabaseUnavailable } from "@/lib/db/errors";
import { errorLine } from "@/lib/log/error-line";
import { beginOidcSignIn, completeOidcSignIn, consoleOrigin, OIDC_FLOW_SECONDS } from "@/modules/directory/server";
import { safeCallbackUrl } from "@/modules/auth/shared/safe-callback-url";
import {
  DIRECTORY_UNREACHABLE_SIGN_IN_ERROR,
  FAILED_SIGN_IN_ERROR,
  INVALID_SIGN_IN_ERROR,
  throttledSignInError,
  UNAVAILABLE_SIGN_IN_ERROR,
} from "@/modules/auth/shared/sign-in-errors";
import { SESSION_MAX_AGE_SECONDS } from "../password-sign-in";
import { attemptOidcSignIn } from "../sign-in";

/** The sealed flow (state, nonce, PKCE verifier, where to go after): only the callback's path sees it. */
export const OIDC_FLOW_COOKIE = "console-oidc-flow";
const FLOW_COOKIE_PATH = "/sign-in/oidc";

type CookieToSet = {
  name: string;
  value: string;
  httpOnly: true;
  sameSite: "lax";
  secure: boolean;
  path: string;
  maxAge: number;
};
/** An absolute URL to redirect to, and the cookies to set with the redirect. */
export type OidcStep = { location: string; cookies: CookieToSet[] };

type Header = (name: string) => string | null;

function cookie(origin: string, name: string, value: string, path: string, maxAge: number): CookieToSet {
  return { name, value, httpOnly: true, sameSite: "lax", secure: origin.startsWith("https:"), path, maxAge };
}

function backToSignIn(origin: string, callbackUrl: string, error: string): string {
  const url = new URL("/sign-in", origin);
  url.searchParams.set("callbackUrl", callbackUrl);
  url.searchParams.set("error", error);
  return url.toString();
}

/** `Sign in with <label>`: to the provider with a fresh flow, or back with a message when it cannot be reached. */
export async function startOidcSignIn(header: Header, requestedCallbackUrl: string | null): Promise<OidcStep> {
  const origin = consoleOrigin(header);
  const callbackUrl = safeCallbackUrl(requestedCallbackUrl);
  if (!databaseState().ok) return { location: backToSignIn(origin, callbackUrl, UNAVAILABLE_SIGN_IN_ERROR), cookies: [] };
  try {
    const started = await beginOidcSignIn(origin, callbackUrl);
    switch (started.kind) {
      case "redirect":
        return {
          location: started.location,
          cookies: [cookie(origin, OIDC_FLOW_COOKIE, started.flowCookie, FLOW_COOKIE_PATH, OIDC_FLOW_SECONDS)],
        };
      case "not_configured":
        return { location: new URL("/sign-in", origin).toString(), cookies: [] };
      case "unreachable":
        return { location: backToSignIn(origin, callbackUrl, DIRECTORY_UNREACHABLE_SIGN_IN_ERROR), cookies: [] };
      case "error":
        return { location: backToSignIn(origin, callbackUrl, FAILED_SIGN_IN_ERROR), cookies: [] };
    }
  } catch (error) {
    console.error(`[auth] OpenID Connect sign-in failed to start: ${errorLine(error)}`);
    const code = isDatabaseUnavailable(error) ? UNAVAILABLE_SIGN_IN_ERROR : FAILED_SIGN_IN_ERROR;
    return { location: backToSignIn(origin, callbackUrl, code), cookies: [] };
  }
}

/** next-auth's session cookie, as its own sign-in would set it (name by scheme, JWE under the session secret). */
async function sessionCookie(origin: string, userId: string, sessionId: string): Promise<CookieToSet> {
  const secure = origin.startsWith("https:");
  const value = await encode({
    token: { sub: userId, sid: sessionId },
    secret: getAuthSecret(),
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
  return cookie(origin, `${secure ? "__Secure-" : ""}next-auth.session-token`, value, "/", SESSION_MAX_AGE_SECONDS);
}

/** The provider's redirect back: signed in and on to where the user was going, or back to /sign-in with a message. */
export async function finishOidcSignIn(
  header: Header,
  params: Record<string, string>,
  flowCookie: string | null,
  meta: RequestMeta,
): Promise<OidcStep> {
  const origin = consoleOrigin(header);
  // The flow is single-use whatever happens: a second visit of the same callback finds no cookie.
  const cleared = cookie(origin, OIDC_FLOW_COOKIE, "", FLOW_COOKIE_PATH, 0);
  const fallback = safeCallbackUrl(null);
  if (!databaseState().ok) return { location: backToSignIn(origin, fallback, UNAVAILABLE_SIGN_IN_ERROR), cookies: [cleared] };
  try {
    const result = await attemptOidcSignIn(meta, () => completeOidcSignIn(origin, params, flowCookie));
    const callbackUrl = safeCallbackUrl(result.callbackUrl);
    if (!result.ok) {
      const code =
        result.code === "throttled"
          ? throttledSignInError(result.retryAfterSeconds)
          : result.code === "directory_unreachable"
            ? DIRECTORY_UNREACHABLE_SIGN_IN_ERROR
            : INVALID_SIGN_IN_ERROR;
      return { location: backToSignIn(origin, callbackUrl, code), cookies: [cleared] };
    }
    const sessionId = await createSession(result.user.id, new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000), meta);
    return {
      location: new URL(callbackUrl, origin).toString(),
      cookies: [cleared, await sessionCookie(origin, result.user.id, sessionId)],
    };
  } catch (error) {
    console.error(`[auth] OpenID Connect sign-in failed: ${errorLine(error)}`);
    const code = isDatabaseUnavailable(error) ? UNAVAILABLE_SIGN_IN_ERROR : FAILED_SIGN_IN_ERROR;
    return { location: backToSignIn(origin, fallback, code), cookies: [cleared] };
  }
}
