import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig, type TrustProxy } from "../config/config";
import { clientIpOf, fromTrustedProxy, reachedOverHttps } from "./client-address";

// A real node:http server that answers what the console would decide for each request, under the
// TRUST_PROXY value the test names in a header; requests come from chosen loopback addresses.
let server: Server;
let port: number;

beforeAll(async () => {
  server = createServer((req, res) => {
    const trustProxy = loadConfig({ TRUST_PROXY: req.headers["x-test-trust-proxy"] as string }).trustProxy;
    res.end(
      JSON.stringify({
        ip: clientIpOf(req, trustProxy),
        https: reachedOverHttps(req, trustProxy),
        trustedPeer: fromTrustedProxy(req, trustProxy),
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

type Decision = { ip: string | null; https: boolean; trustedPeer: boolean };

function decide(trustProxy: string, from: string, headers: Record<string, string | string[]> = {}): Promise<Decision> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port, localAddress: from, headers: { ...headers, "x-test-trust-proxy": trustProxy } },
      (res) => {
        let body = "";
        res.setEncoding("utf8").on("data", (chunk: string) => (body += chunk));
        res.on("end", () => resolve(JSON.parse(body) as Decision));
      },
    );
    req.on("error", reject).end();
  });
}

const ipOf = async (trustProxy: string, from: string, forwardedFor?: string | string[]) =>
  (await decide(trustProxy, from, forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor })).ip;

describe("clientIpOf", () => {
  it("without TRUST_PROXY: the socket's peer, whatever X-Forwarded-For says", async () => {
    expect(await ipOf("false", "127.0.0.7", "198.51.100.7")).toBe("127.0.0.7");
    expect(await ipOf("", "127.0.0.8")).toBe("127.0.0.8");
  });

  it("behind one appending proxy: the entry the proxy added, not the one the client wrote", async () => {
    // The client sent "X-Forwarded-For: 198.51.100.7"; the proxy (127.0.0.9) appended 203.0.113.5.
    expect(await ipOf("1", "127.0.0.9", "198.51.100.7, 203.0.113.5")).toBe("203.0.113.5");
    expect(await ipOf("1", "127.0.0.9", "203.0.113.5")).toBe("203.0.113.5");
    // Repeated headers count as one list, in order.
    expect(await ipOf("1", "127.0.0.9", ["198.51.100.7", "203.0.113.6"])).toBe("203.0.113.6");
    // No header: the proxy's own address.
    expect(await ipOf("1", "127.0.0.9")).toBe("127.0.0.9");
  });

  it("behind two proxies: the second entry from the right", async () => {
    expect(await ipOf("2", "127.0.0.9", "198.51.100.7, 203.0.113.5, 10.1.2.3")).toBe("203.0.113.5");
  });

  it("with proxy addresses: the right-most entry that is none of them", async () => {
    expect(await ipOf("127.0.0.9", "127.0.0.9", "198.51.100.7, 203.0.113.5")).toBe("203.0.113.5");
    expect(await ipOf("127.0.0.0/8, 10.0.0.0/8", "127.0.0.9", "198.51.100.7, 203.0.113.5, 10.1.2.3")).toBe("203.0.113.5");
    expect(await ipOf("loopback", "127.0.0.9", "198.51.100.7, 203.0.113.5")).toBe("203.0.113.5");
    // A peer that is not a listed proxy is the client, whatever it claims.
    expect(await ipOf("127.0.0.9", "127.0.0.5", "203.0.113.5")).toBe("127.0.0.5");
  });

  it("gives canonical addresses, and null for an entry that is none", async () => {
    expect(await ipOf("1", "127.0.0.9", "2001:DB8:0:0::1")).toBe("2001:db8::1");
    expect(await ipOf("1", "127.0.0.9", "::ffff:192.0.2.1")).toBe("192.0.2.1");
    expect(await ipOf("1", "127.0.0.9", "198.51.100.7, not-an-address")).toBeNull();
  });
});

describe("reachedOverHttps", () => {
  const https = async (trustProxy: string, from: string, proto: string, forwardedFor?: string) =>
    (
      await decide(trustProxy, from, {
        "x-forwarded-proto": proto,
        ...(forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor }),
      })
    ).https;

  it("believes X-Forwarded-Proto only from a trusted proxy", async () => {
    expect(await https("false", "127.0.0.9", "https")).toBe(false);
    expect(await https("1", "127.0.0.9", "https")).toBe(true);
    expect(await https("127.0.0.9", "127.0.0.5", "https")).toBe(false);
    expect(await https("127.0.0.9", "127.0.0.9", "https", "203.0.113.5")).toBe(true);
  });

  it("reads the value of the outermost trusted proxy, not one the client added", async () => {
    // One appending proxy: the client's own "https" stays to the left of what the proxy wrote.
    expect(await https("1", "127.0.0.9", "https, http", "198.51.100.7, 203.0.113.5")).toBe(false);
    expect(await https("1", "127.0.0.9", "http, https", "198.51.100.7, 203.0.113.5")).toBe(true);
    // Two proxies that append: the outer one (TLS) wrote the first of the two.
    expect(await https("2", "127.0.0.9", "https, http", "203.0.113.5, 10.1.2.3")).toBe(true);
  });
});

describe("TRUST_PROXY", () => {
  const parse = (value: string): TrustProxy => loadConfig({ TRUST_PROXY: value }).trustProxy;

  it("is off, a number of proxies, or their addresses in canonical form", () => {
    expect(parse("")).toBe(false);
    expect(parse("false")).toBe(false);
    expect(parse("0")).toBe(false);
    expect(parse("1")).toEqual({ hops: 1 });
    expect(parse("3")).toEqual({ hops: 3 });
    expect(parse("10.0.0.5, 2001:DB8::/32,loopback")).toEqual({ proxies: ["10.0.0.5/32", "2001:db8::/32", "loopback"] });
  });

  it.each([
    ["true", '"true" would believe addresses that clients write themselves'],
    ["11", "1 to 10"],
    ["10.0.0.1/8", "did you mean 10.0.0.0/8?"],
    ["proxy.local", '"proxy.local" is not an IPv4 or IPv6 range'],
    ["10.0.0.1,", '"" is not an IPv4 or IPv6 range'],
  ])("refuses %j with one line that says why", (value, why) => {
    expect(() => parse(value)).toThrow(/^TRUST_PROXY must be the number of reverse proxies in front of the console/);
    expect(() => parse(value)).toThrow(why);
  });
});
