import "server-only";
import type { IncomingMessage } from "node:http";
import { DAY_MS, presetDays, maxDaysFor, ROTATION_RETRY_SECONDS } from "@/lib/tokens";
import { getTokenPolicy, rotateServiceToken } from "@/modules/service-tokens/server";
import { parseAuthorizationHeader, wwwAuthenticate } from "../auth/header";
import { IDEMPOTENCY_KEY_RULE, readIdempotencyKey } from "../http/idempotency-key";
import { readJsonBody } from "../http/json-body";
import { ApiError, TOKEN_EXPIRATION_HEADER } from "../http/respond";
import { defineRoute } from "../http/route";
import { rotateRequestSchema, rotatedTokenSchema } from "../schemas";
import { apiTokenType } from "../views";

export const rotateTokenRoute = defineRoute({
  method: "POST",
  path: "/api/v1/token/rotate",
  operationId: "rotateToken",
  summary: "Rotate the calling token",
  description:
    "Connector and Developer: creates a new token of the same type and Issued To and returns it once. The calling " +
    "token keeps working for overlapSeconds (0 to 604800; never longer than it already would). A token that was " +
    "already rotated and asks again, during its overlap or at any time after it, is treated as a stolen copy: every " +
    "token of its rotation chain is revoked (reason reuse_detected) and the answer is 401 with code reused. " +
    `Send an Idempotency-Key to make the rotation retryable: within ${ROTATION_RETRY_SECONDS / 60} minutes, the same ` +
    "token with the same key and body gets the same new token again (Idempotent-Replayed: true) instead of counting " +
    "as reuse.",
  scope: "token:rotate",
  // A rotated token presented here after its overlap is reuse, not merely expired.
  acceptsRotatedTokens: true,
  requestHeaders: {
    "Idempotency-Key": {
      description: `Optional: ${IDEMPOTENCY_KEY_RULE}. A retry of this rotation with the same key and body (e.g. after a lost response) gets the same new token.`,
      schema: { type: "string", minLength: 16, maxLength: 255 },
    },
  },
  requestBody: {
    required: true,
    content: { "application/json": { schema: { $ref: "#/components/schemas/RotateTokenRequest" } } },
  },
  response: {
    status: 201,
    description: "The new token, shown only in this response (and in a retry's with the same Idempotency-Key).",
    schema: rotatedTokenSchema,
    headers: {
      "Idempotent-Replayed": {
        description: "true: a retry with the rotation's Idempotency-Key; this is the same new token again.",
        schema: { type: "string", enum: ["true"] },
      },
    },
  },
  errors: [400, 413, 415, 422],
  async handle({ req, token, meta, now, headers }) {
    const idempotencyKey = readIdempotencyKey(req.rawHeaders);
    if (!idempotencyKey.ok) throw new ApiError(400, "invalid_request", idempotencyKey.message);
    const parsed = rotateRequestSchema.safeParse(await readJsonBody(req));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const message = !issue
        ? "The body is invalid."
        : issue.code === "unrecognized_keys"
          ? `Unknown body field${issue.keys.length > 1 ? "s" : ""}: ${issue.keys.join(", ")}.`
          : issue.path.length === 0
            ? "The body must be a JSON object with overlapSeconds."
            : issue.message;
      throw new ApiError(400, "invalid_request", message);
    }
    const policy = await getTokenPolicy();
    const days =
      parsed.data.expiresInDays ?? Math.min(presetDays(policy.defaultExpiration) ?? 30, maxDaysFor(policy, token.type));
    const result = await rotateServiceToken(
      {
        publicId: token.publicId,
        overlapSeconds: parsed.data.overlapSeconds,
        expiresAt: new Date(now.getTime() + days * DAY_MS),
        ...(idempotencyKey.key === null
          ? {}
          : {
              idempotency: {
                key: idempotencyKey.key,
                presentedToken: presentedToken(req),
                expiresInDays: parsed.data.expiresInDays ?? null,
              },
            }),
      },
      { kind: "token", publicId: token.publicId, hint: token.hint },
      meta,
      now,
    );
    if (!result.ok) {
      switch (result.code) {
        case "reuse_detected": {
          const message = "This token was already rotated: presenting it again revoked every token of its rotation chain.";
          throw new ApiError(401, "reused", message, {
            "www-authenticate": wwwAuthenticate({ error: "invalid_token", description: message }),
          });
        }
        case "policy":
          throw new ApiError(400, "policy_violation", result.message);
        case "idempotency_mismatch":
          throw new ApiError(
            422,
            "idempotency_key_mismatch",
            "This Idempotency-Key was first sent with another body. Send the same overlapSeconds and expiresInDays to get that rotation's answer again; any other rotation by this token counts as reuse.",
          );
        case "not_active":
        case "not_found":
        case "already_rotated":
          // Authentication just found it active; a concurrent revoke or rotation won the race.
          throw new ApiError(401, "revoked", "The token is no longer active.", {
            "www-authenticate": wwwAuthenticate({ error: "invalid_token" }),
          });
      }
    }
    headers[TOKEN_EXPIRATION_HEADER] = result.replaced.expiresAt.toISOString();
    const created = result.serviceToken;
    return {
      status: 201,
      ...(result.replayed ? { headers: { "idempotent-replayed": "true" } } : {}),
      body: {
        token: result.token,
        id: created.publicId,
        type: apiTokenType(created.type),
        issuedTo: created.issuedTo,
        createdAt: created.createdAt.toISOString(),
        expiresAt: created.expiresAt.toISOString(),
        replaces: { id: result.replaced.publicId, expiresAt: result.replaced.expiresAt.toISOString() },
      },
    };
  },
});

/** The calling token as sent: authentication already accepted this header. */
function presentedToken(req: IncomingMessage): string {
  const header = parseAuthorizationHeader(req.headers.authorization);
  if (header.kind !== "bearer") throw new Error("an authenticated request without a Bearer credential");
  return header.credential;
}
