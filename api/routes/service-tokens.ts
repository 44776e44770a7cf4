import "server-only";
import { decodeCursor, DEFAULT_ORDER } from "@/lib/tokens";
import { listServiceTokens, getTokenPolicy } from "@/modules/service-tokens/server";
import { ApiError } from "../http/respond";
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
  async handle({ query, now }) {
    if (query.cursor && !decodeCursor(query.cursor)) {
      throw new ApiError(400, "invalid_request", "cursor is not a cursor this API returned.");
    }
    const view = {
      q: query.q ?? "",
      type: query.type,
      status: query.status,
      sort: query.sort,
      order: query.order ?? DEFAULT_ORDER[query.sort],
      perPage: query.per_page,
      cursor: query.cursor,
    };
    const [page, policy] = await Promise.all([
      listServiceTokens(view, {
        now,
        includeRevoked: true,
        offset: query.page ? (query.page - 1) * query.per_page : 0,
      }),
      getTokenPolicy(),
    ]);
    let next: string | null = null;
    if (page.nextCursor) {
      const search = new URLSearchParams();
      if (view.q) search.set("q", view.q);
      if (view.type) search.set("type", view.type);
      if (view.status) search.set("status", view.status);
      if (query.sort !== "created_at") search.set("sort", query.sort);
      if (query.order) search.set("order", query.order);
      search.set("per_page", String(query.per_page));
      search.set("cursor", page.nextCursor);
      next = `/api/v1/service-tokens?${search}`;
    }
    return {
      status: 200,
      body: {
        data: page.items.map((t) => serviceTokenJson(t, now, policy)),
        page: query.cursor ? null : (query.page ?? 1),
        perPage: query.per_page,
        total: page.total,
        nextCursor: page.nextCursor,
        prevCursor: page.prevCursor,
        next,
      },
    };
  },
});
