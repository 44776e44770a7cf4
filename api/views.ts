import "server-only";
import {
  tokenStatus,
  type TokenType,
  allowedCidrList,
  DEFAULT_TOKEN_POLICY,
  exceedsPolicy,
  type TokenPolicy,
} from "@/lib/tokens";
import type { AuditEventView } from "@/modules/audit-log/server";
import type { StoredFileView } from "@/modules/files/server";
import type { ServiceTokenView } from "@/modules/service-tokens/server";
import type { auditEventSchema, serviceTokenSchema, storedFileSchema } from "./schemas";
import type { z } from "zod";

// Domain objects → the API's wire format (dates as ISO 8601 UTC strings, lowercase token types).

export function apiTokenType(type: TokenType): "connector" | "developer" {
  return type === "DEVELOPER" ? "developer" : "connector";
}

export function storedFileJson(file: StoredFileView): z.input<typeof storedFileSchema> {
  return {
    id: file.id,
    name: file.name,
    size: file.size,
    sha256: file.sha256,
    contentType: file.contentType,
    status: "stored",
    createdAt: file.createdAt.toISOString(),
    uploadedBy: file.uploadedBy,
  };
}

type ApiRevokeReason = z.input<typeof serviceTokenSchema>["revokeReason"];
const API_REVOKE_REASONS: Record<string, ApiRevokeReason> = {
  COMPROMISED: "compromised",
  NO_LONGER_NEEDED: "no_longer_needed",
  REPLACED: "replaced",
  OTHER: "other",
  REUSE_DETECTED: "reuse_detected",
};

export function serviceTokenJson(
  token: ServiceTokenView,
  now: Date,
  policy: TokenPolicy = DEFAULT_TOKEN_POLICY,
): z.input<typeof serviceTokenSchema> {
  return {
    id: token.publicId,
    type: apiTokenType(token.type),
    issuedTo: token.issuedTo,
    hint: token.hint,
    status: tokenStatus(token, now),
    createdAt: token.createdAt.toISOString(),
    createdBy: token.createdByName,
    expiresAt: token.expiresAt.toISOString(),
    revokedAt: token.revokedAt?.toISOString() ?? null,
    revokedBy: token.revokedByName,
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    lastUsedIp: token.lastUsedIp,
    description: token.description,
    allowedAddresses: allowedCidrList(token.allowedCidrs),
    revokeReason: token.revokeReason ? (API_REVOKE_REASONS[token.revokeReason] ?? "other") : null,
    revokeReasonText: token.revokeReasonText,
    replaces: token.replacesPublicId,
    replacedBy: token.replacedByPublicId,
    exceedsPolicy: exceedsPolicy(token, policy),
  };
}

export function auditEventJson(event: AuditEventView): z.input<typeof auditEventSchema> {
  return {
    ...event,
    createdAt: event.createdAt.toISOString(),
    outcome: event.outcome === "success" ? "success" : "failure",
  };
}
