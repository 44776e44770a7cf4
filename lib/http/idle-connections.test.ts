// Against a real node:http server and raw sockets: what the console's idle timeout closes and what it
// leaves to Node's keep-alive timeout.
import { createServer, type Server } from "node:http";
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { closeIdleConnections } from "./idle-connections";

const IDLE_MS = 400;
let server: Server;
let stop: () => void;

async function start(handler: Parameters<typeof createServer>[1]): Promise<number> {
  server = createServer(handler);
  server.keepAliveTimeout = 10_000;
  server.timeout = 0;
  stop = closeIdleConnections(server, IDLE_MS, { sweepMs: 50 });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as net.AddressInfo).port;
}

afterEach(async () => {
  stop();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** A raw connection: `talk` writes to it; resolves when the server closed it, or after `waitMs`. */
function converse(port: number, talk: (socket: net.Socket) => void, waitMs = 3_000) {
  return new Promise<{ closedAfterMs: number | null; received: string }>((resolve) => {
    const started = performance.now();
    let received = "";
    const socket = net.connect(port, "127.0.0.1", () => talk(socket));
    socket.setEncoding("utf8").on("data", (chunk: string) => (received += chunk));
    socket.on("error", () => {});
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ closedAfterMs: null, received });
    }, waitMs);
    socket.on("close", () => {
      clearTimeout(timer);
      resolve({ closedAfterMs: performance.now() - started, received });
    });
  });
}

const echoLength = (req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => {
  let bytes = 0;
  req.on("data", (chunk: Buffer) => (bytes += chunk.length));
  req.on("end", () => res.end(String(bytes)));
};

describe("closeIdleConnections", () => {
  it("closes a connection whose request body stops arriving, after the idle time", async () => {
    const port = await start(echoLength);
    const outcome = await converse(port, (s) => s.write("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nsome"));
    expect(outcome.closedAfterMs).not.toBeNull();
    expect(outcome.closedAfterMs!).toBeGreaterThanOrEqual(IDLE_MS - 10);
    expect(outcome.closedAfterMs!).toBeLessThan(IDLE_MS + 400);
    expect(outcome.received).toBe("");
  });

  it("closes a connection that sends nothing, or stops in the middle of its first headers", async () => {
    const port = await start(echoLength);
    const silent = await converse(port, () => {});
    const halfHeaders = await converse(port, (s) => s.write("GET / HTTP/1.1\r\nHost: x\r\n"));
    for (const outcome of [silent, halfHeaders]) {
      expect(outcome.closedAfterMs).not.toBeNull();
      expect(outcome.closedAfterMs!).toBeGreaterThanOrEqual(IDLE_MS - 10);
      expect(outcome.closedAfterMs!).toBeLessThan(IDLE_MS + 400);
    }
  });

  it("keeps a request whose body keeps arriving, however slowly, past the idle time", async () => {
    const port = await start(echoLength);
    let timer: NodeJS.Timeout | undefined;
    const outcome = await converse(
      port,
      (s) => {
        s.write("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n");
        let sent = 0;
        timer = setInterval(() => {
          if (sent < 10) s.write("x", () => sent++);
        }, IDLE_MS / 2);
      },
      IDLE_MS * 8,
    );
    clearInterval(timer);
    // Ten bytes at one per IDLE_MS / 2: the answer came after 5 idle times, and the connection stayed open.
    expect(outcome.received).toMatch(/^HTTP\/1\.1 200 OK[\s\S]*\r\n\r\n10$/);
    expect(outcome.closedAfterMs).toBeNull();
  });

  it("leaves an idle keep-alive connection between requests open past the idle time", async () => {
    const port = await start((_req, res) => res.end("ok"));
    let second: NodeJS.Timeout | undefined;
    const outcome = await converse(
      port,
      (s) => {
        const ask = () => s.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        s.on("data", () => (second ??= setTimeout(ask, IDLE_MS * 3)));
        ask();
      },
      IDLE_MS * 5,
    );
    expect(outcome.received.match(/HTTP\/1\.1 200 OK/g)).toHaveLength(2);
    expect(outcome.closedAfterMs).toBeNull();
  });

  it("closes a connection whose client stops reading a long answer", async () => {
    const big = Buffer.alloc(64 * 1024 * 1024, 120);
    const port = await start((_req, res) => {
      res.writeHead(200, { "content-length": big.length });
      res.end(big);
    });
    // The client never reads, so it would not see the end either: the server's side of the connection
    // is watched instead.
    const closed = new Promise<number>((resolve) =>
      server.once("connection", (socket: net.Socket) => {
        const opened = performance.now();
        socket.on("close", () => resolve(performance.now() - opened));
      }),
    );
    const client = net.connect(port, "127.0.0.1", () => {
      client.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
      client.pause();
    });
    client.on("error", () => {});
    const closedAfterMs = await Promise.race([closed, new Promise<null>((r) => setTimeout(() => r(null), 3_000))]);
    client.destroy();
    expect(closedAfterMs).not.toBeNull();
    expect(closedAfterMs!).toBeGreaterThanOrEqual(IDLE_MS - 10);
    expect(closedAfterMs!).toBeLessThan(IDLE_MS + 400);
  });
});
