// IPv4/IPv6 addresses and CIDR ranges for a token's "Allowed addresses". Pure: no node:net, so the
// browser's form validates with the same code the server enforces with.
//
// Addresses are numbers (bigint): 32 bits for IPv4, 128 for IPv6. An IPv4-mapped IPv6 address
// (::ffff:192.0.2.1, what a dual-stack socket reports for an IPv4 client) is treated as the IPv4
// address it carries, on both sides: as a client address and when written as a range (prefix ≥ 96).

type IpFamily = 4 | 6;
export type IpAddress = { family: IpFamily; value: bigint };
export type CidrRange = { family: IpFamily; base: bigint; prefix: number };

const BITS: Record<IpFamily, number> = { 4: 32, 6: 128 };

function parseIPv4(text: string): bigint | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  let value = 0n;
  for (const part of parts) {
    // No leading zeros: "010" is octal to some parsers and decimal to others.
    if (!/^(0|[1-9][0-9]{0,2})$/.test(part)) return null;
    const n = Number(part);
    if (n > 255) return null;
    value = (value << 8n) | BigInt(n);
  }
  return value;
}

function parseIPv6(text: string): bigint | null {
  if (text.length > 45 || !/^[0-9A-Fa-f:.]+$/.test(text)) return null;
  let work = text;
  if (work.includes(".")) {
    // An embedded IPv4 tail ("::ffff:192.0.2.1") stands for the last two groups.
    const lastColon = work.lastIndexOf(":");
    const v4 = parseIPv4(work.slice(lastColon + 1));
    if (v4 === null) return null;
    work = `${work.slice(0, lastColon + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const doubles = work.split("::");
  if (doubles.length > 2) return null;
  const [before = "", after] = doubles;
  const head = before === "" ? [] : before.split(":");
  const tail = after === undefined || after === "" ? [] : after.split(":");
  let groups = head;
  if (doubles.length === 2) {
    const missing = 8 - head.length - tail.length;
    if (missing < 1) return null;
    groups = [...head, ...Array<string>(missing).fill("0"), ...tail];
  }
  if (groups.length !== 8) return null;
  let value = 0n;
  for (const group of groups) {
    if (!/^[0-9A-Fa-f]{1,4}$/.test(group)) return null;
    value = (value << 16n) | BigInt(parseInt(group, 16));
  }
  return value;
}

/** An address as text, or null. IPv4-mapped IPv6 becomes IPv4; a zone ("%eth0") is ignored. */
export function parseIpAddress(text: string): IpAddress | null {
  const trimmed = text.trim();
  if (trimmed.includes(":")) {
    const value = parseIPv6(trimmed.split("%")[0] ?? "");
    if (value === null) return null;
    if (value >> 32n === 0xffffn) return { family: 4, value: value & 0xffffffffn };
    return { family: 6, value };
  }
  const value = parseIPv4(trimmed);
  return value === null ? null : { family: 4, value };
}

// Every prefix's mask, computed once: BigInt shifts on each request would cost more than the match.
const MASKS: Record<IpFamily, bigint[]> = { 4: [], 6: [] };
for (const family of [4, 6] as const) {
  const bits = BITS[family];
  for (let prefix = 0; prefix <= bits; prefix++) {
    MASKS[family].push(((1n << BigInt(bits)) - 1n) ^ ((1n << BigInt(bits - prefix)) - 1n));
  }
}

function mask(family: IpFamily, prefix: number): bigint {
  return MASKS[family][prefix] ?? 0n;
}

export type CidrParseResult = { ok: true; range: CidrRange } | { ok: false; message: string };

/**
 * One range: "192.0.2.0/24", "2001:db8::/32", or a single address (a /32 or /128). Host bits must be
 * zero ("192.0.2.1/24" is refused: it usually means the author meant something else).
 */
export function parseCidr(text: string): CidrParseResult {
  const trimmed = text.trim();
  const slash = trimmed.indexOf("/");
  const addressText = slash === -1 ? trimmed : trimmed.slice(0, slash);
  const prefixText = slash === -1 ? null : trimmed.slice(slash + 1);
  if (addressText.includes("%")) return { ok: false, message: `"${trimmed}" is not an IPv4 or IPv6 range.` };
  const isV6Text = addressText.includes(":");
  const raw = isV6Text ? parseIPv6(addressText) : parseIPv4(addressText);
  if (raw === null) return { ok: false, message: `"${trimmed}" is not an IPv4 or IPv6 range.` };
  const textBits = isV6Text ? 128 : 32;
  let prefix = textBits;
  if (prefixText !== null) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(prefixText) || Number(prefixText) > textBits) {
      return { ok: false, message: `"${trimmed}": the prefix length must be 0 to ${textBits}.` };
    }
    prefix = Number(prefixText);
  }
  let family: IpFamily = isV6Text ? 6 : 4;
  let base = raw;
  if (isV6Text && prefix >= 96 && raw >> 32n === 0xffffn) {
    family = 4;
    base = raw & 0xffffffffn;
    prefix -= 96;
  }
  if ((base & ~mask(family, prefix)) !== 0n) {
    return {
      ok: false,
      message: `"${trimmed}" has host bits set; did you mean ${formatCidr({ family, base: base & mask(family, prefix), prefix })}?`,
    };
  }
  return { ok: true, range: { family, base, prefix } };
}

function formatIPv6(value: bigint): string {
  const groups = Array.from({ length: 8 }, (_, i) => Number((value >> BigInt(112 - 16 * i)) & 0xffffn));
  // RFC 5952: compress the longest run (≥ 2) of zero groups, the first one on a tie; lower case.
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart === -1) return hex.join(":");
  return `${hex.slice(0, bestStart).join(":")}::${hex.slice(bestStart + bestLength).join(":")}`;
}

export function formatIpAddress(address: IpAddress): string {
  if (address.family === 4) {
    return [24n, 16n, 8n, 0n].map((shift) => String((address.value >> shift) & 0xffn)).join(".");
  }
  return formatIPv6(address.value);
}

/** Canonical text of a range: always with its prefix, IPv6 in RFC 5952 form. */
export function formatCidr(range: CidrRange): string {
  return `${formatIpAddress({ family: range.family, value: range.base })}/${range.prefix}`;
}

export function cidrContains(range: CidrRange, address: IpAddress): boolean {
  return range.family === address.family && (address.value & mask(range.family, range.prefix)) === range.base;
}

// Client addresses repeat from request to request; parsing one costs a few µs (BigInt arithmetic), a
// cached one ~0.1 µs. Bounded like the compiled ranges below.
const parsedAddresses = new Map<string, IpAddress | null>();
const PARSED_MAX = 10_000;

function cachedAddress(text: string): IpAddress | null {
  let address = parsedAddresses.get(text);
  if (address === undefined) {
    address = parseIpAddress(text);
    if (parsedAddresses.size >= PARSED_MAX) parsedAddresses.clear();
    parsedAddresses.set(text, address);
  }
  return address;
}

/** Whether `address` (text, as the socket or X-Forwarded-For reports it) lies in any of `ranges`. */
export function addressAllowed(ranges: readonly CidrRange[], addressText: string | null): boolean {
  if (addressText === null) return false;
  const address = cachedAddress(addressText);
  if (!address) return false;
  return ranges.some((range) => cidrContains(range, address));
}

// The lookup of a token stores its ranges as text (one canonical range per line); the API compiles
// each distinct text once. Bounded, so a database full of distinct lists cannot grow it without end.
const compiled = new Map<string, CidrRange[]>();
const COMPILED_MAX = 10_000;

/** The ranges of a stored `allowedCidrs` text (as written by the data layer), compiled once per text. */
export function compileAllowedCidrs(stored: string): CidrRange[] {
  let ranges = compiled.get(stored);
  if (!ranges) {
    ranges = [];
    for (const line of stored.split("\n")) {
      if (line.trim() === "") continue;
      const result = parseCidr(line);
      // The data layer writes only parsed ranges; anything else cannot match (fail closed).
      if (result.ok) ranges.push(result.range);
    }
    if (compiled.size >= COMPILED_MAX) compiled.clear();
    compiled.set(stored, ranges);
  }
  return ranges;
}

/** Null (any address) when `stored` is null; otherwise whether the address is in one of its ranges. */
export function storedRangesAllow(stored: string | null, addressText: string | null): boolean {
  if (stored === null) return true;
  return addressAllowed(compileAllowedCidrs(stored), addressText);
}
