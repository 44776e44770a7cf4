// What the directory sign-in tests share (LDAP here, OpenID Connect in modules/auth): a fresh client
// address per attempt, the audit details of the last refusal, and a directory that accepts connections
// and never answers.
import { createServer, type Socket } from "node:net";
import type { RequestMeta } from "@/lib/audit/record";
import { db } from "@/lib/db/db";

/** Request meta with a new address under `prefix` (e.g. "198.51.100") each call: only throttle tests reuse one. */
export function freshAddresses(prefix: string, userAgent: string): () => RequestMeta {
  let counter = 0;
  return () => ({ ip: `${prefix}.${++counter}`, userAgent });
}

/** The details of the last `auth.sign_in_failed` of `actorName` (why it was refused), or null. */
export async function lastSignInFailure(actorName: string): Promise<unknown> {
  const row = await db().auditEvent.findFirst({
    where: { action: "auth.sign_in_failed", actorName },
    orderBy: { seq: "desc" },
    select: { details: true },
  });
  return row?.details ? (JSON.parse(row.details) as unknown) : null;
}

/** A server on 127.0.0.1:`port` (any free one by default) that accepts connections and never answers. */
export async function startHungServer(port = 0): Promise<{ port: number; close(): Promise<void> }> {
  const held = new Set<Socket>();
  const server = createServer((socket) => {
    held.add(socket);
    socket.on("error", () => undefined); // the client giving up resets it
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    port: (server.address() as { port: number }).port,
    async close() {
      for (const socket of held) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
