// The Bearer API's wire format, as zod schemas: the handlers validate input with them, their types shape
// the handlers' output, and the OpenAPI document is generated from them. Pure zod with no `server-only`,
// so the end-to-end tests can check real responses against the same schemas.
import { z } from "zod";
import { API_SCOPES } from "@/api/auth/scopes";
import {
  API_MAX_PER_PAGE,
  DEFAULT_PER_PAGE,
  LIST_SORTS,
  LIST_STATUSES,
  LIST_TYPES,
  MAX_SEARCH_LENGTH,
  SORT_ORDERS,
} from "@/lib/tokens/list-view";
import { MAX_PAGE_NUMBER, readListParams } from "@/lib/tokens/list-params";
import { PUBLIC_ID_PATTERN, TOKEN_STATUSES, MAX_OVERLAP_SECONDS, POLICY_MAX_DAYS } from "@/lib/tokens";

/** Schemas that appear under components.schemas in the OpenAPI document, by name. */
export const apiSchemas = z.registry<{ id: string; description?: string }>();

const ERROR_CODES = [
  "missing",
  "malformed",
  "unknown",
  "expired",
  "revoked",
  "rate_limited",
  "insufficient_scope",
  "invalid_request",
  "not_found",
  "method_not_allowed",
  "payload_too_large",
  "unsupported_media_type",
  "internal_error",
  "unavailable",
  "insufficient_storage",
  // token lifecycle
  "address_not_allowed",
  "reused",
  "policy_violation",
  "idempotency_key_mismatch",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES).describe("Stable, machine-readable reason."),
      message: z.string().describe("What went wrong, for a human."),
    }),
  })
  .register(apiSchemas, { id: "Error", description: "Every error response has this body." });

const timestamp = z.iso.datetime();
const publicTokenId = z.string().regex(PUBLIC_ID_PATTERN).describe("Public token ID, as shown in the console.");

/** Token types on the wire: lowercase words, as in the console's "Connector" and "Developer" (and the list's `type`). */
const apiTokenTypeSchema = z.enum(LIST_TYPES);
const tokenStatusSchema = z.enum(TOKEN_STATUSES);

export const tokenInfoSchema = z
  .object({
    id: publicTokenId,
    type: apiTokenTypeSchema,
    issuedTo: z.string(),
    createdAt: timestamp,
    expiresAt: timestamp,
    scopes: z.array(z.enum(API_SCOPES)).describe("What this token may do."),
    operations: z.array(z.string()).describe('The API operations this token may call, as "METHOD /path".'),
    limits: z.object({ maxUploadBytes: z.number().int().describe("Largest file POST /api/v1/files accepts.") }),
    allowedAddresses: z.array(z.string()).describe("CIDR ranges this token may be used from; empty: any address."),
  })
  .register(apiSchemas, { id: "TokenInfo", description: "The calling token." });

export const storedFileSchema = z
  .object({
    id: z.uuid(),
    name: z.string().describe("The uploaded file name, without any path, control or invisible characters."),
    size: z.number().int().min(0).describe("Bytes."),
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .describe("SHA-256 of the content, lowercase hex."),
    contentType: z.string().describe("Media type the client declared; downloads are always application/octet-stream."),
    status: z.enum(["stored"]).describe("stored: the content is on disk and hashed."),
    createdAt: timestamp,
    uploadedBy: publicTokenId.describe("Public ID of the token that uploaded the file."),
  })
  .register(apiSchemas, { id: "StoredFile", description: "An uploaded file." });

export const serviceTokenSchema = z
  .object({
    id: publicTokenId,
    type: apiTokenTypeSchema,
    issuedTo: z.string(),
    hint: z.string().describe("Prefix and last four characters; never the token or its hash."),
    status: tokenStatusSchema.describe(
      "expiring: expires within 7 days and is at least a day old (a token is not flagged in its first day).",
    ),
    createdAt: timestamp,
    createdBy: z.string(),
    expiresAt: timestamp,
    revokedAt: timestamp.nullable(),
    revokedBy: z.string().nullable(),
    lastUsedAt: timestamp.nullable().describe("Updated at most once a minute."),
    lastUsedIp: z.string().nullable(),
    // token lifecycle
    description: z.string().nullable(),
    allowedAddresses: z.array(z.string()).describe("CIDR ranges the token may be used from; empty: any address."),
    revokeReason: z
      .enum(["compromised", "no_longer_needed", "replaced", "other", "reuse_detected"])
      .nullable()
      .describe("Why it was revoked; reuse_detected: a rotated token was presented for rotation again."),
    revokeReasonText: z.string().nullable().describe("The administrator's note for other."),
    replaces: publicTokenId.nullable().describe("The token this one replaced by rotation."),
    replacedBy: publicTokenId.nullable().describe("The token that replaced this one; it works until its expiresAt."),
    exceedsPolicy: z.boolean().describe("Lives longer than the current token policy allows (created before a tightening)."),
  })
  .register(apiSchemas, { id: "ServiceToken", description: "Service token metadata." });

/** Body of POST /api/v1/token/rotate. */
export const rotateRequestSchema = z
  .object({
    overlapSeconds: z
      .number({ error: `overlapSeconds must be a whole number from 0 to ${MAX_OVERLAP_SECONDS}.` })
      .int(`overlapSeconds must be a whole number from 0 to ${MAX_OVERLAP_SECONDS}.`)
      .min(0, `overlapSeconds must be a whole number from 0 to ${MAX_OVERLAP_SECONDS}.`)
      .max(MAX_OVERLAP_SECONDS, `overlapSeconds must be a whole number from 0 to ${MAX_OVERLAP_SECONDS}.`),
    expiresInDays: z
      .number({ error: `expiresInDays must be a whole number from 1 to ${POLICY_MAX_DAYS}.` })
      .int(`expiresInDays must be a whole number from 1 to ${POLICY_MAX_DAYS}.`)
      .min(1, `expiresInDays must be a whole number from 1 to ${POLICY_MAX_DAYS}.`)
      .max(POLICY_MAX_DAYS, `expiresInDays must be a whole number from 1 to ${POLICY_MAX_DAYS}.`)
      .optional(),
  })
  .strict();

// Registered for the OpenAPI document only: the route validates with rotateRequestSchema itself.
rotateRequestSchema.register(apiSchemas, {
  id: "RotateTokenRequest",
  description:
    "overlapSeconds: how long the calling token keeps working (0 to 604800); expiresInDays: the new token's lifetime, within the token policy (default: the policy's default expiration).",
});

export const rotatedTokenSchema = z
  .object({
    token: z.string().describe("The new token. Shown only in this response: store it now."),
    id: publicTokenId,
    type: apiTokenTypeSchema,
    issuedTo: z.string(),
    createdAt: timestamp,
    expiresAt: timestamp,
    replaces: z.object({
      id: publicTokenId,
      expiresAt: timestamp.describe("The calling token now stops working at this instant."),
    }),
  })
  .register(apiSchemas, { id: "RotatedToken", description: "The new token, once." });

export const serviceTokenListSchema = z
  .object({
    data: z.array(serviceTokenSchema),
    page: z.number().int().nullable().describe("The page number asked for with page; null when paging by cursor."),
    perPage: z.number().int(),
    total: z.number().int().describe("Tokens matching the search and filters, on all pages."),
    nextCursor: z.string().nullable().describe("Pass as cursor for the next page; null on the last page."),
    prevCursor: z.string().nullable().describe("Pass as cursor for the previous page; null on the first page."),
    next: z.string().nullable().describe("Path and query of the next page (by cursor), or null on the last page."),
  })
  .register(apiSchemas, { id: "ServiceTokenList" });

export const identifyRequestSchema = z
  .object({ token: z.string().max(1000).describe("The string to identify; never stored or logged.") })
  .register(apiSchemas, { id: "IdentifyRequest" });

export const identifyResultSchema = z
  .object({
    result: z
      .enum(["malformed", "unknown", "known"])
      .describe(
        "malformed: not a token of this console (format or checksum); unknown: well-formed, no such token; known: one of ours.",
      ),
    reason: z
      .enum(["wrong_prefix", "wrong_length", "wrong_alphabet", "bad_checksum"])
      .nullable()
      .describe("Why it is malformed; null otherwise."),
    hint: z.string().nullable().describe("Prefix and last four characters of a well-formed token; null when malformed."),
    token: serviceTokenSchema.nullable().describe("The known token's metadata; null otherwise."),
  })
  .register(apiSchemas, { id: "IdentifyResult" });

export const auditEventSchema = z
  .object({
    id: z.string(),
    createdAt: timestamp,
    actorType: z.string().describe("user, service_token, anonymous or system."),
    actorId: z.string().nullable(),
    actorName: z.string().nullable().describe("A username or a token hint; never a secret."),
    action: z.string().describe("E.g. service_token.create, file.upload, api.auth_failed."),
    outcome: z.enum(["success", "failure"]),
    targetType: z.string().nullable(),
    targetId: z.string().nullable(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    details: z.record(z.string(), z.unknown()).nullable(),
  })
  .register(apiSchemas, { id: "AuditEvent" });

export const auditEventListSchema = z
  .object({
    data: z.array(auditEventSchema),
    nextCursor: z.string().nullable().describe("Pass as cursor for the next (older) page; null on the last page."),
    next: z.string().nullable().describe("Path and query of the next page, or null."),
  })
  .register(apiSchemas, { id: "AuditEventList" });

export const openApiDocumentSchema = z.record(z.string(), z.unknown());

// Inputs. Query parameters arrive as strings; numbers are coerced, unknown parameters refused (a typo
// such as ?perpage=5 should not silently return the default).

function wholeNumber(name: string, min: number, max: number) {
  const message = `${name} must be a whole number from ${min} to ${max}.`;
  return z.coerce.number({ error: message }).int({ error: message }).min(min, { error: message }).max(max, { error: message });
}

export const fileParamsSchema = z.object({ id: z.uuid({ error: "id must be a file ID (a UUID)." }) });

/**
 * A parameter of the token list, documented here and read by readListParams (lib/tokens/list-params.ts),
 * which decides each one's vocabulary and validity for the console's page and for this API alike.
 * `schema` only describes it in the OpenAPI document, from the same vocabulary.
 */
function listParam(description: string, schema: Record<string, unknown>) {
  return z
    .string()
    .optional()
    .meta({ description, ...schema });
}

export const serviceTokenListQuerySchema = z
  .strictObject({
    q: listParam("Search: part of the token ID, Issued To or the creator's name, or the token's last characters.", {
      maxLength: MAX_SEARCH_LENGTH,
    }),
    type: listParam("Only tokens of this type.", { enum: LIST_TYPES }),
    status: listParam("Only tokens in this state; never_used: not revoked and never used.", { enum: LIST_STATUSES }),
    sort: listParam("Sort column; ties are broken by ID.", { default: "created_at", enum: LIST_SORTS }),
    order: listParam("Default: desc for created_at and last_used_at, asc otherwise.", { enum: SORT_ORDERS }),
    cursor: listParam("nextCursor or prevCursor of a previous page (keeps its sort and filters), or last for the last page.", {
      maxLength: 600,
    }),
    page: listParam("Deprecated: 1-based page number by offset (slow on deep pages). Prefer cursor; not with cursor.", {
      type: "integer",
      minimum: 1,
      maximum: MAX_PAGE_NUMBER,
    }),
    per_page: listParam("Tokens per page.", {
      default: DEFAULT_PER_PAGE.api,
      type: "integer",
      minimum: 1,
      maximum: API_MAX_PER_PAGE,
    }),
  })
  .transform((query, ctx) => {
    const { view, page, errors } = readListParams(query, "api");
    const error = errors[0];
    if (!error) return { view, page };
    // At the query's level: the message names the parameter itself.
    ctx.addIssue({ code: "custom", message: error.message });
    return z.NEVER;
  });

export const auditEventListQuerySchema = z.strictObject({
  limit: wholeNumber("limit", 1, 100).default(50).describe("Events per page."),
  cursor: z.string().max(200).optional().describe("nextCursor of the previous page."),
  action: z.string().max(64).optional().describe("Only events with this action, e.g. api.auth_failed."),
  outcome: z.enum(["success", "failure"], { error: "outcome must be success or failure." }).optional(),
});
