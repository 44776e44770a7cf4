import "server-only";
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import type { z } from "zod";
import type { RequestMeta } from "@/lib/audit/record";
import type { AuthenticatedToken } from "../auth/authenticate";
import type { ApiScope } from "../auth/scopes";

/** What a route handler gets: the request, its validated input and, on a protected route, the token. */
type RouteContext<S extends ApiScope | null, P, Q> = {
  req: IncomingMessage;
  res: ServerResponse;
  token: S extends ApiScope ? AuthenticatedToken : null;
  params: P;
  query: Q;
  now: Date;
  meta: RequestMeta;
  /** Headers every response to this request carries (e.g. the token's expiry): merge them when sending directly. */
  headers: OutgoingHttpHeaders;
  /** The route table, for routes that describe the API (token introspection, OpenAPI). */
  routes: readonly AnyRoute[];
};

type JsonReply<B> = { status: number; body: B; headers?: OutgoingHttpHeaders };
/** A JSON body to send, or `{ sent: true }` when the handler wrote the response itself (a download). */
export type Reply<B> = JsonReply<B> | { sent: true };

/** The success response, for the OpenAPI document: a JSON schema, or other content described by hand. */
type SuccessResponse<R extends z.ZodType> =
  | { status: number; description: string; schema: R; headers?: Record<string, { description: string; schema: object }> }
  | {
      status: number;
      description: string;
      schema?: undefined;
      content: Record<string, { schema: object }>;
      headers?: Record<string, { description: string; schema: object }>;
    };

export type ApiRoute<S extends ApiScope | null, P extends z.ZodType, Q extends z.ZodType, R extends z.ZodType> = {
  method: "GET" | "POST";
  /** OpenAPI-style template: /api/v1/files/{id}. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  /** The scope a token needs, or null for a public route (no Authorization read at all). */
  scope: S;
  /**
   * A rotated token reaches the handler even after its overlap ended (other expired tokens still get
   * 401 expired): the rotate route treats it as reuse. Every other route refuses it as expired.
   */
  acceptsRotatedTokens?: true;
  params?: P;
  query?: Q;
  /** Optional request headers the route reads, for the OpenAPI document. */
  requestHeaders?: Record<string, { description: string; schema: object }>;
  /** OpenAPI requestBody object, for routes that take a body. */
  requestBody?: Record<string, unknown>;
  response: SuccessResponse<R>;
  /** Error statuses this route can answer besides authentication's (401, 403, 429) and 500. */
  errors: number[];
  /** May answer synchronously (no I/O to wait for): the handler then sends without a microtask hop. */
  handle(ctx: RouteContext<S, z.output<P>, z.output<Q>>): Reply<z.input<R>> | Promise<Reply<z.input<R>>>;
};

/**
 * A route with its input and output types erased, as the route table and the handler see it, and its
 * label ("GET /api/v1/token"), which audit records and the token's list of operations name.
 */
export type AnyRoute = ApiRoute<ApiScope | null, z.ZodType, z.ZodType, z.ZodType> & { readonly operation: string };

/** Keeps each route's types checked where it is written, then erases them for the table. */
export function defineRoute<
  S extends ApiScope | null,
  P extends z.ZodType = z.ZodObject<Record<string, never>>,
  Q extends z.ZodType = z.ZodObject<Record<string, never>>,
  R extends z.ZodType = z.ZodUnknown,
>(route: ApiRoute<S, P, Q, R>): AnyRoute {
  return { ...(route as ApiRoute<ApiScope | null, z.ZodType, z.ZodType, z.ZodType>), operation: `${route.method} ${route.path}` };
}
