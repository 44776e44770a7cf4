/**
 * Stored rows as one text, to search for a secret in everything a test wrote. Audit events carry a
 * BigInt (`seq`), which JSON.stringify refuses on its own.
 */
export function storedText(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) => (typeof v === "bigint" ? String(v) : v));
}
