// Against real node:http servers: the pages worker's stand-in listens on a unix socket as the worker does,
// and the main thread's stand-in passes requests to it through pagesProxy.
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { pagesProxy } from "./pages-proxy";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

let folder: string | undefined;
let servers: Server[] = [];

afterEach(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  servers = [];
  if (folder) rmSync(folder, { recursive: true, force: true });
  folder = undefined;
});

/** The worker's stand-in on a socket, and the main thread's on a port; returns the port. */
async function start(worker: Handler | null): Promise<number> {
  folder = mkdtempSync(path.join(tmpdir(), "pages-proxy-test-"));
  const socketPath = path.join(folder, "pages.sock");
  if (worker) {
    const upstream = createServer(worker);
    upstream.keepAliveTimeout = 0;
    servers.push(upstream);
    await new Promise<void>((resolve) => upstream.listen(socketPath, resolve));
  }
  const front = createServer(pagesProxy(socketPath));
  servers.push(front);
  await new Promise<void>((resolve) => front.listen(0, "127.0.0.1", resolve));
  return (front.address() as AddressInfo).port;
}

describe("pagesProxy", () => {
  it("passes method, path, headers and body to the worker, and its status, headers and body back", async () => {
    let seen: { method?: string; url?: string; headers: IncomingMessage["headers"]; body: string } | undefined;
    const port = await start((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        seen = { method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString() };
        res.writeHead(201, "Made", { "set-cookie": ["a=1; HttpOnly", "b=2; HttpOnly"], "x-answer": "yes" });
        res.end("made it");
      });
    });
    const response = await fetch(`http://127.0.0.1:${port}/settings/service-tokens?page=2`, {
      method: "POST",
      headers: { "x-console-client-ip": "203.0.113.9", "content-type": "text/plain" },
      body: "the action's body",
    });
    expect(response.status).toBe(201);
    expect(response.statusText).toBe("Made");
    expect(response.headers.getSetCookie()).toEqual(["a=1; HttpOnly", "b=2; HttpOnly"]);
    expect(response.headers.get("x-answer")).toBe("yes");
    expect(await response.text()).toBe("made it");
    expect(seen).toMatchObject({ method: "POST", url: "/settings/service-tokens?page=2", body: "the action's body" });
    expect(seen?.headers["x-console-client-ip"]).toBe("203.0.113.9");
    expect(seen?.headers.host).toBe(`127.0.0.1:${port}`);
    // What the worker believes about the client is what the main thread set, nothing the proxy adds.
    expect(seen?.headers["x-forwarded-for"]).toBeUndefined();
  });

  it("streams the answer as the worker writes it", async () => {
    let release: () => void = () => undefined;
    const port = await start((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.write("<p>first</p>");
      release = () => res.end("<p>last</p>");
    });
    const response = await fetch(`http://127.0.0.1:${port}/`);
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe("<p>first</p>");
    release();
    let rest = "";
    for (let part = await reader.read(); !part.done; part = await reader.read()) rest += new TextDecoder().decode(part.value);
    expect(rest).toBe("<p>last</p>");
  });

  it("answers 502 with a page of its own when the worker does not answer", async () => {
    const port = await start(null);
    const response = await fetch(`http://127.0.0.1:${port}/settings/service-tokens`);
    expect(response.status).toBe(502);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.text()).toContain("could not answer this page");
  });

  it("ends the worker's request, without a word in the log, when the browser goes away before the answer", async () => {
    const errors: unknown[] = [];
    const spy = vi.spyOn(console, "error").mockImplementation((...args) => void errors.push(args));
    let workerRequestClosed = false;
    const port = await start((_req, res) => {
      // Never answers: a slow page the browser navigates away from.
      res.on("close", () => (workerRequestClosed = true));
    });
    const browser = request({ port, host: "127.0.0.1", path: "/slow" });
    browser.on("error", () => undefined);
    browser.end();
    setTimeout(() => browser.destroy(), 100);
    await expect.poll(() => workerRequestClosed).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    spy.mockRestore();
    expect(errors).toEqual([]);
  });

  it("ends the worker's request when the browser goes away mid-answer", async () => {
    let workerRequestClosed: Promise<boolean> | undefined;
    const port = await start((req, res) => {
      res.writeHead(200);
      res.write("started");
      workerRequestClosed = new Promise((resolve) => res.on("close", () => resolve(!res.writableFinished)));
    });
    await new Promise<void>((resolve) => {
      const browser = request({ port, host: "127.0.0.1", path: "/slow" }, (response) => {
        response.once("data", () => {
          browser.destroy();
          resolve();
        });
      });
      browser.end();
    });
    expect(await workerRequestClosed).toBe(true);
  });
});
