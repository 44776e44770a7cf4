import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getAuthSecret } from "./secret";
import { CLIENT_IP_HEADER } from "../platform/client-ip";
import { createSession } from "./sessions";
import { attemptSignIn } from "./sign-in";

export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

/** Error text the sign-in form receives when attempts from its address are refused: "throttled:<seconds>". */
export const THROTTLED_ERROR_PREFIX = "throttled:";

function header(headers: Record<string, unknown> | undefined, name: string): string | null {
  const value = headers?.[name];
  return typeof value === "string" ? value : null;
}

let cached: NextAuthOptions | undefined;

/** Built on first use, so that `next build` never reads or creates the session secret. */
export function getAuthOptions(): NextAuthOptions {
  cached ??= {
    secret: getAuthSecret(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "Password",
        credentials: { username: { label: "Username" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          const meta = { ip: header(req.headers, CLIENT_IP_HEADER), userAgent: header(req.headers, "user-agent") };
          const result = await attemptSignIn(
            { username: String(credentials?.username ?? ""), password: String(credentials?.password ?? "") },
            meta,
          );
          if (result.ok) {
            const expiresAt = new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000);
            const sid = await createSession(result.user.id, expiresAt, meta);
            return { id: result.user.id, name: result.user.displayName, sid };
          }
          if (result.code === "throttled") throw new Error(`${THROTTLED_ERROR_PREFIX}${result.retryAfterSeconds}`);
          return null;
        },
      }),
    ],
    callbacks: {
      // The cookie carries only the user's and the session's ids: the session's state, the role and the
      // name are read from the database on every request (lib/server/auth.ts), so signing out, a role
      // change or a removed user takes effect at once.
      jwt: ({ token, user }) => (user ? { sub: user.id, sid: user.sid } : token),
      session: ({ session, token }) => ({ expires: session.expires, user: { id: token.sub ?? "" } }),
    },
    // next-auth's default logger prints request metadata; keep log lines free of credentials.
    logger: {
      error: (code) => console.error(`[auth] ${code}`),
      warn: () => {},
      debug: () => {},
    },
  };
  return cached;
}
