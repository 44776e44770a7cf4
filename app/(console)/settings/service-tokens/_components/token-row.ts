import type { BadgeTone } from "@/components/ui/badge";
import type { TokenStatus, TokenType } from "@/lib/tokens";

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
