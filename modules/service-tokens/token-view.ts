import "server-only";
import { tokenTypeOf, type TokenType } from "@/lib/tokens";

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
  notifyEmails: true,
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
  /** Notify: email addresses, one per line; null: the global recipients only. */
  notifyEmails: string | null;
  revokeReason: string | null;
  revokeReasonText: string | null;
  replacesPublicId: string | null;
  replacedByPublicId: string | null;
};

/**
 * A stored row as a token, or null when its type is none this console knows (tokenTypeOf, the rule the
 * Bearer API's lookup follows too). Such a row (written by a newer version, or by hand) is no token
 * anywhere: not listed or counted, no page, unknown to Identify, not found by Rotate, Revoke and the
 * details editor, refused by the API.
 */
export function toView<T extends { type: string }>(row: T): (T & { type: TokenType }) | null {
  const type = tokenTypeOf(row.type);
  return type ? { ...row, type } : null;
}
