import type { DefaultSession } from "next-auth";

declare module "next-auth" {
  // The session names only the user; everything else is read from the database per request.
  interface Session {
    user: { id: string } & DefaultSession["user"];
  }
  interface User {
    /** The server-side session (lib/server/auth/sessions.ts) created at sign-in. */
    sid?: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    sid?: string;
  }
}
