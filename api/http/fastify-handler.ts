// TRIAL (issue 15 item 5): the Bearer API on Fastify 5, to measure it against the lean handler
// (handler.ts) under `npm run bench`. Selected with API_ENGINE=fastify (or fastify-unchecked: the same
// without the type provider's response check). Faithful where the benchmark looks: every route of the
// table registered (with Fastify's automatic HEAD routes), zod validation of path and query through
// fastify-type-provider-zod, the zod response schemas and @fastify/swagger registered as a full port
// would register them, the real authenticator, throttle and scope checks in an onRequest hook, the same
// headers and bodies. The route handlers themselves are today's (api/routes), called with the raw
// request and response; 404/405 reuse the lean router off the hot path.
import "server-only";
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import fastifySwagger from "@fastify/swagger";
import Fastify, { type FastifyReply, type FastifyRequest, type FastifySchemaCompiler } from "fastify";
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import { z } from "zod";
import { TOKEN_TYPE_LABELS } from "@/lib/tokens";
import { clientIpOf } from "@/lib/http/client-address";
import { getConfig } from "@/lib/config/config";
import { databaseState, RETRY_AFTER_SECONDS } from "@/lib/db/availability";
import { isDatabaseUnavailable } from "@/lib/db/errors";
import { authenticateBearer, type AuthenticatedToken, type BearerResult } from "../auth/authenticate";
import { wwwAuthenticate } from "../auth/header";
import { recordTokenUse } from "../auth/last-used";
import { hasScope, typeNeededFor } from "../auth/scopes";
import { API_ROUTES } from "../routes/index";
import { currentTime, isoTime } from "../clock";
import type { ErrorCode } from "../schemas";
import { ApiError } from "./respond";
import type { AnyRoute, Reply } from "./route";
import { Router } from "./router";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** What the onRequest hook learnt, for the handler. */
type Exchange = {
  now: Date;
  ip: string | null;
  userAgent: string | null;
  token: AuthenticatedToken | null;
  headers: OutgoingHttpHeaders;
};

declare module "fastify" {
  interface FastifyRequest {
    exchange: Exchange | null;
  }
}

const UNAVAILABLE_MESSAGE = "The console cannot reach its database. Try again shortly.";
const NO_QUERY = z.strictObject({});
/** Marks a query string that named a parameter twice (the parser must not throw: it runs in the router). */
const DUPLICATE = Symbol("duplicate query parameter");
const EMPTY_QUERY: Record<string, string> = Object.freeze(Object.create(null) as Record<string, string>);

function queryObject(search: string): Record<string | symbol, string> {
  if (search === "") return EMPTY_QUERY;
  const result = Object.create(null) as Record<string | symbol, string>;
  for (const [key, value] of new URLSearchParams(search)) {
    if (Object.hasOwn(result, key)) {
      result[DUPLICATE] = key;
      break;
    }
    result[key] = value;
  }
  return result;
}

function sendError(
  reply: FastifyReply,
  status: number,
  code: ErrorCode,
  message: string,
  headers: OutgoingHttpHeaders = {},
): FastifyReply {
  return reply.code(status).headers(headers).send({ error: { code, message } });
}

type ZodIssueOut = { keyword: string; message: string; instancePath: string; params: { keys?: string[] } };

/** The type provider's validator, with today's 400 messages (the first issue, named by its parameter). */
function apiValidatorCompiler(where: "path" | "query"): FastifySchemaCompiler<z.ZodType> {
  return (route) => {
    const validate = validatorCompiler(route);
    return (data: unknown) => {
      const duplicate = (data as Record<symbol, string>)[DUPLICATE];
      if (duplicate !== undefined) {
        return { error: new ApiError(400, "invalid_request", `Query parameter ${duplicate} is given more than once.`) };
      }
      const result = validate(data) as { value?: unknown; error?: ZodIssueOut[] };
      if (!result.error) return { value: result.value };
      const issue = result.error[0];
      if (issue === undefined) return { error: new ApiError(400, "invalid_request", `Invalid ${where} parameters.`) };
      if (issue.keyword === "unrecognized_keys") {
        const keys = issue.params.keys ?? [];
        return {
          error: new ApiError(
            400,
            "invalid_request",
            `Unknown ${where} parameter${keys.length > 1 ? "s" : ""}: ${keys.join(", ")}.`,
          ),
        };
      }
      const name = issue.instancePath.split("/")[1] ?? "";
      const message = issue.message.startsWith(name) || name === "" ? issue.message : `${name}: ${issue.message}`;
      return { error: new ApiError(400, "invalid_request", message) };
    };
  };
}

function authenticated(
  route: AnyRoute,
  request: FastifyRequest,
  reply: FastifyReply,
  exchange: Exchange,
  auth: BearerResult,
  done: () => void,
) {
  if (!auth.ok) {
    const { status, code, message, headers } = auth.failure;
    sendError(reply, status, code, message, headers);
    return;
  }
  const token = auth.token;
  exchange.token = token;
  exchange.headers = { "x-token-expiration": isoTime(token.expiresAt) };
  recordTokenUse(token.id, exchange.ip, exchange.now);
  const scope = route.scope;
  if (scope !== null && !hasScope(token.type, scope)) {
    const needed = TOKEN_TYPE_LABELS[typeNeededFor(scope)];
    sendError(
      reply,
      403,
      "insufficient_scope",
      `This operation needs a ${needed} token (scope ${scope}); this is a ${TOKEN_TYPE_LABELS[token.type]} token.`,
      { ...exchange.headers, "www-authenticate": wwwAuthenticate({ error: "insufficient_scope", scope }) },
    );
    return;
  }
  done();
}

function authorizationHeaderCount(raw: string[]): number {
  let count = 0;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i];
    if (name !== undefined && name.length === 13 && name.toLowerCase() === "authorization") count++;
  }
  return count;
}

/** Per route: the checks before validation (400 for two credentials, 503, then 401/403/429). Synchronous with SQLite. */
function onRequestFor(route: AnyRoute) {
  return function onRequest(request: FastifyRequest, reply: FastifyReply, done: () => void): void {
    reply.header("cache-control", "no-store");
    reply.header("x-content-type-options", "nosniff");
    const req = request.raw;
    if (authorizationHeaderCount(req.rawHeaders) > 1) {
      sendError(reply, 400, "invalid_request", "Send exactly one Authorization header.");
      return;
    }
    if (route.scope !== null && !databaseState().ok) {
      sendError(reply, 503, "unavailable", UNAVAILABLE_MESSAGE, { "retry-after": String(RETRY_AFTER_SECONDS) });
      return;
    }
    const now = currentTime();
    const ip = clientIpOf(req, getConfig().trustProxy);
    const userAgent = req.headers["user-agent"] ?? null;
    const exchange: Exchange = { now, ip, userAgent, token: null, headers: {} };
    request.exchange = exchange;
    if (route.scope === null) {
      done();
      return;
    }
    const auth = authenticateBearer(req.headers.authorization, ip, now, { userAgent, route: route.operation });
    if (auth instanceof Promise) {
      auth.then(
        (result) => authenticated(route, request, reply, exchange, result, done),
        (error: unknown) => reply.send(error),
      );
    } else authenticated(route, request, reply, exchange, auth, done);
  };
}

function send(reply: FastifyReply, exchange: Exchange, result: Reply<unknown>): FastifyReply {
  if ("sent" in result) return reply.hijack();
  reply.code(result.status).headers(exchange.headers);
  if (result.headers) reply.headers(result.headers);
  return reply.send(result.body);
}

function handlerFor(route: AnyRoute) {
  return function handler(request: FastifyRequest, reply: FastifyReply): FastifyReply | Promise<FastifyReply> {
    const exchange = request.exchange as Exchange;
    const result = route.handle({
      req: request.raw,
      res: reply.raw,
      token: exchange.token,
      params: request.params,
      query: request.query,
      now: exchange.now,
      meta: { ip: exchange.ip, userAgent: exchange.userAgent },
      headers: exchange.headers,
      routes: API_ROUTES,
    });
    return result instanceof Promise ? result.then((settled) => send(reply, exchange, settled)) : send(reply, exchange, result);
  };
}

/** Builds the Fastify app, waits until it is ready, and returns its request handler for server.ts. */
export async function createFastifyApiHandler(options: { checkResponses: boolean }): Promise<Handler> {
  const app = Fastify({ logger: false, routerOptions: { querystringParser: queryObject } });
  app.decorateRequest("exchange", null);
  app.setValidatorCompiler<z.ZodType>((route) => apiValidatorCompiler(route.httpPart === "params" ? "path" : "query")(route));
  // The type provider's serializer checks each answer against its zod schema before JSON.stringify;
  // unchecked: JSON.stringify alone, as the lean handler does.
  app.setSerializerCompiler(options.checkResponses ? serializerCompiler : () => (data) => JSON.stringify(data));
  // Today's route handlers read the raw body themselves (multipart, JSON with their own limits).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", (_request, _payload, done) => done(null, undefined));
  await app.register(fastifySwagger, {
    openapi: { openapi: "3.1.1", info: { title: "Service Tokens console API", version: "1" } },
    transform: jsonSchemaTransform,
  });

  for (const route of API_ROUTES) {
    const response =
      "schema" in route.response && route.response.schema ? { [route.response.status]: route.response.schema } : undefined;
    app.route({
      method: route.method,
      url: route.path.replace(/\{(\w+)\}/g, ":$1"),
      schema: {
        ...(route.params ? { params: route.params } : {}),
        querystring: route.query ?? NO_QUERY,
        ...(response ? { response } : {}),
      },
      onRequest: onRequestFor(route),
      handler: handlerFor(route),
    });
  }

  // 404 and 405 as the lean handler answers them (off the hot path).
  const router = new Router(API_ROUTES);
  app.setNotFoundHandler((request, reply) => {
    reply.header("cache-control", "no-store");
    reply.header("x-content-type-options", "nosniff");
    const url = request.raw.url ?? "/";
    const queryStart = url.indexOf("?");
    const method = request.raw.method === "HEAD" ? "GET" : (request.raw.method ?? "GET");
    const match = router.match(method, queryStart === -1 ? url : url.slice(0, queryStart));
    if (match.kind === "method_not_allowed") {
      const allow = match.allow.includes("GET") ? [...match.allow, "HEAD"] : match.allow;
      return sendError(reply, 405, "method_not_allowed", `Use ${allow.join(" or ")} for this route.`, {
        allow: allow.join(", "),
      });
    }
    return sendError(reply, 404, "not_found", "No such API route. The routes are listed at /api/v1/openapi.json.");
  });

  app.setErrorHandler((error, request, reply) => {
    reply.header("cache-control", "no-store");
    reply.header("x-content-type-options", "nosniff");
    const headers = request.exchange?.headers ?? {};
    if (error instanceof ApiError)
      return sendError(reply, error.status, error.code, error.message, { ...headers, ...error.headers });
    const validation = (error as { validation?: unknown[]; validationContext?: string }).validation;
    const first = validation?.[0];
    if (first instanceof ApiError) return sendError(reply, first.status, first.code, first.message, headers);
    console.error(
      `api: ${request.raw.method} ${(request.raw.url ?? "").split("?")[0]} failed: ${(error instanceof Error ? error.message : String(error)).split("\n")[0]}`,
    );
    if (reply.raw.headersSent) {
      reply.raw.destroy();
      return reply.hijack();
    }
    if (isDatabaseUnavailable(error))
      return sendError(reply, 503, "unavailable", UNAVAILABLE_MESSAGE, { "retry-after": String(RETRY_AFTER_SECONDS) });
    return sendError(reply, 500, "internal_error", "Something went wrong on the server. Try again later.");
  });

  await app.ready();
  return (req, res) => app.routing(req, res);
}
