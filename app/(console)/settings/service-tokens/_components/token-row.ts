import type { BadgeTone } from "@/components/ui/badge";
import { tokenStatus, type TokenStatus, type TokenType } from "@/lib/tokens";

/** What the list shows of a token: serialisable, and never the hash. */
export type TokenRow = {
  publicId: string;
  type: TokenType;
  issuedTo: string;
  hint: string;
  createdAt: string;
  createdByName: string;
  expiresAt: string;
  revokedAt: string | null;
  revokedByName: string | null;
  lastUsedAt: string | null;
  lastUsedIp: string | null;
  status: TokenStatus;
};

export const STATUS_TONES: Record<TokenStatus, BadgeTone> = {
  active: "green",
  expiring: "amber",
  expired: "red",
  revoked: "zinc",
};

/** A token as the list shows it (dates as ISO strings, the status decided once, on the server). */
export function toTokenRow(
  t: Omit<TokenRow, "createdAt" | "expiresAt" | "revokedAt" | "lastUsedAt" | "status"> & {
    createdAt: Date;
    expiresAt: Date;
    revokedAt: Date | null;
    lastUsedAt: Date | null;
  },
  now: Date,
): TokenRow {
  return {
    publicId: t.publicId,
    type: t.type,
    issuedTo: t.issuedTo,
    hint: t.hint,
    createdAt: t.createdAt.toISOString(),
    createdByName: t.createdByName,
    expiresAt: t.expiresAt.toISOString(),
    revokedAt: t.revokedAt?.toISOString() ?? null,
    revokedByName: t.revokedByName,
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    lastUsedIp: t.lastUsedIp,
    status: tokenStatus(t, now),
  };
}
