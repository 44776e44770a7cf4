import "server-only";
import type { NextAuthOptions, User } from "next-auth";
import type { JWT } from "next-auth/jwt";
import CredentialsProvider from "next-auth/providers/credentials";
import { getAuthSecret } from "./secret";
import { CLIENT_IP_HEADER } from "../platform/client-ip";
import { createSession } from "./sessions";
import { lockedSignInError } from "@/lib/sign-in-errors";
import { attemptSignIn } from "./sign-in";

const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;


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
            { username: credentials?.username ?? "", password: credentials?.password ?? "" },
            meta,
          );
          if (result.ok) {
            const expiresAt = new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000);
            const sid = await createSession(result.user.id, expiresAt, meta);
            return { id: result.user.id, name: result.user.displayName, sid };
          }
          if (result.code === "locked") throw new Error(lockedSignInError(result.retryAfterSeconds));
          return null;
        },
      }),
    ],
    callbacks: {
      // The cookie carries only the user's and the session's ids: the session's state, the role and the
      // name are read from the database on every request (lib/server/auth/require-user.ts), so signing out, a role
      // change or a removed user takes effect at once.
      // `user` is there only on sign-in, although next-auth's types declare it always.
      jwt: ({ token, user }: { token: JWT; user?: User }) => (user ? { sub: user.id, sid: user.sid } : token),
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
