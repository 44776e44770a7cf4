import "server-only";
import { searchParamsOfView } from "@/lib/tokens";
import { listServiceTokens, getTokenPolicy } from "@/modules/service-tokens/server";
import { defineRoute } from "../http/route";
import { serviceTokenListQuerySchema, serviceTokenListSchema } from "../schemas";
import { serviceTokenJson } from "../views";

export const listServiceTokensRoute = defineRoute({
  method: "GET",
  path: "/api/v1/service-tokens",
  operationId: "listServiceTokens",
  summary: "List service tokens",
  description:
    "Developer only. Token metadata, newest first unless sorted, revoked ones included unless filtered; never a token or its hash. " +
    "Pages by cursor: follow next (or pass nextCursor as cursor) with the same search, filters and sort.",
  scope: "service_tokens:read",
  query: serviceTokenListQuerySchema,
  response: { status: 200, description: "One page of tokens.", schema: serviceTokenListSchema },
  errors: [400],
  async handle({ query: { view, page }, now }) {
    const [list, policy] = await Promise.all([
      listServiceTokens(view, { now, includeRevoked: true, offset: page ? (page - 1) * view.perPage : 0 }),
      getTokenPolicy(),
    ]);
    return {
      status: 200,
      body: {
        data: list.items.map((t) => serviceTokenJson(t, now, policy)),
        page: view.cursor ? null : (page ?? 1),
        perPage: view.perPage,
        total: list.total,
        nextCursor: list.nextCursor,
        prevCursor: list.prevCursor,
        next: list.nextCursor ? `/api/v1/service-tokens${searchParamsOfView({ ...view, cursor: list.nextCursor }, "api")}` : null,
      },
    };
  },
});
