import "server-only";
import { createProxyServer } from "http-proxy-3";
import { Agent, type IncomingMessage, type ServerResponse } from "node:http";

const BAD_GATEWAY = "<!doctype html><title>Console</title><p>The console could not answer this page. Try again.</p>";

/**
 * Passes a page request to the pages worker's server on `socketPath` (a private unix socket) and its
 * answer back, both streamed, with http-proxy-3: a server action's upload and a streamed page go through
 * as they come, hop-by-hop headers stay on their own connection, and a browser that goes away ends the
 * worker's request too (quietly: a cancelled prefetch is no fault). The request arrives as the main
 * thread prepared it (the client's address in CLIENT_IP_HEADER, the scheme); the Host header is kept.
 */
export function pagesProxy(socketPath: string): (req: IncomingMessage, res: ServerResponse) => void {
  const proxy = createProxyServer({
    // A socket path connects by itself; host and port are what the type asks for (the Host header sent is
    // the browser's).
    target: { socketPath, host: "localhost", port: 80 },
    // Kept-alive connections to the worker; its server never closes an idle one (pages-worker.ts), so a
    // request is never sent into a connection being closed.
    agent: new Agent({ keepAlive: true, maxFreeSockets: 16 }),
    // The worker trusts what the main thread decided, not forwarding headers of the proxy's own making.
    xfwd: false,
  });
  proxy.on("econnreset", () => undefined);
  return (req, res) => {
    proxy.web(req, res, {}, (error) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      console.error(`console: the pages worker did not answer ${req.method} ${req.url?.split("?")[0]}: ${error.message}`);
      res.writeHead(502, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
      res.end(req.method === "HEAD" ? undefined : BAD_GATEWAY);
    });
  };
}
