import "server-only";
import { z } from "zod";
import { TOKEN_PATTERN_SOURCE } from "@/lib/tokens";
import { hasScope, SCOPE_DESCRIPTIONS } from "./auth/scopes";
import type { AnyRoute } from "./http/route";
import { apiSchemas } from "./schemas";

/**
 * The OpenAPI 3.1 document, generated from the route table and the same zod schemas the handlers
 * validate with (z.toJSONSchema emits JSON Schema 2020-12, which OpenAPI 3.1 uses as is). What is
 * written here is what zod has no notion of: parameters from an object schema, the error responses,
 * the texts. zod-openapi and @asteasolutions/zod-to-openapi, tried for the parameters and paths, each
 * changed the document (zod-openapi: "…Output" copies of schemas, `additionalProperties: false` and
 * `required: false` dropped; zod-to-openapi: components inlined, nullable fields in another form), so
 * they are not used.
 */
type JsonObject = Record<string, unknown>;

const REF = (id: string) => `#/components/schemas/${id}`;

// `format: date-time` says it all; zod also emits its 400-character validation regex.
const override = ({ jsonSchema }: { jsonSchema: { format?: string; pattern?: string } }) => {
  if (jsonSchema.format === "date-time") delete jsonSchema.pattern;
};

function clean(schema: JsonObject): JsonObject {
  const { $schema: _schema, $id: _id, ...rest } = schema;
  return rest;
}

function schemaOf(schema: z.ZodType, io: "input" | "output" = "output"): JsonObject {
  const id = apiSchemas.get(schema)?.id;
  if (id) return { $ref: REF(id) };
  return clean(z.toJSONSchema(schema, { io, metadata: apiSchemas, unrepresentable: "any", override }));
}

function parametersOf(schema: z.ZodType | undefined, location: "path" | "query"): JsonObject[] {
  if (!schema) return [];
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any", override }) as {
    properties?: Record<string, JsonObject>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: location,
      required: location === "path" || (json.required ?? []).includes(name),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: "Invalid input (code invalid_request); the message says which.",
  401: "No valid token (missing, malformed, unknown, expired, revoked, or reused: a rotated token presented for rotation again); see WWW-Authenticate.",
  403: "The token's type may not call this operation (insufficient_scope, with WWW-Authenticate), or the client's address is outside the token's allowed addresses (address_not_allowed, without WWW-Authenticate).",
  404: "No such resource, or not visible to this token.",
  413: "The file is larger than the configured limit (payload_too_large).",
  415: "The body is not of the media type the operation takes (unsupported_media_type).",
  422: "The Idempotency-Key was first sent with another body (idempotency_key_mismatch); nothing changed.",
  429: "Too many failed authentications from this address, or too many identify lookups by this token (rate_limited); see Retry-After.",
  500: "Unexpected error (internal_error).",
  503: "The console cannot reach its database, or another program holds its write lock (unavailable), or its disk is full (insufficient_storage); see Retry-After.",
};

function errorResponse(status: number): JsonObject {
  const headers: JsonObject = {};
  if (status === 401 || status === 403) headers["WWW-Authenticate"] = { $ref: "#/components/headers/WWWAuthenticate" };
  if (status === 429 || status === 503) headers["Retry-After"] = { $ref: "#/components/headers/RetryAfter" };
  if (status !== 401 && status !== 429 && status !== 503)
    headers["X-Token-Expiration"] = { $ref: "#/components/headers/TokenExpiration" };
  return {
    description: ERROR_DESCRIPTIONS[status] ?? "Error.",
    headers,
    content: { "application/json": { schema: { $ref: REF("Error") } } },
  };
}

function operationOf(route: AnyRoute): JsonObject {
  const { response } = route;
  const success: JsonObject = {
    description: response.description,
    headers: {
      ...(route.scope ? { "X-Token-Expiration": { $ref: "#/components/headers/TokenExpiration" } } : {}),
      ...response.headers,
    },
    content: "content" in response ? response.content : { "application/json": { schema: schemaOf(response.schema) } },
  };
  const statuses = [...route.errors];
  if (route.scope) {
    // 403: insufficient_scope, or address_not_allowed for any token restricted to allowed addresses.
    statuses.push(401, 403, 429, 503);
  }
  statuses.push(500);
  const who =
    route.scope === null
      ? "Public: no token needed."
      : hasScope("CONNECTOR", route.scope)
        ? "Connector and Developer tokens."
        : "Developer tokens only.";
  return {
    operationId: route.operationId,
    summary: route.summary,
    description: [route.description, who, route.scope ? `Scope: ${route.scope}.` : ""].filter(Boolean).join(" "),
    ...(route.scope ? { "x-required-scope": route.scope } : {}),
    security: route.scope ? [{ bearerAuth: [] }] : [],
    parameters: [
      ...parametersOf(route.params, "path"),
      ...parametersOf(route.query, "query"),
      ...Object.entries(route.requestHeaders ?? {}).map(([name, header]) => ({ name, in: "header", required: false, ...header })),
    ],
    ...(route.requestBody ? { requestBody: route.requestBody } : {}),
    responses: {
      [String(response.status)]: success,
      ...Object.fromEntries([...new Set(statuses)].sort().map((s) => [String(s), errorResponse(s)])),
    },
  };
}

export function buildOpenApiDocument(routes: readonly AnyRoute[]): JsonObject {
  const { schemas } = z.toJSONSchema(apiSchemas, { uri: REF, unrepresentable: "any", override });
  const paths: Record<string, JsonObject> = {};
  for (const route of routes) {
    const path = (paths[route.path] ??= {});
    path[route.method.toLowerCase()] = operationOf(route);
  }
  return {
    openapi: "3.1.1",
    info: {
      title: "Service Tokens console API",
      version: "1",
      description:
        "Send a service token as `Authorization: Bearer <token>`. Connector tokens may introspect " +
        "themselves and use the upload procedure; Developer tokens may call everything. Every response " +
        "is `Cache-Control: no-store`; every response after a successful authentication carries " +
        "`X-Token-Expiration`. Failed authentications are limited per client address (429 with Retry-After). " +
        `Scopes: ${Object.entries(SCOPE_DESCRIPTIONS)
          .map(([scope, text]) => `\`${scope}\` ${text}`)
          .join(" ")}`,
    },
    servers: [{ url: "/" }],
    security: [{ bearerAuth: [] }],
    paths,
    components: {
      securitySchemes: {
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          description: `A service token from Settings > Service Tokens, matching ${TOKEN_PATTERN_SOURCE}.`,
        },
      },
      headers: {
        TokenExpiration: {
          description: "When the calling token expires, ISO 8601 in UTC (like GitHub-Authentication-Token-Expiration).",
          schema: { type: "string", format: "date-time" },
        },
        WWWAuthenticate: {
          description:
            'RFC 6750 challenge: Bearer realm="console", plus error="invalid_token" and error_description (401 ' +
            'with a token), or error="insufficient_scope" and scope (403). No error when no token was sent.',
          schema: { type: "string" },
        },
        RetryAfter: { description: "Seconds until the address may try again.", schema: { type: "integer" } },
      },
      schemas: Object.fromEntries(Object.entries(schemas).map(([id, schema]) => [id, clean(schema as JsonObject)])),
    },
  };
}
