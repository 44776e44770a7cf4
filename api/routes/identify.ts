import "server-only";
import type { IncomingMessage } from "node:http";
import { identifyServiceToken } from "@/modules/service-tokens/server";
import { ApiError } from "../http/respond";
import { defineRoute } from "../http/route";
import { identifyRequestSchema, identifyResultSchema } from "../schemas";
import { serviceTokenJson } from "../views";

const MAX_BODY_BYTES = 4096;

/** The JSON body, at most 4 KiB; never echoed into an error message (it holds a secret). */
async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  if (!/^application\/json\b/i.test(req.headers["content-type"] ?? "")) {
    throw new ApiError(415, "unsupported_media_type", 'Send the body as application/json: {"token": "…"}.');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new ApiError(413, "payload_too_large", `The body is larger than ${MAX_BODY_BYTES} bytes.`);
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new ApiError(400, "invalid_request", "The body is not valid JSON.");
  }
}

export const identifyServiceTokenRoute = defineRoute({
  method: "POST",
  path: "/api/v1/service-tokens/identify",
  operationId: "identifyServiceToken",
  summary: "Identify a token",
  description:
    "Developer only. Whether a string (found in a log, a ticket, a repository) is a token of this console, and which. " +
    "The token goes in the JSON body, never in the URL; it is not stored or logged; the lookup is audited by the token's hint " +
    "and limited to 10 a minute per calling token (429 with Retry-After beyond).",
  scope: "service_tokens:read",
  requestBody: {
    required: true,
    content: { "application/json": { schema: { $ref: "#/components/schemas/IdentifyRequest" } } },
  },
  response: { status: 200, description: "The answer.", schema: identifyResultSchema },
  errors: [400, 413, 415, 429],
  async handle({ req, token, meta, now }) {
    const body = identifyRequestSchema.safeParse(await readJsonBody(req));
    if (!body.success) throw new ApiError(400, "invalid_request", 'The body must be {"token": "<string>"}.');
    const answer = await identifyServiceToken(
      body.data.token,
      { actorType: "service_token", actorId: token.publicId, actorName: token.hint },
      meta,
      now,
    );
    if (answer.limited) {
      throw new ApiError(429, "rate_limited", "Too many lookups in a minute.", {
        "retry-after": String(answer.retryAfterSeconds),
      });
    }
    const { result } = answer;
    return {
      status: 200,
      body: {
        result: result.kind,
        reason: result.kind === "malformed" ? result.reason : null,
        hint: result.kind === "malformed" ? null : result.hint,
        token: result.kind === "known" ? serviceTokenJson(result.token, now) : null,
      },
    };
  },
});
