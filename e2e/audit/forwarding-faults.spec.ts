// Audit forwarding under faults, with consoles of the spec's own (the production build) and a real
// rsyslog: the receiver away for a minute while 500 events are written, the console killed with SIGKILL
// in the middle of a backlog, and a receiver that accepts and never reads.
import { createServer, type Socket } from "node:net";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test } from "@playwright/test";
import { startInstance, type Instance } from "../support/instance";
import { rsyslogUnavailable, startRsyslog, type Rsyslog } from "../support/rsyslog";
import { generateToken } from "@/lib/tokens/server";
import { needs } from "../support/needs";

needs(rsyslogUnavailable());
test.describe.configure({ mode: "serial" });

const UNKNOWN = generateToken("CONNECTOR").token;
let rsyslog: Rsyslog;
let instance: Instance | undefined;
let dataDir: string;
let round = 0;

test.beforeAll(async () => {
  rsyslog = await startRsyslog();
});
test.afterAll(async () => {
  await instance?.stop();
  await (rsyslog as Rsyslog | undefined)?.destroy();
});

const database = () => new Database(path.join(dataDir, "console.db"));

/** A destination written as the page would, starting at the chain's head. */
function addDestination(name: string, port: number): string {
  const db = database();
  try {
    const id = crypto.randomUUID();
    const head = db.prepare("SELECT seq FROM audit_chain_head WHERE id = 1").get() as { seq: number };
    db.prepare(
      `INSERT INTO audit_destinations (id, name, protocol, host, port, format, cursorSeq, createdAt, updatedAt)
       VALUES (?, ?, 'TCP', '127.0.0.1', ?, 'JSON', ?, ?, ?)`,
    ).run(id, name, port, head.seq, new Date().toISOString(), new Date().toISOString());
    return id;
  } finally {
    db.close();
  }
}

/** `count` failed Bearer authentications from distinct addresses: `count` audit events. */
async function failedCalls(url: string, count: number): Promise<void> {
  round++;
  for (let i = 0; i < count; i++) {
    const response = await fetch(`${url}/api/v1/token`, {
      headers: {
        authorization: `Bearer ${UNKNOWN}`,
        // One proxy is trusted (TRUST_PROXY=1): the last entry is the client, a new one per call.
        "x-forwarded-for": `198.${18 + Math.floor(i / 250)}.${round}.${i % 250}`,
      },
    });
    expect(response.status).toBe(401);
  }
}

/**
 * The IDs of the `count` api.auth_failed events after `afterSeq`, once all are written: a failure is
 * answered before its audit event is (it is written off the request's path).
 */
async function writtenIds(afterSeq: number, count: number): Promise<string[]> {
  await expect.poll(() => storedIds(afterSeq).length, { timeout: 15_000 }).toBe(count);
  return storedIds(afterSeq);
}

/** The IDs of the api.auth_failed events after `afterSeq`, in chain order. */
function storedIds(afterSeq: number): string[] {
  const db = database();
  try {
    return (
      db.prepare("SELECT id FROM audit_events WHERE action = 'api.auth_failed' AND seq > ? ORDER BY seq").all(afterSeq) as {
        id: string;
      }[]
    ).map((r) => r.id);
  } finally {
    db.close();
  }
}

function headSeq(): number {
  const db = database();
  try {
    return Number((db.prepare("SELECT seq FROM audit_chain_head WHERE id = 1").get() as { seq: number | bigint }).seq);
  } finally {
    db.close();
  }
}

/** Received event IDs in arrival order, first arrivals only (repeats are allowed: at-least-once). */
function receivedIds(lines: string[]): string[] {
  const seen = new Set<string>();
  for (const line of lines) {
    const at = line.indexOf("{");
    if (at === -1 || !line.includes("api.auth_failed")) continue;
    seen.add((JSON.parse(line.slice(at)) as { id: string }).id);
  }
  return [...seen];
}

const inOrderWithoutGap = (received: string[], expected: string[]) => received.filter((id) => expected.includes(id));

test("the receiver away for a minute while 500 events are written: all 500 arrive after it returns, in order", async () => {
  test.setTimeout(240_000);
  instance = await startInstance({ TRUST_PROXY: "1" });
  dataDir = instance.dataDir;
  addDestination("rsyslog", rsyslog.ports.tcp);
  const start = headSeq();
  await failedCalls(instance.url, 5);
  const first = await writtenIds(start, 5);
  await rsyslog.waitFor((lines) => first.every((id) => receivedIds(lines).includes(id)));

  await rsyslog.stop();
  const before = headSeq();
  await failedCalls(instance.url, 500);
  const expected = await writtenIds(before, 500);
  await new Promise((resolve) => setTimeout(resolve, 60_000));
  await rsyslog.start();
  const lines = await rsyslog.waitFor((l) => expected.every((id) => receivedIds(l).includes(id)), 90_000);
  expect(inOrderWithoutGap(receivedIds(lines), expected)).toEqual(expected);
});

test("the console killed with SIGKILL in the middle of a backlog resumes after a restart with no gap", async () => {
  test.setTimeout(240_000);
  await rsyslog.stop();
  const before = headSeq();
  await failedCalls(instance!.url, 500);
  const expected = await writtenIds(before, 500);
  const already = rsyslog.lines().length;
  await rsyslog.start();
  await rsyslog.waitFor((l) => l.length > already, 30_000);
  await instance!.kill("SIGKILL");
  // The same data folder: the dead process's lease expires and the new one takes the sender over.
  instance = await startInstance({ TRUST_PROXY: "1" }, { dataDir });
  const lines = await rsyslog.waitFor((l) => expected.every((id) => receivedIds(l).includes(id)), 120_000);
  expect(inOrderWithoutGap(receivedIds(lines), expected)).toEqual(expected);
});

test("a receiver that accepts and never reads: the console stays responsive and the Bearer API unaffected", async () => {
  test.setTimeout(120_000);
  const sockets: Socket[] = [];
  const server = createServer((socket) => {
    socket.pause();
    sockets.push(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    addDestination("never reads", (server.address() as { port: number }).port);
    await failedCalls(instance!.url, 300);
    const slowest = { api: 0, page: 0 };
    for (let i = 0; i < 30; i++) {
      let t = Date.now();
      // From an address of its own each time: the failure limit per address is not what this measures.
      const api = await fetch(`${instance!.url}/api/v1/token`, {
        headers: { authorization: "Bearer nonsense", "x-forwarded-for": `198.51.100.${i + 1}` },
      });
      slowest.api = Math.max(slowest.api, Date.now() - t);
      expect(api.status).toBe(401);
      t = Date.now();
      const page = await fetch(`${instance!.url}/sign-in`);
      slowest.page = Math.max(slowest.page, Date.now() - t);
      expect(page.status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    expect(slowest.api).toBeLessThan(1_000);
    expect(slowest.page).toBeLessThan(3_000);
    await expect
      .poll(
        () => {
          const db = database();
          try {
            return (
              db.prepare("SELECT lastError FROM audit_destinations WHERE name = 'never reads'").get() as {
                lastError: string | null;
              }
            ).lastError;
          } finally {
            db.close();
          }
        },
        { timeout: 60_000 },
      )
      .toMatch(/does not read|did not confirm/);
  } finally {
    for (const s of sockets) s.destroy();
    server.close();
  }
});
