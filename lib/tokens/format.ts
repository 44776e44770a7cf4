// The service token wire format. Pure constants: safe for server and browser bundles.
//
//   opc_con_<body: 43 base62 chars><checksum: 6 base62 chars>   (57 chars)
//
// "opc" names the product (on-prem console) and the next part the type, so secret scanners can
// find a leaked token and a reader can tell its power at a glance. The body is 32 CSPRNG bytes
// (256 bits); the checksum is CRC-32 of prefix + body, so typos are rejected without a lookup.

export const TOKEN_TYPES = ["CONNECTOR", "DEVELOPER"] as const;
export type TokenType = (typeof TOKEN_TYPES)[number];

export const TOKEN_PREFIXES: Record<TokenType, string> = {
  CONNECTOR: "opc_con_",
  DEVELOPER: "opc_dev_",
};

/** Length shared by every prefix in TOKEN_PREFIXES. */
export const PREFIX_LENGTH = 8;
/** Random bytes per token body: 256 bits. */
export const BODY_BYTES = 32;
/** base62 of 32 bytes: 62^43 > 2^256 > 62^42, so 43 characters always fit, left-padded with "0". */
export const BODY_LENGTH = 43;
/** base62 of a CRC-32: 62^6 > 2^32. */
export const CHECKSUM_LENGTH = 6;
export const TOKEN_LENGTH = PREFIX_LENGTH + BODY_LENGTH + CHECKSUM_LENGTH; // 57

/** For secret scanners (GitHub push protection, gitleaks, trufflehog): prefix + 49 base62 chars. */
export const TOKEN_PATTERN_SOURCE = String.raw`\bopc_(?:con|dev)_[0-9A-Za-z]{49}\b`;
export const TOKEN_PATTERN = new RegExp(TOKEN_PATTERN_SOURCE);

export const TOKEN_TYPE_LABELS: Record<TokenType, string> = {
  CONNECTOR: "Connector",
  DEVELOPER: "Developer",
};

// Wording from the product's user documentation.
export const TOKEN_TYPE_DESCRIPTIONS: Record<TokenType, string> = {
  CONNECTOR: "Basic integration. Allows authentication for uploading files procedure.",
  DEVELOPER: "Advanced integration. For all available APIs. Handle it with caution.",
};

export function isTokenType(value: unknown): value is TokenType {
  return (TOKEN_TYPES as readonly unknown[]).includes(value);
}

/**
 * The token type a stored value names, as this module's own string, or null. A value read from the
 * database is a new string each time; the constant returned here is the one property lookups keyed by
 * the type (scopes, labels) find without hashing it again.
 */
export function tokenTypeOf(value: string): TokenType | null {
  for (const type of TOKEN_TYPES) if (type === value) return type;
  return null;
}

// Public, non-secret token ID shown in the list ("tok_7KQ2M9XA1B"). Crockford base32 has no
// I, L, O, U, so an ID read aloud or retyped is not misread.
export const PUBLIC_ID_PREFIX = "tok_";
export const PUBLIC_ID_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const PUBLIC_ID_LENGTH = 10;
export const PUBLIC_ID_PATTERN = /^tok_[0-9A-HJKMNP-TV-Z]{10}$/;

export function isPublicId(value: string): boolean {
  return PUBLIC_ID_PATTERN.test(value);
}
