// IPv4/IPv6 addresses and CIDR ranges, the one place that parses and formats them: a token's "Allowed
// addresses" (validated in the browser's form, enforced by the API), the client address behind a proxy,
// and the key failed authentications are counted under. Built on ipaddr.js, which runs in browsers too.
//
// An IPv4-mapped IPv6 address (::ffff:192.0.2.1, what a dual-stack socket reports for an IPv4 client)
// is the IPv4 address it carries, on both sides: as a client address and when written as a range
// (prefix ≥ 96). IPv6 text is RFC 5952's (lower case, the longest run of zero groups compressed).
import ipaddr from "ipaddr.js";

export type IpAddress = ipaddr.IPv4 | ipaddr.IPv6;
export type CidrRange = { address: IpAddress; prefix: number };

// The longest address text (an IPv6 address with an IPv4 tail); longer input is refused before any
// regular expression sees it.
const MAX_ADDRESS_LENGTH = 45;
// No leading zeros: "010" is octal to some parsers and decimal to others.
const PREFIX_PATTERN = /^(0|[1-9][0-9]{0,2})$/;

/** An address without a zone, in the strict forms only: four decimal parts for IPv4, IPv6 as written. */
function parseStrict(text: string): IpAddress | null {
  if (text.length > MAX_ADDRESS_LENGTH) return null;
  if (!text.includes(":")) return ipaddr.IPv4.isValidFourPartDecimal(text) ? ipaddr.IPv4.parse(text) : null;
  const lastColon = text.lastIndexOf(":");
  const tail = text.slice(lastColon + 1);
  if (tail.includes(".")) {
    // An embedded IPv4 tail stands for the last two groups, in the same strict form.
    if (!ipaddr.IPv4.isValidFourPartDecimal(tail)) return null;
    if (lastColon === 1) {
      // "::192.0.2.1" is RFC 4291's IPv4-compatible address, ::c000:201; ipaddr.js would read it as
      // IPv4-mapped (::ffff:192.0.2.1), which is another address.
      const [a = 0, b = 0, c = 0, d = 0] = ipaddr.IPv4.parse(tail).octets;
      return new ipaddr.IPv6([0, 0, 0, 0, 0, 0, (a << 8) | b, (c << 8) | d]);
    }
  }
  return ipaddr.IPv6.isValid(text) ? ipaddr.IPv6.parse(text) : null;
}

function unmapped(address: IpAddress): IpAddress {
  return address instanceof ipaddr.IPv6 && address.isIPv4MappedAddress() ? address.toIPv4Address() : address;
}

/** An address as text, or null. IPv4-mapped IPv6 becomes IPv4; a zone ("%eth0") is ignored. */
export function parseIpAddress(text: string): IpAddress | null {
  const trimmed = text.trim();
  const zone = trimmed.indexOf("%");
  const address = parseStrict(zone === -1 || !trimmed.includes(":") ? trimmed : trimmed.slice(0, zone));
  return address && unmapped(address);
}

/** Canonical text: dotted decimal, or RFC 5952 IPv6. */
export function formatIpAddress(address: IpAddress): string {
  return address.toString();
}

/** The canonical text of an address, or null when it is none (e.g. "::FFFF:192.0.2.1" → "192.0.2.1"). */
export function canonicalIpAddress(text: string): string | null {
  const address = cachedAddress(text);
  return address && formatIpAddress(address);
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
  const written = addressText.includes("%") ? null : parseStrict(addressText);
  if (written === null) return { ok: false, message: `"${trimmed}" is not an IPv4 or IPv6 range.` };
  const writtenBits = written.kind() === "ipv6" ? 128 : 32;
  let prefix = writtenBits;
  if (prefixText !== null) {
    if (!PREFIX_PATTERN.test(prefixText) || Number(prefixText) > writtenBits) {
      return { ok: false, message: `"${trimmed}": the prefix length must be 0 to ${writtenBits}.` };
    }
    prefix = Number(prefixText);
  }
  let address: IpAddress = written;
  if (written instanceof ipaddr.IPv6 && prefix >= 96 && written.isIPv4MappedAddress()) {
    address = written.toIPv4Address();
    prefix -= 96;
  }
  const network = networkOf(address, prefix);
  if (network.toNormalizedString() !== address.toNormalizedString()) {
    return {
      ok: false,
      message: `"${trimmed}" has host bits set; did you mean ${formatCidr({ address: network, prefix })}?`,
    };
  }
  return { ok: true, range: { address, prefix } };
}

function networkOf(address: IpAddress, prefix: number): IpAddress {
  const cidr = `${address.toString()}/${prefix}`;
  return address.kind() === "ipv6" ? ipaddr.IPv6.networkAddressFromCIDR(cidr) : ipaddr.IPv4.networkAddressFromCIDR(cidr);
}

/** Canonical text of a range: always with its prefix, IPv6 in RFC 5952 form. */
export function formatCidr(range: CidrRange): string {
  return `${formatIpAddress(range.address)}/${range.prefix}`;
}

export function cidrContains(range: CidrRange, address: IpAddress): boolean {
  // An IPv6 range never matches an IPv4 client (ipaddr.js would throw on the mix).
  return range.address.kind() === address.kind() && address.match(range.address, range.prefix);
}

// Client addresses repeat from request to request: each distinct text is parsed once. Bounded, so a
// stream of distinct addresses cannot grow it without end.
const parsedAddresses = new Map<string, IpAddress | null>();
const throttleKeys = new Map<string, string>();
const CACHED_MAX = 10_000;

function remember<T>(cache: Map<string, T>, key: string, value: T): T {
  if (cache.size >= CACHED_MAX) cache.clear();
  cache.set(key, value);
  return value;
}

function cachedAddress(text: string): IpAddress | null {
  const address = parsedAddresses.get(text);
  return address === undefined ? remember(parsedAddresses, text, parseIpAddress(text)) : address;
}

/**
 * The key failed authentications of a client address are counted under. An IPv6 client usually holds
 * a whole /64, so that is one key ("2001:db8:1:2::/64"); an IPv4 address (also IPv4-mapped) is its own.
 */
export function throttleKeyOf(ip: string | null): string {
  if (!ip) return "unknown";
  // The usual case, an IPv4 address as the socket reports it, needs no parsing.
  if (!ip.includes(":")) return ip;
  let key = throttleKeys.get(ip);
  if (key === undefined) {
    const address = cachedAddress(ip);
    if (address === null) key = ip;
    else if (address.kind() === "ipv4") key = address.toString();
    else key = formatCidr({ address: networkOf(address, 64), prefix: 64 });
    remember(throttleKeys, ip, key);
  }
  return key;
}

/** Whether `address` (text, as the socket or X-Forwarded-For reports it) lies in any of `ranges`. */
export function addressAllowed(ranges: readonly CidrRange[], addressText: string | null): boolean {
  if (addressText === null) return false;
  const address = cachedAddress(addressText);
  if (!address) return false;
  return ranges.some((range) => cidrContains(range, address));
}

// The lookup of a token stores its ranges as text (one canonical range per line); the API compiles
// each distinct text once. Bounded like the caches above.
const compiled = new Map<string, CidrRange[]>();

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
    remember(compiled, stored, ranges);
  }
  return ranges;
}

/** Null (any address) when `stored` is null; otherwise whether the address is in one of its ranges. */
export function storedRangesAllow(stored: string | null, addressText: string | null): boolean {
  if (stored === null) return true;
  return addressAllowed(compileAllowedCidrs(stored), addressText);
}

/**
 * A search term that may be the start of a client address ("10.163.", "10.163.20.165", "2001:db8:"):
 * hex digits, dots and colons only, with a digit and a dot or colon, in lower case as addresses are
 * stored (formatIpAddress); null for any other term. Such a term is also matched as an address prefix.
 */
export function addressPrefixOf(term: string): string | null {
  const text = term.trim().toLowerCase();
  return text.length <= 45 && /^[0-9a-f.:]+$/.test(text) && /\d/.test(text) && /[.:]/.test(text) ? text : null;
}

/** The smallest text after every text that starts with `prefix` (an address prefix: ASCII only). */
export function afterPrefix(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}
