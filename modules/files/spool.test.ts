import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { UploadSpool } from "./spool";

// Real files: what lands on disk is every byte pushed, in order, whatever the chunk sizes and however
// far the caller runs ahead of the disk, and an aborted spool leaves a closed file nobody writes to.

const dir = mkdtempSync(path.join(tmpdir(), "spool-test-"));
const MiB = 1024 * 1024;
let n = 0;
const nextPath = () => path.join(dir, `${n++}.part`);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Pushes `content` in chunks of the given sizes (cycled), waiting only when the spool says so. */
async function spool(file: string, content: Buffer, sizes: number[]) {
  const s = new UploadSpool(file);
  let waits = 0;
  for (let offset = 0, i = 0; offset < content.length; i++) {
    const chunk = content.subarray(offset, offset + sizes[i % sizes.length]!);
    offset += chunk.length;
    const wait = s.push(chunk);
    if (wait) {
      waits++;
      await wait;
    }
  }
  return { ...(await s.finish()), waits };
}

describe("UploadSpool", () => {
  it.each([
    ["empty", 0, [1]],
    ["smaller than a buffer", 1000, [7]],
    ["exactly two buffers", 2 * MiB, [64 * 1024]],
    ["several buffers, HTTP-sized chunks", 5 * MiB + 12_345, [65_536, 65_013, 1, 16_384]],
    ["chunks larger than a buffer", 7 * MiB + 3, [3 * MiB + 17, 5]],
  ])("writes %s intact with its size and SHA-256", async (_name, size, sizes) => {
    const content = randomBytes(size);
    const file = nextPath();
    const result = await spool(file, content, sizes);
    expect(result).toMatchObject({ size, sha256: createHash("sha256").update(content).digest("hex") });
    expect(readFileSync(file).equals(content)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it("makes a caller that runs ahead of the disk wait, and loses nothing", async () => {
    const content = randomBytes(12 * MiB);
    const file = nextPath();
    // 1 MiB chunks pushed back to back: the third finds both buffers full.
    const result = await spool(file, content, [MiB]);
    expect(result.waits).toBeGreaterThan(0);
    expect(readFileSync(file).equals(content)).toBe(true);
  });

  it("never overwrites an existing file", async () => {
    const file = nextPath();
    writeFileSync(file, "mine");
    const s = new UploadSpool(file);
    expect(s.push(Buffer.alloc(10))).toBeUndefined(); // nothing is written before a buffer is full
    await expect(s.finish()).rejects.toMatchObject({ code: "EEXIST" });
    expect(readFileSync(file, "utf8")).toBe("mine");
  });

  it("reports a failed write through push or finish", async () => {
    const s = new UploadSpool(path.join(dir, "no-such-folder", "x.part"));
    let failed: unknown;
    try {
      for (let i = 0; i < 8; i++) await s.push(Buffer.alloc(MiB));
      await s.finish();
    } catch (error) {
      failed = error;
    }
    expect(failed).toMatchObject({ code: "ENOENT" });
  });

  it("stops writing once aborted: the file is closed and stays as it was", async () => {
    const file = nextPath();
    const s = new UploadSpool(file);
    for (let i = 0; i < 3; i++) await s.push(Buffer.alloc(MiB, i));
    await s.abort();
    const size = statSync(file).size;
    expect(s.push(Buffer.alloc(MiB))).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(statSync(file).size).toBe(size);
    await expect(s.finish()).rejects.toThrow("stopped");
    rmSync(file);
    expect(existsSync(file)).toBe(false);
  });
});
