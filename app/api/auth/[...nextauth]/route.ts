import NextAuth from "next-auth";
import { getAuthOptions } from "@console/server/auth";

type Handler = (req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) => Promise<Response>;

// Created per request so that the options (and the session secret) are read only at run time. next-auth 4
// types its App Router handler as `any`; this is its shape.
const handler: Handler = (req, ctx) => (NextAuth(getAuthOptions()) as Handler)(req, ctx);

export { handler as GET, handler as POST };
