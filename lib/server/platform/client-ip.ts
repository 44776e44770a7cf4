import type { IncomingMessage } from "node:http";

/**
 * The console's server writes the caller's address into this header for every request it hands to
 * Next.js, after deleting any value the client sent, so pages and actions can trust it.
 */
export const CLIENT_IP_HEADER = "x-console-client-ip";

/**
 * The socket's peer address, or with TRUST_PROXY the left-most X-Forwarded-For entry (set only behind a
 * reverse proxy that overwrites the header, or clients could choose their own address).
 */
export function clientIpOf(req: IncomingMessage, trustProxy: boolean): string | null {
  if (trustProxy) {
    const forwarded = req.headers["x-forwarded-for"];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim();
    if (first) return first;
  }
  const address = req.socket.remoteAddress ?? null;
  return address?.startsWith("::ffff:") ? address.slice(7) : address;
}
