import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getAuthSecret } from "./auth-secret";
import { CLIENT_IP_HEADER } from "./client-ip";
import { attemptSignIn } from "./sign-in";

export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

/** Error text the sign-in form receives for a locked username: "locked:<seconds>". */
export const LOCKED_ERROR_PREFIX = "locked:";

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
          const result = await attemptSignIn(
            { username: String(credentials?.username ?? ""), password: String(credentials?.password ?? "") },
            { ip: header(req.headers, CLIENT_IP_HEADER), userAgent: header(req.headers, "user-agent") },
          );
          if (result.ok) return { id: result.user.id, name: result.user.displayName };
          if (result.code === "locked") throw new Error(`${LOCKED_ERROR_PREFIX}${result.retryAfterSeconds}`);
          return null;
        },
      }),
    ],
    callbacks: {
      // The session carries only the user's id: role and name are read from the database on every
      // request (lib/server/auth.ts), so a role change or a removed user takes effect at once.
      jwt: ({ token, user }) => (user ? { sub: user.id } : token),
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
