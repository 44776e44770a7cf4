import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getAuthSecret } from "@/lib/auth/secret";
import { CLIENT_IP_HEADER } from "@/lib/http/client-address";
import { recordAuditEvent } from "@/lib/audit/record";
import { createSession, findSessionUser, revokeSession } from "@/lib/auth/sessions";
import { attemptSignIn, type SignInResult } from "./sign-in";
import { databaseState } from "@/lib/db/availability";
import { isDatabaseUnavailable } from "@/lib/db/errors";
import { FAILED_SIGN_IN_ERROR, throttledSignInError, UNAVAILABLE_SIGN_IN_ERROR } from "@/modules/auth/shared/sign-in-errors";

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
          if (!databaseState().ok) throw new Error(UNAVAILABLE_SIGN_IN_ERROR);
          let result: SignInResult;
          let sid = "";
          try {
            result = await attemptSignIn({ username: credentials?.username ?? "", password: credentials?.password ?? "" }, meta);
            if (result.ok) sid = await createSession(result.user.id, new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000), meta);
          } catch (error) {
            const unavailable = isDatabaseUnavailable(error);
            console.error(`[auth] sign-in failed: ${(error instanceof Error ? error.message : String(error)).split("\n")[0]}`);
            throw new Error(unavailable ? UNAVAILABLE_SIGN_IN_ERROR : FAILED_SIGN_IN_ERROR);
          }
          if (result.ok) return { id: result.user.id, name: result.user.displayName, sid };
          if (result.code === "throttled") throw new Error(throttledSignInError(result.retryAfterSeconds));
          return null;
        },
      }),
    ],
    callbacks: {
      // The cookie carries only the user's and the session's ids: the session's state, the role and the
      // name are read from the database on every request (lib/server/auth/require-user.ts), so signing out, a role
      // change or a removed user takes effect at once.
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- next-auth passes `user` only at sign-in; its types say always.
      jwt: ({ token, user }) => (user ? { sub: user.id, sid: user.sid } : token),
      session: ({ session, token }) => ({ expires: session.expires, user: { id: token.sub ?? "" } }),
    },
    events: {
      // next-auth's own POST /api/auth/signout only clears the cookie: revoke the server-side session
      // too, as the console's Sign out does, so a copied cookie stops working whichever path was used.
      async signOut({ token }) {
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- next-auth passes its jwt.decode result (JWT | null); the event's type drops the null.
        const sid = typeof token?.sid === "string" ? token.sid : null;
        if (!sid) return;
        const user = await findSessionUser(sid);
        await revokeSession(sid);
        if (user) {
          await recordAuditEvent({
            actorType: "user",
            actorId: user.id,
            actorName: user.username,
            action: "auth.sign_out",
            outcome: "success",
          });
        }
      },
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
