import type { DefaultSession } from "next-auth";

declare module "next-auth" {
  // The session names only the user; everything else is read from the database per request.
  interface Session {
    user: { id: string } & DefaultSession["user"];
  }
}
