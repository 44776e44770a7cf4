import "server-only";
import { getTokenPolicy } from "@/lib/server/service-tokens/policy";
import { listServiceTokenPage } from "@/lib/server/service-tokens/store";
import { defineRoute } from "../http/route";
import { serviceTokenListQuerySchema, serviceTokenListSchema } from "../schemas";
import { serviceTokenJson } from "../views";

export const listServiceTokensRoute = defineRoute({
  method: "GET",
  path: "/api/v1/service-tokens",
  operationId: "listServiceTokens",
  summary: "List service tokens",
  description: "Developer only. Token metadata, newest first, revoked ones included unless filtered; never a token or its hash.",
  scope: "service_tokens:read",
  query: serviceTokenListQuerySchema,
  response: { status: 200, description: "One page of tokens.", schema: serviceTokenListSchema },
  errors: [400],
  async handle({ query, now }) {
    const policy = await getTokenPolicy();
    const { items, total } = await listServiceTokenPage({
      type: query.type === "developer" ? "DEVELOPER" : query.type === "connector" ? "CONNECTOR" : undefined,
      status: query.status,
      page: query.page,
      perPage: query.per_page,
      now,
    });
    let next: string | null = null;
    if (query.page * query.per_page < total) {
      const search = new URLSearchParams();
      if (query.type) search.set("type", query.type);
      if (query.status) search.set("status", query.status);
      search.set("page", String(query.page + 1));
      search.set("per_page", String(query.per_page));
      next = `/api/v1/service-tokens?${search}`;
    }
    return {
      status: 200,
      body: { data: items.map((t) => serviceTokenJson(t, now, policy)), page: query.page, perPage: query.per_page, total, next },
    };
  },
});
