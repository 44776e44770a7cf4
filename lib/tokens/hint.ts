import { TOKEN_PREFIXES } from "./format";

const KNOWN_PREFIXES = Object.values(TOKEN_PREFIXES);
const VISIBLE = 4;

/**
 * A non-secret reminder of a token, e.g. "opc_con_…a1B2": its prefix and last 4 characters.
 * Also safe for any string (a malformed bearer value in an audit log): never shows more than
 * 4 characters of the secret part, and at most half of a short one, so a pasted password is not logged.
 */
export function tokenHint(token: string): string {
  if (token.length === 0) return "(empty)";
  const prefix = KNOWN_PREFIXES.find((p) => token.startsWith(p)) ?? "";
  // Code points, so the hint never ends in half a surrogate pair.
  const secret = Array.from(token.slice(prefix.length));
  const shown = Math.min(VISIBLE, Math.floor(secret.length / 2));
  return `${prefix}…${shown > 0 ? secret.slice(-shown).join("") : ""}`;
}
