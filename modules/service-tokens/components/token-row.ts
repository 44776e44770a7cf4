import {
  tokenStatus,
  type TokenStatus,
  type TokenType,
  exceedsPolicy,
  revokeReasonLabel,
  type TokenPolicy,
  unusedRevocationSoon,
} from "@/lib/tokens";

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
  description: string | null;
  /** "Compromised", "Other: …" etc.; null when not revoked or revoked without a reason. */
  revokeReason: string | null;
  /** The token that replaced it (rotation); while it still works, it is "Rotating". */
  replacedByPublicId: string | null;
  /** Lives longer than the token policy allows (created before a tightening). */
  overPolicy: boolean;
  /** When the inactive-token policy will revoke it, if within its notice (7 days); else null. */
  unusedRevocationAt: string | null;
  /** API requests over the last 7 days (UTC, today included). */
  requests7d: number;
};

/** A revoke reason as people read it: the label, and for "Other" its text. */
export function revokeReasonText(reason: string | null, text: string | null): string | null {
  const label = revokeReasonLabel(reason);
  if (!label) return null;
  return text ? `${label}: ${text}` : label;
}

/** A token as the list shows it (dates as ISO strings, the status decided once, on the server). */
export function toTokenRow(
  t: Omit<
    TokenRow,
    "createdAt" | "expiresAt" | "revokedAt" | "lastUsedAt" | "status" | "revokeReason" | "overPolicy" | "unusedRevocationAt"
  > & {
    createdAt: Date;
    expiresAt: Date;
    revokedAt: Date | null;
    lastUsedAt: Date | null;
    revokeReason: string | null;
    revokeReasonText: string | null;
  },
  now: Date,
  policy: TokenPolicy,
): TokenRow {
  const status = tokenStatus(t, now);
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
    status,
    description: t.description,
    revokeReason: t.revokedAt ? revokeReasonText(t.revokeReason, t.revokeReasonText) : null,
    replacedByPublicId: t.replacedByPublicId,
    overPolicy: status !== "revoked" && status !== "expired" && exceedsPolicy(t, policy),
    unusedRevocationAt:
      status === "revoked" || status === "expired" ? null : (unusedRevocationSoon(t, policy, now)?.toISOString() ?? null),
    requests7d: t.requests7d,
  };
}
