// The Bearer API under /api/v1, served by the console's own node:http server outside Next.js (Next's
// request pipeline costs ~10× the token check itself; docs/architecture.md). Per request: match the route
// (404 / 405), authenticate the token and check the route's scope (401 / 403 / 429), validate path and
// query with the route's zod schemas (400), run the handler, send JSON. Every response is
// `Cache-Control: no-store`; every response after a successful authentication carries X-Token-Expiration.
import "server-only";
import { errorLine } from "@/lib/log/error-line";
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { z } from "zod";
import { TOKEN_TYPE_LABELS, type TokenType } from "@/lib/tokens";
import { authenticateBearer, type AuthenticatedToken, type BearerResult } from "../auth/authenticate";
import { wwwAuthenticate } from "../auth/header";
import { recordTokenUse } from "../auth/last-used";
import { hasScope, typeNeededFor } from "../auth/scopes";
import { clientIpOf } from "@/lib/http/client-address";
import { observeApiRequest } from "@/lib/metrics/registry";
import { expiryWarningHeaders } from "@/modules/notifications/server";
import { recordApiUsage, type UsageOutcome } from "@/modules/usage/server";
import { getConfig } from "@/lib/config/config";
import { databaseState, RETRY_AFTER_SECONDS } from "@/lib/db/availability";
import { databaseFaultOf, type DatabaseFault } from "@/lib/db/errors";
import { ApiError, sendError, sendJson, type TOKEN_EXPIRATION_HEADER } from "./respond";
import type { AnyRoute, Reply } from "./route";
import { Router } from "./router";
import { API_ROUTES } from "../routes/index";
import { currentTime, isoTime } from "../clock";

const router = new Router(API_ROUTES);
const UNAVAILABLE_MESSAGE = "The console cannot reach its database. Try again shortly.";
const RETRY_AFTER = { "retry-after": String(RETRY_AFTER_SECONDS) };

export function sendUnavailable(res: ServerResponse): void {
  sendError(res, 503, "unavailable", UNAVAILABLE_MESSAGE, RETRY_AFTER);
}

/** A database or disk fault is no bug: 503, with words for what the client can do about it. */
function sendFault(res: ServerResponse, fault: DatabaseFault): void {
  if (fault === "disk_full") {
    const message = "The console's disk is full, so nothing was stored. Try again once space has been freed.";
    sendError(res, 503, "insufficient_storage", message, RETRY_AFTER);
  } else if (fault === "locked") {
    const message = "The database is locked by another program (e.g. a backup), so nothing was changed. Try again shortly.";
    sendError(res, 503, "unavailable", message, RETRY_AFTER);
  } else {
    sendUnavailable(res);
  }
}

export function handleApiRequest(req: IncomingMessage, res: ServerResponse): void {
  try {
    handle(req, res)?.catch((error: unknown) => answerFailure("api", req, res, error));
  } catch (error) {
    answerFailure("api", req, res, error);
  }
}

/** A request that threw: logged in one line, answered 503 for a database or disk fault, else 500. */
export function answerFailure(log: string, req: IncomingMessage, res: ServerResponse, error: unknown): void {
  // Only the message's first line: enough to find the cause, never a request's headers or body.
  console.error(`${log}: ${req.method} ${(req.url ?? "").split("?")[0]} failed: ${errorLine(error)}`);
  // Whether the database is down for every request is the availability probe's call, not this
  // request's: a request that waited too long for a pooled connection meets a busy console, not a dead
  // database.
  const fault = databaseFaultOf(error);
  if (res.headersSent) res.destroy();
  else if (fault) sendFault(res, fault);
  else sendError(res, 500, "internal_error", "Something went wrong on the server. Try again later.");
}

/** One request's state between its steps. */
type Exchange = {
  req: IncomingMessage;
  res: ServerResponse;
  route: AnyRoute;
  pathParams: Record<string, string>;
  search: string;
  now: Date;
  /** performance.now() at arrival, for the duration metric. */
  started: number;
  /** The connection, and its bytes written before this answer (its usage counts the answer's). */
  socket: Socket;
  writtenBefore: number;
  ip: string | null;
  userAgent: string | null;
  headers: OutgoingHttpHeaders;
};

/**
 * Synchronous until something has to wait (the PostgreSQL lookup, a route's I/O): only then does it
 * return a promise. With SQLite, GET /api/v1/token runs without one await, so no promise, microtask or
 * async context is created per request (bench/README.md).
 */
function handle(req: IncomingMessage, res: ServerResponse): Promise<void> | undefined {
  const url = req.url ?? "/";
  const queryStart = url.indexOf("?");
  const pathname = queryStart === -1 ? url : url.slice(0, queryStart);
  // HEAD is GET without a body (node:http leaves the body out of a HEAD response).
  const method = req.method === "HEAD" ? "GET" : (req.method ?? "GET");
  const match = router.match(method, pathname);
  if (match.kind === "not_found") {
    sendError(res, 404, "not_found", "No such API route. The routes are listed at /api/v1/openapi.json.");
    return;
  }
  if (match.kind === "method_not_allowed") {
    const allow = match.allow.includes("GET") ? [...match.allow, "HEAD"] : match.allow;
    sendError(res, 405, "method_not_allowed", `Use ${allow.join(" or ")} for this route.`, { allow: allow.join(", ") });
    return;
  }
  const route = match.route;
  // Node keeps only the first of repeated Authorization headers; two credentials are ambiguous, so neither is used.
  if (authorizationHeaderCount(req.rawHeaders) > 1) {
    sendError(res, 400, "invalid_request", "Send exactly one Authorization header.");
    return;
  }
  // Known down (the availability probe saw it): answer now instead of waiting for a timeout.
  if (route.scope !== null && !databaseState().ok) {
    sendUnavailable(res);
    return;
  }
  const now = currentTime();
  const ip = clientIpOf(req, getConfig().trustProxy);
  const userAgent = req.headers["user-agent"] ?? null;
  const exchange: Exchange = {
    req,
    res,
    route,
    pathParams: match.params,
    search: queryStart === -1 ? "" : url.slice(queryStart + 1),
    now,
    started: performance.now(),
    socket: req.socket,
    writtenBefore: req.socket.bytesWritten,
    ip,
    userAgent,
    headers: {},
  };
  if (route.scope === null) return run(exchange, null);
  const auth = authenticateBearer(req.headers.authorization, ip, now, {
    userAgent,
    route: route.operation,
    acceptRotated: route.acceptsRotatedTokens,
  });
  return auth instanceof Promise ? auth.then((result) => authenticated(exchange, result)) : authenticated(exchange, auth);
}

function authenticated(exchange: Exchange, auth: BearerResult): Promise<void> | undefined {
  const { res, route } = exchange;
  if (!auth.ok) {
    const { status, code, message, headers: authHeaders, tokenId, tokenType } = auth.failure;
    sendError(res, status, code, message, authHeaders);
    if (tokenId !== undefined && tokenType !== undefined)
      countRequest(exchange, METRIC_TYPES[tokenType], refusalOutcome(status, code), tokenId);
    else countRequest(exchange, "none", status === 429 ? "throttled" : "unauthenticated");
    return;
  }
  const token = auth.token;
  // A literal (one fixed shape) rather than a property added to an empty object on every request; the
  // `satisfies` keeps its key the header's one name.
  const warning = expiryWarningHeaders(token.expiresAt, exchange.now);
  const expiration = isoTime(token.expiresAt);
  const headers = (exchange.headers =
    warning === null
      ? ({ "x-token-expiration": expiration } satisfies Record<typeof TOKEN_EXPIRATION_HEADER, string>)
      : { "x-token-expiration": expiration, deprecation: warning.deprecation, sunset: warning.sunset });
  recordTokenUse(token.id, exchange.ip, exchange.now);
  // Only routes with a scope are authenticated (handle), so scope is never null here.
  const scope = route.scope;
  const inScope = scope === null || hasScope(token.type, scope);
  const type = METRIC_TYPES[token.type];
  if (scope !== null && !inScope) {
    const needed = TOKEN_TYPE_LABELS[typeNeededFor(scope)];
    sendError(
      res,
      403,
      "insufficient_scope",
      `This operation needs a ${needed} token (scope ${scope}); this is a ${TOKEN_TYPE_LABELS[token.type]} token.`,
      { ...headers, "www-authenticate": wwwAuthenticate({ error: "insufficient_scope", scope }) },
    );
    countRequest(exchange, type, "insufficient_scope", token.id);
    return;
  }
  try {
    return run(exchange, token);
  } finally {
    // Also when the route threw: the 500 that follows is this request's answer.
    countRequest(exchange, type, "ok", token.id);
  }
}

/** Token types as the metrics name them (console_service_tokens too): lower case. */
const METRIC_TYPES: Record<TokenType, string> = { CONNECTOR: "connector", DEVELOPER: "developer" };

/** The usage outcome of a refused request with a known token (authenticate.ts names the token then). */
function refusalOutcome(status: number, code: string): UsageOutcome {
  if (status === 429) return "throttled";
  return code === "revoked" || code === "expired" ? code : "address_not_allowed";
}

/**
 * Counts the request in the metrics and, for a known token, in its usage, with bytes in as the request's
 * Content-Length declared them and bytes out as written to the connection (headers included): at once
 * when the answer has been handed to the connection (every synchronous answer: no listener, closure or
 * tick per request, which cost the Bearer path ~3 µs; bench/README.md), else once it ends or the client
 * leaves (an answer still streaming or waiting for the database, a route that threw).
 */
function countRequest(exchange: Exchange, type: string, outcome: UsageOutcome | "unauthenticated", tokenId?: string): void {
  if (exchange.res.writableEnded) record(exchange, type, outcome, tokenId);
  else exchange.res.once("close", () => record(exchange, type, outcome, tokenId));
}

function record(
  { req, socket, ip, now, started, route, writtenBefore }: Exchange,
  type: string,
  outcome: UsageOutcome | "unauthenticated",
  tokenId: string | undefined,
): void {
  observeApiRequest(type, outcome, route.operationId, (performance.now() - started) / 1000);
  if (tokenId === undefined || outcome === "unauthenticated") return;
  recordApiUsage(
    tokenId,
    outcome,
    ip,
    now.getTime(),
    declaredLength(req.headers["content-length"]),
    socket.bytesWritten - writtenBefore,
  );
}

function declaredLength(value: string | undefined): number {
  const n = value === undefined ? 0 : Number(value);
  return Number.isSafeInteger(n) && n > 0 ? n : 0;
}

function run(exchange: Exchange, token: AuthenticatedToken | null): Promise<void> | undefined {
  const { req, res, route, now, ip, userAgent, headers } = exchange;
  try {
    const params = route.params ? validate(route.params, exchange.pathParams, "path") : {};
    // Unknown parameters are refused on every route; no parsing at all for the common case (none).
    const query = route.query || exchange.search ? validate(route.query ?? NO_QUERY, queryObject(exchange.search), "query") : {};
    const reply = route.handle({ req, res, token, params, query, now, meta: { ip, userAgent }, headers, routes: API_ROUTES });
    if (reply instanceof Promise) {
      return reply.then(
        (settled) => send(exchange, settled),
        (error: unknown) => answerApiError(exchange, error),
      );
    }
    send(exchange, reply);
  } catch (error) {
    answerApiError(exchange, error);
  }
}

function send({ res, headers }: Exchange, reply: Reply<unknown>): void {
  if ("sent" in reply) return;
  sendJson(res, reply.status, reply.body, reply.headers ? { ...headers, ...reply.headers } : headers);
}

/** An expected failure (ApiError) becomes its answer; anything else goes on to the 500 above. */
function answerApiError({ res, headers }: Exchange, error: unknown): void {
  if (!(error instanceof ApiError) || res.headersSent) throw error;
  sendError(res, error.status, error.code, error.message, { ...headers, ...error.headers });
}

/** Counts Authorization headers as sent (a length check first: this runs on every request). */
function authorizationHeaderCount(raw: string[]): number {
  let count = 0;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i];
    if (name !== undefined && name.length === 13 && name.toLowerCase() === "authorization") count++;
  }
  return count;
}

/** A route without query parameters still refuses any. */
const NO_QUERY = z.strictObject({});

function queryObject(search: string): Record<string, string> {
  // No prototype: "__proto__" or "constructor" is then an ordinary (unknown) key, refused like any other.
  const result = Object.create(null) as Record<string, string>;
  for (const [key, value] of new URLSearchParams(search)) {
    if (Object.hasOwn(result, key)) throw new ApiError(400, "invalid_request", `Query parameter ${key} is given more than once.`);
    result[key] = value;
  }
  return result;
}

function validate(schema: z.ZodType, input: unknown, where: "path" | "query"): unknown {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (issue === undefined) throw new ApiError(400, "invalid_request", `Invalid ${where} parameters.`);
  if (issue.code === "unrecognized_keys") {
    const keys = issue.keys;
    throw new ApiError(400, "invalid_request", `Unknown ${where} parameter${keys.length > 1 ? "s" : ""}: ${keys.join(", ")}.`);
  }
  const name = String(issue.path[0] ?? "");
  const message = issue.message.startsWith(name) || name === "" ? issue.message : `${name}: ${issue.message}`;
  throw new ApiError(400, "invalid_request", message);
}
