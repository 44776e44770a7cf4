import type { IncomingMessage } from "node:http";
import proxyaddr from "proxy-addr";
import type { TrustProxy } from "../config/config";
import { canonicalIpAddress } from "../tokens/ip-addresses";

/**
 * The console's server writes the caller's address into this header for every request it hands to
 * Next.js, after deleting any value the client sent, so pages and actions can trust it.
 */
export const CLIENT_IP_HEADER = "x-console-client-ip";

type Trust = (address: string, hop: number) => boolean;

let compiled: { from: TrustProxy; trust: Trust } | undefined;

/** TRUST_PROXY as proxy-addr's trust function (hop 0 is the socket's peer), compiled once. */
function trustOf(trustProxy: Exclude<TrustProxy, false>): Trust {
  if (compiled?.from !== trustProxy) {
    const trust: Trust = "hops" in trustProxy ? (_address, hop) => hop < trustProxy.hops : proxyaddr.compile(trustProxy.proxies);
    compiled = { from: trustProxy, trust };
  }
  return compiled.trust;
}

function socketAddress(req: IncomingMessage): string | null {
  const address = req.socket.remoteAddress ?? null;
  return address?.startsWith("::ffff:") ? address.slice(7) : address;
}

/**
 * The client's address, as Express decides it with proxy-addr: the socket's peer, or with TRUST_PROXY
 * the right-most X-Forwarded-For entry that is not a trusted proxy. A proxy appends the address it saw,
 * so whatever a client wrote into the header itself stays to the left of it and is never believed.
 * Null when the decided entry is no address. Audit records, throttles and allowed addresses all read it.
 */
export function clientIpOf(req: IncomingMessage, trustProxy: TrustProxy): string | null {
  if (trustProxy === false) return socketAddress(req);
  return canonicalIpAddress(proxyaddr(req, trustOf(trustProxy)));
}

/**
 * Whether the client reached the console over HTTPS: its own TLS socket, or X-Forwarded-Proto as the
 * outermost trusted proxy wrote it (proxies that append write one value each, right to left from the
 * console; one that overwrites leaves a single value). Never believed from an untrusted peer: a client
 * could claim https over plain HTTP.
 */
export function reachedOverHttps(req: IncomingMessage, trustProxy: TrustProxy): boolean {
  if ("encrypted" in req.socket && req.socket.encrypted) return true;
  if (trustProxy === false) return false;
  const header = req.headers["x-forwarded-proto"];
  if (header === undefined || !fromTrustedProxy(req, trustProxy)) return false;
  // The trusted proxies: the chain from the socket's peer to the client, cut after the first address that
  // is none; at least the peer itself, which may have sent no X-Forwarded-For.
  const trustedProxies = Math.max(1, proxyaddr.all(req, trustOf(trustProxy)).length - 1);
  const values = (Array.isArray(header) ? header.join(",") : header).split(",");
  return values[Math.max(0, values.length - trustedProxies)]?.trim().toLowerCase() === "https";
}

/** Whether the socket's peer is a trusted proxy, whose X-Forwarded-Host Next.js may read. */
export function fromTrustedProxy(req: IncomingMessage, trustProxy: TrustProxy): boolean {
  return trustProxy !== false && trustOf(trustProxy)(req.socket.remoteAddress ?? "", 0);
}
