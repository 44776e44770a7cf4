import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, get, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStoredFile, sendFileContent } from "./send";

// Real files, a real node:http server and client: the bytes that arrive are the bytes on disk, across
// several reuses of the two buffers, and a client that goes away does not leave the sender waiting.

const dir = mkdtempSync(path.join(tmpdir(), "send-test-"));
const sizes = { empty: 0, small: 10, exact: 2 * 1024 * 1024, large: 5 * 1024 * 1024 + 12_345 };
const contents = Object.fromEntries(Object.entries(sizes).map(([name, size]) => [name, randomBytes(size)]));
const outcomes: Promise<string>[] = [];
let server: Server;
let port: number;

beforeAll(async () => {
  for (const [name, content] of Object.entries(contents)) writeFileSync(path.join(dir, name), content);
  server = createServer((req, res) => {
    const name = req.url!.slice(1);
    outcomes.push(
      openStoredFile(path.join(dir, name)).then(async (file) => {
        res.writeHead(200, { "content-length": sizes[name as keyof typeof sizes] });
        return sendFileContent(file, res).then(
          () => "sent",
          (error: unknown) => (error as NodeJS.ErrnoException).code ?? "error",
        );
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

function download(name: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    get({ host: "127.0.0.1", port, path: `/${name}` }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve(Buffer.concat(chunks)));
      res.on("error", reject);
    }).on("error", reject);
  });
}

const sha = (data: Buffer) => createHash("sha256").update(data).digest("hex");

describe("sendFileContent", () => {
  it.each(Object.keys(sizes))("sends the %s file byte for byte", async (name) => {
    const received = await download(name);
    expect(received.length).toBe(contents[name]!.length);
    expect(sha(received)).toBe(sha(contents[name]!));
  });

  it("sends the same bytes to several clients at once (no buffer shared between downloads)", async () => {
    const received = await Promise.all([download("large"), download("exact"), download("large")]);
    expect(received.map(sha)).toEqual([sha(contents.large!), sha(contents.exact!), sha(contents.large!)]);
  });

  it("stops, with an error, when the client goes away mid-download", async () => {
    const before = outcomes.length;
    await new Promise<void>((resolve) => {
      const req = get({ host: "127.0.0.1", port, path: "/large" }, (res) => {
        res.once("data", () => {
          req.destroy();
          resolve();
        });
      });
      req.on("error", () => undefined);
    });
    await expect(outcomes[before]).resolves.not.toBe("sent");
  });
});
