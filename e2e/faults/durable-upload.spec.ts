// An upload's 201 promises a file that survives a power cut. A power cut cannot be staged here, so the
// console's system calls are watched instead (strace attached to it): before the 201 the bytes are
// synced (fdatasync of the upload's file), the file is renamed into place, the folder holding its new
// name is synced (fsync), and the row recording it is committed with the database's write-ahead log
// synced, in that order.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { createTokenByAction } from "../support/actions";
import { INSTANCE_ADMIN, signInOverHttp, startInstance } from "../support/instance";
import { needs, ROOT_MISSING } from "../support/needs";

const straceMissing = spawnSync("strace", ["-V"]).error !== undefined;

/** Whether every thread of `pid` is traced (strace attaches to them one by one). */
function allThreadsTraced(pid: number): boolean {
  return readdirSync(`/proc/${pid}/task`).every((tid) =>
    /^TracerPid:\s*[1-9]/m.test(readFileSync(`/proc/${pid}/task/${tid}/status`, "utf8")),
  );
}

test("an upload's bytes, its name in the folder and its row are on disk before the 201", async () => {
  needs(straceMissing ? "strace is not installed (Debian package strace)" : null);
  // Root, to attach strace to the console.
  needs(ROOT_MISSING);
  test.setTimeout(90_000);
  const scratch = mkdtempSync(path.join(tmpdir(), "console-strace-"));
  const traceFile = path.join(scratch, "trace.txt");
  const instance = await startInstance();
  let strace: ChildProcess | undefined;
  try {
    const cookie = (await signInOverHttp(instance.url, "admin", INSTANCE_ADMIN.password)).cookie!;
    const { token } = await createTokenByAction(instance, cookie, "durable upload", "CONNECTOR");
    strace = spawn(
      "strace",
      ["-f", "-qq", "-y", "-e", "trace=fsync,fdatasync,rename,renameat,renameat2", "-o", traceFile, "-p", String(instance.pid)],
      { stdio: "ignore" },
    );
    await expect(() => expect(allThreadsTraced(instance.pid)).toBe(true)).toPass({ timeout: 10_000 });

    const form = new FormData();
    form.set("file", new Blob([Buffer.alloc(300 * 1024, 0x63)]), "durable.bin");
    const response = await fetch(`${instance.url}/api/v1/files`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };

    // Everything below happened before the 201 arrived: strace writes each call as it returns.
    const lines = readFileSync(traceFile, "utf8").split("\n");
    const at = (pattern: RegExp, after = -1) => lines.findIndex((line, i) => i > after && pattern.test(line));
    const bytesSynced = at(/fdatasync\(\d+<[^>]*\/files\/\.incoming\/[^>]*\.part>\)\s+= 0/);
    const renamed = at(new RegExp(`rename(at2?)?\\(.*\\.part".*/files/${id}".*= 0`), bytesSynced);
    const folderSynced = at(/fsync\(\d+<[^>]*\/files>\)\s+= 0/, renamed);
    const rowSynced = at(/f(data)?sync\(\d+<[^>]*console\.db-wal>\)\s+= 0/, folderSynced);
    // Each step is looked for after the one before: found means found in this order.
    const found = { bytesSynced, renamed, folderSynced, rowSynced };
    expect(Object.fromEntries(Object.entries(found).map(([step, index]) => [step, index >= 0])), lines.join("\n")).toEqual({
      bytesSynced: true,
      renamed: true,
      folderSynced: true,
      rowSynced: true,
    });
  } finally {
    await instance.stop();
    strace?.kill();
    rmSync(scratch, { recursive: true, force: true });
  }
});
