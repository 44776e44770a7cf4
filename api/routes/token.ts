import "server-only";
import { TOKEN_TYPE_SCOPES, hasScope, type ApiScope } from "../auth/scopes";
import { maxUploadBytes } from "@/modules/files/server";
import { defineRoute, type AnyRoute } from "../http/route";
import { tokenInfoSchema } from "../schemas";
import { apiTokenType } from "../views";
import { allowedCidrList } from "@/lib/tokens";
import type { TokenType } from "@/lib/tokens";
import { isoTime } from "../clock";

/** Built on first use, once per token type: the answer's arrays are the same for every token of a type. */
const operationsByType: Partial<Record<TokenType, string[]>> = {};
const SCOPES_BY_TYPE: Record<TokenType, ApiScope[]> = {
  CONNECTOR: [...TOKEN_TYPE_SCOPES.CONNECTOR],
  DEVELOPER: [...TOKEN_TYPE_SCOPES.DEVELOPER],
};

function operationsFor(type: TokenType, routes: readonly AnyRoute[]): string[] {
  return (operationsByType[type] ??= routes.filter((r) => r.scope === null || hasScope(type, r.scope)).map((r) => r.operation));
}

export const getTokenRoute = defineRoute({
  method: "GET",
  path: "/api/v1/token",
  operationId: "getToken",
  summary: "The calling token",
  description: "Any valid token: its ID, type, issued to, creation and expiry, and what it may call.",
  scope: "token:read",
  response: { status: 200, description: "The token's metadata.", schema: tokenInfoSchema },
  errors: [],
  // Synchronous: nothing to wait for, and this is the API's most frequent call.
  handle({ token, routes }) {
    // The same text as the X-Token-Expiration header just sent with it: isoTime formats it once.
    const expiresAt = isoTime(token.expiresAt);
    return {
      status: 200,
      body: {
        id: token.publicId,
        type: apiTokenType(token.type),
        issuedTo: token.issuedTo,
        createdAt: token.createdAt.toISOString(),
        expiresAt,
        scopes: SCOPES_BY_TYPE[token.type],
        operations: operationsFor(token.type, routes),
        limits: { maxUploadBytes: maxUploadBytes() },
        allowedAddresses: allowedCidrList(token.allowedCidrs),
      },
    };
  },
});
