// The console's disk fills up under it (its data folder on a small tmpfs). Every write answers within
// 5 s with a clear 503 instead of hanging or a 500 (creates, rotations, uploads); reads keep working;
// /api/health says the disk is full. Once space is freed, the next writes succeed, without a restart.
import { execFileSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { callAction, createTokenByAction } from "../support/actions";
import { INSTANCE_ADMIN, signInOverHttp, startInstance, type Instance } from "../support/instance";
import { needs, ROOT_MISSING } from "../support/needs";

type Answer = { status: number; body: string; ms: number };

async function timed(url: string, init: RequestInit = {}): Promise<Answer> {
  const started = Date.now();
  const response = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(15_000), ...init });
  return { status: response.status, body: await response.text(), ms: Date.now() - started };
}

/** Appends to `file` until the file system refuses another byte. */
function fillDisk(file: string): void {
  const fd = openSync(file, "a");
  try {
    for (const size of [1024 * 1024, 64 * 1024, 4096, 512, 1]) {
      const chunk = Buffer.alloc(size, 0x61);
      for (;;) {
        try {
          writeSync(fd, chunk);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== "ENOSPC") throw error;
          break;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
}

function upload(instance: Instance, token: string): Promise<Answer> {
  const form = new FormData();
  form.set("file", new Blob([Buffer.alloc(200 * 1024, 0x62)]), "report.bin");
  return timed(`${instance.url}/api/v1/files`, { method: "POST", headers: { authorization: `Bearer ${token}` }, body: form });
}

function rotate(instance: Instance, token: string): Promise<Answer> {
  return timed(`${instance.url}/api/v1/token/rotate`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ overlapSeconds: 3600 }),
  });
}

const API_DISK_FULL = {
  error: { code: "insufficient_storage", message: expect.stringContaining("disk is full") },
};

test("SQLite on a full disk: writes answer 503 within 5 s, health says why, and all works once space is freed", async () => {
  // Root, to mount a small tmpfs.
  needs(ROOT_MISSING);
  test.setTimeout(180_000);
  const dataDir = mkdtempSync(path.join(tmpdir(), "console-full-"));
  execFileSync("mount", ["-t", "tmpfs", "-o", "size=24m,mode=0700", "tmpfs", dataDir]);
  let instance: Instance | undefined;
  try {
    instance = await startInstance({}, { dataDir });
    const cookie = (await signInOverHttp(instance.url, "admin", INSTANCE_ADMIN.password)).cookie!;
    const { token } = await createTokenByAction(instance, cookie, "disk reader");
    expect((await upload(instance, token)).status).toBe(201);

    const ballast = path.join(dataDir, "ballast");
    fillDisk(ballast);

    // A write may still fit in space SQLite set aside earlier (its WAL is reused after a checkpoint):
    // the disk is topped up after each one that fits, until the write meets the full disk. Each answer,
    // either way, comes within 5 s: before the fix, the first failed COMMIT left Prisma's adapter locked
    // and every later write hung.
    const createWhileFull = async (): Promise<string> => {
      for (let attempt = 0; attempt < 50; attempt++) {
        const started = Date.now();
        const { status, text } = await callAction(instance!, cookie, "createServiceTokenAction", {
          type: "CONNECTOR",
          issuedTo: `while full ${attempt}`,
          expiration: "30",
        });
        expect(status).toBe(200);
        expect(Date.now() - started, "create answered within 5 s").toBeLessThan(5_000);
        if (!/opc_con_/.test(text)) return text;
        fillDisk(ballast);
      }
      throw new Error("50 creates fitted on the full disk");
    };
    expect(await createWhileFull()).toContain("The console's disk is full, so nothing was saved");

    const rotateWhileFull = async (): Promise<Answer> => {
      for (let attempt = 0; attempt < 50; attempt++) {
        const answer = await rotate(instance!, token);
        expect(answer.ms, "rotate answered within 5 s").toBeLessThan(5_000);
        if (answer.status !== 201) return answer;
        fillDisk(ballast);
      }
      throw new Error("50 rotations fitted on the full disk");
    };
    const rotated = await rotateWhileFull();
    expect(rotated.status).toBe(503);
    expect(JSON.parse(rotated.body)).toEqual(API_DISK_FULL);

    const uploaded = await upload(instance, token);
    expect(uploaded.ms).toBeLessThan(5_000);
    expect(uploaded.status).toBe(503);
    expect(JSON.parse(uploaded.body)).toEqual(API_DISK_FULL);

    const health = await timed(`${instance.url}/api/health`);
    expect(health.status).toBe(503);
    expect(JSON.parse(health.body)).toEqual({ status: "unavailable", reason: "the disk is full" });
    // Reads need no space.
    expect((await timed(`${instance.url}/api/v1/token`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    expect((await timed(`${instance.url}/settings/service-tokens`, { headers: { cookie } })).status).toBe(200);

    rmSync(ballast);
    await expect(async () => expect((await timed(`${instance!.url}/api/health`)).status).toBe(200)).toPass({
      timeout: 5_000,
    });
    expect((await createTokenByAction(instance, cookie, "after the disk was freed")).token).toMatch(/^opc_dev_/);
    expect((await rotate(instance, token)).status).toBe(201);
    expect((await upload(instance, token)).status).toBe(201);
    expect(instance.alive()).toBe(true);
  } finally {
    await instance?.stop();
    execFileSync("umount", [dataDir]);
    rmSync(dataDir, { recursive: true, force: true });
  }
});
