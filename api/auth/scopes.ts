// What each token type may call. Pure: the API's route table names one scope per route, and the
// token introspection endpoint and OpenAPI document list them.
import type { TokenType } from "@/lib/tokens";

export const API_SCOPES = [
  "token:read",
  "token:rotate",
  "files:write",
  "files:read",
  "service_tokens:read",
  "audit_events:read",
] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export const SCOPE_DESCRIPTIONS: Record<ApiScope, string> = {
  "token:read": "Read the calling token's own metadata.",
  "token:rotate": "Replace the calling token with a new one (self-rotation).",
  "files:write": "Upload files.",
  "files:read": "Read uploaded files' metadata and content (a Connector: only its own uploads).",
  "service_tokens:read": "List service token metadata.",
  "audit_events:read": "Read the audit log.",
};

/**
 * Connector: "allows authentication for uploading files procedure" (the product's documentation), so it
 * may introspect itself and use the upload procedure. Developer: "all available APIs".
 */
export const TOKEN_TYPE_SCOPES: Record<TokenType, readonly ApiScope[]> = {
  CONNECTOR: ["token:read", "token:rotate", "files:write", "files:read"],
  DEVELOPER: API_SCOPES,
};

export function hasScope(type: TokenType, scope: ApiScope): boolean {
  return TOKEN_TYPE_SCOPES[type].includes(scope);
}

/** The least powerful token type holding a scope, for 403 messages ("needs a Developer token"). */
export function typeNeededFor(scope: ApiScope): TokenType {
  return hasScope("CONNECTOR", scope) ? "CONNECTOR" : "DEVELOPER";
}
