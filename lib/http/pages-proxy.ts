import "server-only";
import { Agent, request, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import { pipeline } from "node:stream";

/**
 * Headers that describe one connection, not the request (RFC 9110 §7.6.1): the main thread's connection
 * to the browser and its connection to the pages worker each have their own.
 */
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "transfer-encoding",
  "te",
  "trailer",
  "upgrade",
  "proxy-authenticate",
  "proxy-authorization",
]);

/** `headers` without the hop-by-hop ones, including those the Connection header names. */
export function endToEndHeaders(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const named = new Set(
    (headers.connection ?? "")
      .split(",")
      .map((name) => name.trim().toLowerCase())
      .filter(Boolean),
  );
  const kept: IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name) && !named.has(name)) kept[name] = value;
  }
  return kept;
}

const BAD_GATEWAY = "<!doctype html><title>Console</title><p>The console could not answer this page. Try again.</p>";

/**
 * Passes a page request to the pages worker's server on `socketPath` (a private unix socket) and its
 * answer back, both streamed: a server action's upload and a streamed page go through as they come. The
 * request arrives as the main thread prepared it (the client's address in CLIENT_IP_HEADER); a client
 * that goes away ends the worker's request too.
 */
export function pagesProxy(socketPath: string): (req: IncomingMessage, res: ServerResponse) => void {
  // Kept-alive connections to the worker; its server never closes an idle one (pages-worker.ts), so a
  // request is never sent into a connection being closed.
  const agent = new Agent({ keepAlive: true, maxFreeSockets: 16 });
  return (req, res) => {
    const upstream = request({
      socketPath,
      agent,
      method: req.method,
      path: req.url,
      headers: endToEndHeaders(req.headers),
    });
    upstream.on("response", (answer) => {
      for (const [name, value] of Object.entries(endToEndHeaders(answer.headers))) {
        if (value !== undefined) res.setHeader(name, value);
      }
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage);
      pipeline(answer, res, () => undefined);
    });
    // The browser went away first (a navigation, a closed tab): the worker's request is ended on purpose.
    let abandoned = false;
    upstream.on("error", (error) => {
      if (abandoned) return;
      if (res.headersSent) {
        res.destroy();
        return;
      }
      console.error(`console: the pages worker did not answer ${req.method} ${req.url?.split("?")[0]}: ${error.message}`);
      res.writeHead(502, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
      res.end(req.method === "HEAD" ? undefined : BAD_GATEWAY);
    });
    res.on("close", () => {
      if (res.writableFinished) return;
      abandoned = true;
      upstream.destroy();
    });
    // Not pipeline(): a worker that fails must not take the browser's connection down with the request
    // body, or it could not be told so (502).
    req.pipe(upstream);
  };
}
