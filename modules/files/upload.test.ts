import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync } from "node:fs";
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { receiveUpload, type ReceivedUpload } from "./upload";

const MAX = 1000;
/** The limit of the next request; the large-file tests raise it. */
let max = MAX;
let tempDir: string;
let server: Server;
let port: number;
let outcome: Promise<ReceivedUpload | { error: { status?: number; code?: string; message: string } }>;

function multipart(parts: { field: string; filename?: string; content: string | Buffer }[], boundary = "b0undary") {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const fn = p.filename === undefined ? "" : `; filename="${p.filename}"`;
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.field}"${fn}\r\n\r\n`),
      Buffer.from(p.content),
      Buffer.from("\r\n"),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

function post(body: Buffer, headers: Record<string, string | number> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        port,
        method: "POST",
        path: "/",
        headers: { "content-type": "multipart/form-data; boundary=b0undary", "content-length": body.length, ...headers },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

beforeAll(async () => {
  tempDir = mkdtempSync(path.join(tmpdir(), "upload-test-"));
  server = createServer((req, res) => {
    outcome = receiveUpload(req, { maxBytes: max, tempDir }).catch((reason: unknown) => {
      const error = reason as Error & { status?: number; code?: string };
      return { error: { status: error.status, code: error.code, message: error.message } };
    });
    void outcome.then((result) => {
      res.writeHead("error" in result ? (result.error.status ?? 500) : 200);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(tempDir, { recursive: true, force: true });
});

/** Temp files are removed in the background after a refusal: wait for that, briefly. */
async function expectNoTempFiles(): Promise<void> {
  for (let i = 0; i < 50 && readdirSync(tempDir).length > 0; i++) await new Promise((r) => setTimeout(r, 20));
  expect(readdirSync(tempDir)).toEqual([]);
}

describe("receiveUpload", () => {
  it("streams the one file to a temp file with its size, SHA-256 and sanitised name", async () => {
    const content = Buffer.alloc(MAX, 7);
    expect(
      await post(
        multipart([
          { field: "note", content: "ignored" },
          { field: "file", filename: "dir/ok.bin", content },
        ]),
      ),
    ).toBe(200);
    const result = (await outcome) as ReceivedUpload;
    expect(result).toMatchObject({ name: "ok.bin", size: MAX, sha256: createHash("sha256").update(content).digest("hex") });
    expect(readFileSync(result.tempPath).equals(content)).toBe(true);
    unlinkSync(result.tempPath);
  });

  it.each([
    [
      "a file one byte over the limit",
      () => multipart([{ field: "file", filename: "x", content: Buffer.alloc(MAX + 1) }]),
      413,
      "payload_too_large",
    ],
    [
      "two files",
      () =>
        multipart([
          { field: "file", filename: "1", content: "one" },
          { field: "file", filename: "2", content: "two" },
        ]),
      400,
      "invalid_request",
    ],
    ["a file in another field", () => multipart([{ field: "other", filename: "1", content: "one" }]), 400, "invalid_request"],
    ["no file", () => multipart([{ field: "note", content: "text" }]), 400, "invalid_request"],
    [
      "a truncated body",
      () => multipart([{ field: "file", filename: "1", content: "one" }]).subarray(0, 60),
      400,
      "invalid_request",
    ],
  ])("refuses %s and leaves no temp file", async (_name, body, status, code) => {
    expect(await post(body())).toBe(status);
    expect(await outcome).toMatchObject({ error: { status, code } });
    await expectNoTempFiles();
  });

  it("refuses from Content-Length alone when it is far above the limit", async () => {
    const body = multipart([{ field: "file", filename: "x", content: Buffer.alloc(MAX + 70_000) }]);
    expect(await post(body)).toBe(413);
    await expectNoTempFiles();
  });

  it("refuses a body that is not multipart/form-data with 415", async () => {
    expect(await post(Buffer.from("{}"), { "content-type": "application/json" })).toBe(415);
  });
});

describe("receiveUpload, files of several MiB (more than the spool's two buffers)", () => {
  const size = 5 * 1024 * 1024 + 12_345;
  afterAll(() => {
    max = MAX;
  });

  it("stores every byte and hashes it", async () => {
    max = size;
    const content = randomBytes(size);
    expect(await post(multipart([{ field: "file", filename: "big.bin", content }]))).toBe(200);
    const result = (await outcome) as ReceivedUpload;
    expect(result).toMatchObject({ size, sha256: createHash("sha256").update(content).digest("hex") });
    expect(readFileSync(result.tempPath).equals(content)).toBe(true);
    unlinkSync(result.tempPath);
  });

  it("refuses one byte over the limit and deletes what was written", async () => {
    max = size - 1;
    expect(await post(multipart([{ field: "file", filename: "big.bin", content: randomBytes(size) }]))).toBe(413);
    expect(await outcome).toMatchObject({ error: { status: 413, code: "payload_too_large" } });
    await expectNoTempFiles();
  });
});

describe("receiveUpload, interrupted", () => {
  it("deletes the partial file when the client goes away mid-upload", async () => {
    const head = Buffer.from(`--b0undary\r\nContent-Disposition: form-data; name="file"; filename="x"\r\n\r\n${"x".repeat(500)}`);
    await new Promise<void>((resolve) => {
      const req = request({
        port,
        method: "POST",
        path: "/",
        headers: { "content-type": "multipart/form-data; boundary=b0undary", "content-length": 2_000 },
      });
      req.on("error", () => undefined);
      req.on("close", () => resolve());
      req.write(head, () => setTimeout(() => req.destroy(), 100));
    });
    expect(await outcome).toMatchObject({ error: { status: 400, message: "The upload was interrupted." } });
    await expectNoTempFiles();
  });

  it("deletes the partial file when the client goes away after several MiB", async () => {
    max = 64 * 1024 * 1024;
    const head = Buffer.from(`--b0undary\r\nContent-Disposition: form-data; name="file"; filename="x"\r\n\r\n`);
    await new Promise<void>((resolve) => {
      const req = request({
        port,
        method: "POST",
        path: "/",
        headers: { "content-type": "multipart/form-data; boundary=b0undary", "content-length": 32 * 1024 * 1024 },
      });
      req.on("error", () => undefined);
      req.on("close", () => resolve());
      req.write(Buffer.concat([head, randomBytes(6 * 1024 * 1024)]), () => setTimeout(() => req.destroy(), 100));
    });
    max = MAX;
    expect(await outcome).toMatchObject({ error: { status: 400, message: "The upload was interrupted." } });
    await expectNoTempFiles();
  });
});
