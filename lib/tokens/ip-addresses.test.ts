import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addressAllowed,
  canonicalIpAddress,
  cidrContains,
  compileAllowedCidrs,
  formatCidr,
  formatIpAddress,
  parseCidr,
  parseIpAddress,
  storedRangesAllow,
  throttleKeyOf,
} from "./ip-addresses";

const range = (text: string) => {
  const result = parseCidr(text);
  if (!result.ok) throw new Error(result.message);
  return result.range;
};
const allows = (ranges: string[], address: string) => addressAllowed(ranges.map(range), address);

describe("parseIpAddress", () => {
  const text = (input: string) => {
    const address = parseIpAddress(input);
    return address && `${address.kind()} ${formatIpAddress(address)}`;
  };

  it("reads IPv4, IPv6 in every notation, and IPv4-mapped IPv6 as the IPv4 address", () => {
    expect(text("192.0.2.1")).toBe("ipv4 192.0.2.1");
    expect(text("2001:db8::1")).toBe("ipv6 2001:db8::1");
    expect(text("2001:DB8:0:0:0:0:0:1")).toBe("ipv6 2001:db8::1");
    expect(text("::1")).toBe("ipv6 ::1");
    expect(text("::")).toBe("ipv6 ::");
    expect(text("::ffff:192.0.2.1")).toBe("ipv4 192.0.2.1");
    expect(text("::ffff:c000:201")).toBe("ipv4 192.0.2.1");
    expect(text("fe80::1%eth0")).toBe("ipv6 fe80::1");
    expect(text(" 1:2:3:4:5:6:192.0.2.1 ")).toBe("ipv6 1:2:3:4:5:6:c000:201");
    // RFC 4291's IPv4-compatible form is an IPv6 address, not IPv4-mapped.
    expect(text("::192.0.2.1")).toBe("ipv6 ::c000:201");
  });

  it("writes IPv6 as RFC 5952 says: lower case, the longest zero run compressed (the first of equals), never one group", () => {
    for (const [input, canonical] of [
      ["2001:0DB8:0000:0000:0001:0000:0000:0001", "2001:db8::1:0:0:1"],
      ["2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"],
      ["2001:db8:0:0:1:0:0:0", "2001:db8:0:0:1::"],
      ["0:0:0:0:0:0:0:1", "::1"],
      ["fe80:0:0:0:0:0:0:0", "fe80::"],
    ] as const) {
      expect(canonicalIpAddress(input), input).toBe(canonical);
    }
    expect(canonicalIpAddress("::FFFF:192.0.2.1")).toBe("192.0.2.1");
    expect(canonicalIpAddress("not an address")).toBeNull();
  });

  it("refuses what is not an address", () => {
    for (const bad of [
      "",
      "1.2.3",
      "1.2.3.4.5",
      "256.1.1.1",
      "01.2.3.4",
      "1.2.3.-1",
      "1::2::3",
      "12345::",
      "1:2:3:4:5:6:7:8:9",
      "g::1",
      "1:2:3:4:5:6:7::8:9",
      "::ffff:999.0.0.1",
      "::ffff:010.0.0.1",
      "127.1",
      "0x7f.0.0.1",
      "1.2.3.4%eth0",
      "[::1]",
      "1".repeat(46),
      "localhost",
    ]) {
      expect(parseIpAddress(bad), bad).toBeNull();
    }
  });

  it("round-trips through its canonical text (property)", () => {
    fc.assert(
      fc.property(fc.oneof(fc.ipV4(), fc.ipV6()), (text) => {
        const address = parseIpAddress(text);
        expect(address).not.toBeNull();
        expect(formatIpAddress(parseIpAddress(formatIpAddress(address!))!)).toBe(formatIpAddress(address!));
      }),
    );
  });

  it("never throws on hostile input (property)", () => {
    fc.assert(fc.property(fc.string({ maxLength: 60 }), (text) => void parseIpAddress(text)));
  });
});

describe("parseCidr", () => {
  it("normalises ranges and single addresses", () => {
    expect(formatCidr(range("192.0.2.0/24"))).toBe("192.0.2.0/24");
    expect(formatCidr(range(" 10.1.2.3 "))).toBe("10.1.2.3/32");
    expect(formatCidr(range("2001:DB8:0::/32"))).toBe("2001:db8::/32");
    expect(formatCidr(range("2001:db8::1"))).toBe("2001:db8::1/128");
    expect(formatCidr(range("::ffff:192.0.2.0/120"))).toBe("192.0.2.0/24");
    expect(formatCidr(range("0.0.0.0/0"))).toBe("0.0.0.0/0");
    expect(formatCidr(range("::/0"))).toBe("::/0");
  });

  it("explains what is wrong", () => {
    expect(parseCidr("192.0.2.1/24")).toEqual({
      ok: false,
      message: '"192.0.2.1/24" has host bits set; did you mean 192.0.2.0/24?',
    });
    expect(parseCidr("192.0.2.0/33")).toEqual({ ok: false, message: '"192.0.2.0/33": the prefix length must be 0 to 32.' });
    expect(parseCidr("2001:db8::/129")).toMatchObject({ ok: false, message: expect.stringContaining("0 to 128") });
    expect(parseCidr("192.0.2.0/024")).toMatchObject({ ok: false });
    expect(parseCidr("example.com/24")).toEqual({ ok: false, message: '"example.com/24" is not an IPv4 or IPv6 range.' });
    expect(parseCidr("fe80::%eth0/64")).toMatchObject({ ok: false });
  });
});

describe("matching", () => {
  it("IPv4: inside, at both edges, outside", () => {
    expect(allows(["192.0.2.0/24"], "192.0.2.0")).toBe(true);
    expect(allows(["192.0.2.0/24"], "192.0.2.255")).toBe(true);
    expect(allows(["192.0.2.0/24"], "192.0.3.0")).toBe(false);
    expect(allows(["192.0.2.0/24"], "192.0.1.255")).toBe(false);
    expect(allows(["10.0.0.7"], "10.0.0.7")).toBe(true);
    expect(allows(["10.0.0.7"], "10.0.0.8")).toBe(false);
    expect(allows(["0.0.0.0/0"], "203.0.113.9")).toBe(true);
  });

  it("IPv6", () => {
    expect(allows(["2001:db8::/32"], "2001:db8:ffff::1")).toBe(true);
    expect(allows(["2001:db8::/32"], "2001:db9::1")).toBe(false);
    expect(allows(["::1/128"], "::1")).toBe(true);
    expect(allows(["::/0"], "192.0.2.1")).toBe(false); // an IPv6 range never matches an IPv4 client
  });

  it("IPv4-mapped IPv6 clients match IPv4 ranges, and mapped ranges match IPv4 clients", () => {
    expect(allows(["192.0.2.0/24"], "::ffff:192.0.2.77")).toBe(true);
    expect(allows(["192.0.2.0/24"], "::ffff:192.0.3.77")).toBe(false);
    expect(allows(["::ffff:192.0.2.0/120"], "192.0.2.5")).toBe(true);
  });

  it("refuses an unknown or unparsable client address", () => {
    expect(allows(["0.0.0.0/0"], "not an ip")).toBe(false);
    expect(addressAllowed([range("0.0.0.0/0")], null)).toBe(false);
  });

  it("agrees with a bit-by-bit reference on random ranges (property)", () => {
    const dotted = (n: number) => [24, 16, 8, 0].map((shift) => (n >>> shift) & 0xff).join(".");
    fc.assert(
      fc.property(fc.nat({ max: 0xffffffff }), fc.nat({ max: 0xffffffff }), fc.integer({ min: 0, max: 32 }), (a, b, prefix) => {
        const base = prefix === 0 ? 0 : ((a >>> (32 - prefix)) << (32 - prefix)) >>> 0;
        const expected = prefix === 0 || a >>> (32 - prefix) === b >>> (32 - prefix);
        expect(cidrContains(range(`${dotted(base)}/${prefix}`), parseIpAddress(dotted(b))!)).toBe(expected);
      }),
    );
  });
});

describe("stored ranges", () => {
  it("null allows any address; a stored list only its ranges; compiled once per text", () => {
    expect(storedRangesAllow(null, "203.0.113.1")).toBe(true);
    expect(storedRangesAllow(null, null)).toBe(true);
    const stored = "192.0.2.0/24\n2001:db8::/32";
    expect(storedRangesAllow(stored, "192.0.2.9")).toBe(true);
    expect(storedRangesAllow(stored, "2001:db8::9")).toBe(true);
    expect(storedRangesAllow(stored, "198.51.100.1")).toBe(false);
    expect(storedRangesAllow(stored, null)).toBe(false);
    expect(compileAllowedCidrs(stored)).toBe(compileAllowedCidrs(stored));
  });

  it("a stored text with nothing valid allows nothing (fails closed)", () => {
    expect(storedRangesAllow("garbage", "192.0.2.1")).toBe(false);
  });
});

describe("throttleKeyOf", () => {
  it.each([
    ["203.0.113.9", "203.0.113.9"],
    ["::ffff:203.0.113.9", "203.0.113.9"],
    ["2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"],
    ["2001:db8:1:2::9", "2001:db8:1:2::/64"],
    ["2001:0DB8:0001:0002:ffff::1", "2001:db8:1:2::/64"],
    ["2001:db8::1", "2001:db8::/64"],
    ["::1", "::/64"],
    ["fe80::1%eth0", "fe80::/64"],
    [null, "unknown"],
  ])("%s → %s", (ip, key) => {
    expect(throttleKeyOf(ip)).toBe(key);
  });

  it("gives every address of one IPv6 /64 the same key, and other /64s another (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 0xffff }), { minLength: 12, maxLength: 12 }), (groups) => {
        const hex = groups.map((g) => g.toString(16));
        const network = hex.slice(0, 4).join(":");
        const a = `${network}:${hex.slice(4, 8).join(":")}`;
        const b = `${network}:${hex.slice(8, 12).join(":")}`;
        expect(throttleKeyOf(a)).toBe(throttleKeyOf(b));
        const other = `${hex.slice(0, 3).join(":")}:${((groups[3]! + 1) & 0xffff).toString(16)}:${hex.slice(4, 8).join(":")}`;
        expect(throttleKeyOf(other)).not.toBe(throttleKeyOf(a));
      }),
    );
  });
});
