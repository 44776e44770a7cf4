// @console/server/auth: the server side of sign-in, for next-auth's route (modules/auth/sign-in/route.ts).
import "server-only";

export { CLIENT_IP_HEADER } from "@/lib/http/client-address";
export { getAuthSecret } from "@/lib/auth/secret";
export { endSessionById, SESSION_MAX_AGE_SECONDS, signInWithPassword, type PasswordSignIn } from "./sign-in/password-sign-in";
export { finishOidcSignIn, OIDC_FLOW_COOKIE, startOidcSignIn, type OidcStep } from "./sign-in/oidc/oidc-sign-in";
