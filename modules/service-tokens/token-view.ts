import "server-only";
import type { TokenType } from "@/lib/tokens";

/**
 * Every column a page, an action result or the API may see. The hash is not among them: it is only
 * ever used in a WHERE clause (findServiceTokenByHash).
 */
export const serviceTokenSelect = {
  publicId: true,
  type: true,
  issuedTo: true,
  hint: true,
  createdAt: true,
  createdByName: true,
  expiresAt: true,
  revokedAt: true,
  revokedByName: true,
  lastUsedAt: true,
  lastUsedIp: true,
  // token lifecycle
  description: true,
  allowedCidrs: true,
  revokeReason: true,
  revokeReasonText: true,
  replacesPublicId: true,
  replacedByPublicId: true,
} as const;

export type ServiceTokenView = {
  publicId: string;
  type: TokenType;
  issuedTo: string;
  hint: string;
  createdAt: Date;
  createdByName: string;
  expiresAt: Date;
  revokedAt: Date | null;
  revokedByName: string | null;
  lastUsedAt: Date | null;
  lastUsedIp: string | null;
  // token lifecycle
  description: string | null;
  /** Canonical CIDR ranges, one per line; null: any address. */
  allowedCidrs: string | null;
  revokeReason: string | null;
  revokeReasonText: string | null;
  replacesPublicId: string | null;
  replacedByPublicId: string | null;
};

export function toView<T extends { type: string }>(row: T): T & { type: TokenType } {
  return { ...row, type: row.type === "DEVELOPER" ? "DEVELOPER" : "CONNECTOR" };
}
