// next-auth's route handler (GET/POST /api/auth/*): password sign-in through the credentials provider.
// Compiled by Next.js with next-auth; the checks and the session live in the server core.
import NextAuth, { type NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import {
  CLIENT_IP_HEADER,
  endSessionById,
  getAuthSecret,
  SESSION_MAX_AGE_SECONDS,
  signInWithPassword,
} from "@console/server/auth";
import {
  DIRECTORY_UNREACHABLE_SIGN_IN_ERROR,
  FAILED_SIGN_IN_ERROR,
  throttledSignInError,
  UNAVAILABLE_SIGN_IN_ERROR,
} from "@/modules/auth/shared/sign-in-errors";

function header(headers: Record<string, unknown> | undefined, name: string): string | null {
  const value = headers?.[name];
  return typeof value === "string" ? value : null;
}

let cached: NextAuthOptions | undefined;

/** Built on first use, so that `next build` never reads or creates the session secret. */
function authOptions(): NextAuthOptions {
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
          const result = await signInWithPassword(
            { username: credentials?.username ?? "", password: credentials?.password ?? "" },
            meta,
          );
          if (result.ok) return { id: result.userId, name: result.displayName, sid: result.sessionId };
          switch (result.code) {
            case "invalid":
              return null;
            case "throttled":
              throw new Error(throttledSignInError(result.retryAfterSeconds));
            case "unavailable":
              throw new Error(UNAVAILABLE_SIGN_IN_ERROR);
            case "directory_unreachable":
              throw new Error(DIRECTORY_UNREACHABLE_SIGN_IN_ERROR);
            case "failed":
              throw new Error(FAILED_SIGN_IN_ERROR);
          }
        },
      }),
    ],
    callbacks: {
      // The cookie carries only the user's and the session's ids: the session's state, the role and the
      // name are read from the database on every request (lib/next/session.ts), so signing out, a role
      // change or a removed user takes effect at once.
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- next-auth passes `user` only at sign-in; its types say always.
      jwt: ({ token, user }) => (user ? { sub: user.id, sid: user.sid } : token),
      session: ({ session, token }) => ({ expires: session.expires, user: { id: token.sub ?? "" } }),
    },
    events: {
      async signOut({ token }) {
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- next-auth passes its jwt.decode result (JWT | null); the event's type drops the null.
        const sid = typeof token?.sid === "string" ? token.sid : null;
        if (sid) await endSessionById(sid);
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

type Handler = (req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) => Promise<Response>;

// next-auth 4 types its App Router handler as `any`; this is its shape.
const handler: Handler = (req, ctx) => (NextAuth(authOptions()) as Handler)(req, ctx);

export { handler as GET, handler as POST };
