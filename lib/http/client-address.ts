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

/**
 * The throttling key of a client address. An IPv6 client usually holds a whole /64, so it is one key;
 * an IPv4 address (also IPv4-mapped IPv6) is its own key.
 */
export function throttleKeyOf(ip: string | null): string {
  if (!ip) return "unknown";
  if (!ip.includes(":")) return ip;
  const zone = ip.indexOf("%");
  const address = (zone === -1 ? ip : ip.slice(0, zone)).toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address)?.[1];
  if (mapped !== undefined) return mapped;
  const [head = "", tail] = address.split("::");
  const headGroups = head === "" ? [] : head.split(":");
  const tailGroups = tail === undefined || tail === "" ? [] : tail.split(":");
  const groups =
    tail === undefined
      ? headGroups
      : [...headGroups, ...new Array<string>(8 - headGroups.length - tailGroups.length).fill("0"), ...tailGroups];
  return `${groups
    .slice(0, 4)
    .map((g) => (g || "0").replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}
