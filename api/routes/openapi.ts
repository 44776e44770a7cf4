import "server-only";
import { buildOpenApiDocument } from "../openapi";
import { defineRoute } from "../http/route";
import { openApiDocumentSchema } from "../schemas";

let document: Record<string, unknown> | undefined;

export const openApiRoute = defineRoute({
  method: "GET",
  path: "/api/v1/openapi.json",
  operationId: "getOpenApiDocument",
  summary: "This API's OpenAPI 3.1 document",
  description: "Public, like the routes it describes: it holds no secret and helps clients integrate.",
  scope: null,
  response: { status: 200, description: "The OpenAPI document.", schema: openApiDocumentSchema },
  errors: [],
  async handle({ routes }) {
    document ??= buildOpenApiDocument(routes);
    return { status: 200, body: document };
  },
});
