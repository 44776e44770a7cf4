// Clients that stop sending: a request whose body stalls is cut off after the idle timeout (its
// partial upload deleted), one that trickles its body gets 408 at the request deadline, and an idle
// keep-alive connection between requests is kept for the keep-alive time, not cut at the idle timeout.
// A console of its own with short deadlines (IDLE_TIMEOUT_SECONDS=2, REQUEST_TIMEOUT_SECONDS=4).
import { readdirSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { createTokenByAction } from "../support/actions";
import { INSTANCE_ADMIN, signInOverHttp, startInstance, type Instance } from "../support/instance";

test.describe.configure({ mode: "serial" });

let instance: Instance;
let token: string;

test.beforeAll(async () => {
  instance = await startInstance({ IDLE_TIMEOUT_SECONDS: "2", REQUEST_TIMEOUT_SECONDS: "4" });
  const cookie = (await signInOverHttp(instance.url, "admin", INSTANCE_ADMIN.password)).cookie!;
  token = (await createTokenByAction(instance, cookie, "timeouts")).token;
});

test.afterAll(async () => {
  await (instance as Instance | undefined)?.stop();
});

type Outcome = { closedAfterMs: number; statusLine: string };

/** Opens a raw connection, lets `talk` write to it, and reports when the console closed it and what it said. */
function converse(talk: (socket: net.Socket) => void): Promise<Outcome> {
  const { port } = new URL(instance.url);
  return new Promise((resolve) => {
    const started = Date.now();
    let received = "";
    const socket = net.connect(Number(port), "127.0.0.1", () => talk(socket));
    socket.setEncoding("utf8").on("data", (chunk: string) => (received += chunk));
    socket.on("error", () => {});
    socket.on("close", () => resolve({ closedAfterMs: Date.now() - started, statusLine: received.split("\r\n")[0] ?? "" }));
  });
}

function uploadHead(length: number): string {
  return [
    "POST /api/v1/files HTTP/1.1",
    "Host: console",
    `Authorization: Bearer ${token}`,
    "Content-Type: multipart/form-data; boundary=stall",
    `Content-Length: ${length}`,
    "",
    "",
  ].join("\r\n");
}

const PART_HEAD = '--stall\r\nContent-Disposition: form-data; name="file"; filename="stalled.bin"\r\n\r\n';

test("an upload whose body stops arriving is cut off after the idle timeout, and its partial file deleted", async () => {
  const incoming = path.join(instance.dataDir, "files", ".incoming");
  const cut = converse((socket) => socket.write(uploadHead(1_000_000) + PART_HEAD + "x".repeat(10_000)));
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  expect(readdirSync(incoming), "the upload's partial file, while it stalls").toHaveLength(1);
  const outcome = await cut;
  expect(outcome.closedAfterMs).toBeGreaterThanOrEqual(1_800);
  expect(outcome.closedAfterMs).toBeLessThan(4_000);
  await expect(() => expect(readdirSync(incoming)).toEqual([])).toPass({ timeout: 2_000 });
});

test("a page request whose body stops arriving is cut off after the idle timeout", async () => {
  const outcome = await converse((socket) =>
    socket.write("POST /sign-in HTTP/1.1\r\nHost: console\r\nContent-Type: text/plain\r\nContent-Length: 500\r\n\r\nsome"),
  );
  expect(outcome.closedAfterMs).toBeGreaterThanOrEqual(1_800);
  expect(outcome.closedAfterMs).toBeLessThan(4_000);
});

test("a body that trickles in never idles, and gets 408 at the request deadline", async () => {
  let timer: NodeJS.Timeout | undefined;
  const outcome = await converse((socket) => {
    socket.write(uploadHead(1_000_000) + PART_HEAD);
    timer = setInterval(() => socket.writable && socket.write("x"), 500);
  });
  clearInterval(timer);
  expect(outcome.statusLine).toBe("HTTP/1.1 408 Request Timeout");
  expect(outcome.closedAfterMs).toBeGreaterThanOrEqual(3_800);
  expect(outcome.closedAfterMs).toBeLessThan(6_500);
});

test("headers that stop arriving are cut off too", async () => {
  const outcome = await converse((socket) => socket.write("GET /api/health HTTP/1.1\r\nHost: console\r\n"));
  expect(outcome.closedAfterMs).toBeGreaterThanOrEqual(1_800);
  expect(outcome.closedAfterMs).toBeLessThan(4_000);
});

test("an idle keep-alive connection outlives the idle timeout between requests", async () => {
  let received = "";
  let again: NodeJS.Timeout | undefined;
  const statusLines = () => received.match(/HTTP\/1\.1 \d{3} [^\r]*/g) ?? [];
  const outcome = await converse((socket) => {
    const ask = () => socket.write("GET /api/health HTTP/1.1\r\nHost: console\r\n\r\n");
    socket.on("data", (chunk: string) => {
      received += chunk;
      if (statusLines().length === 1) again ??= setTimeout(ask, 3_000);
      if (statusLines().length === 2) socket.end();
    });
    ask();
  });
  expect(statusLines()).toEqual(["HTTP/1.1 200 OK", "HTTP/1.1 200 OK"]);
  expect(outcome.closedAfterMs).toBeGreaterThanOrEqual(3_000);
});
