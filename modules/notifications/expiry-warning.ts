// The warning a client hears itself: from a token's first warning threshold (the largest `Warn before
// expiry (days)`) on, every authenticated API response carries `Deprecation` (RFC 9745: the moment the
// warning began, as `@` Unix seconds) and `Sunset` (RFC 8594: the expiry, an HTTP date).
import "server-only";
import { warnWindowMs } from "./settings";

export type ExpiryWarningHeaders = { deprecation: string; sunset: string };

/** The headers for a token expiring at `expiresAt`, or null before its first warning threshold. */
export function expiryWarningHeaders(expiresAt: Date, now: Date): ExpiryWarningHeaders | null {
  const window = warnWindowMs();
  const warnFrom = expiresAt.getTime() - window;
  if (window === 0 || now.getTime() < warnFrom) return null;
  return { deprecation: `@${Math.floor(warnFrom / 1000)}`, sunset: expiresAt.toUTCString() };
}
