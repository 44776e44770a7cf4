import NextAuth from "next-auth";
import { getAuthOptions } from "@/lib/server/auth/next-auth-options";

type Handler = (req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) => Promise<Response>;

// Created per request so that the options (and the session secret) are read only at run time.
const handler: Handler = (req, ctx) => NextAuth(getAuthOptions())(req, ctx) as Promise<Response>;

export { handler as GET, handler as POST };
