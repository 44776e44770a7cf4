import "server-only";
import { acrossIsolates } from "../runtime/isolates";
import { registerSingleCopy } from "../single-copy";
import { setTransactionAdmission } from "./admission";
import { diskFullReason, recheckFullDisks } from "./disk-full";
import { checkDatabase, type Health } from "./health";

/**
 * The process's current view of whether its database can be used, kept fresh by a probe once a second
 * (started by server.ts) on a connection of its own, so that a console busy with its own queries is not
 * taken for one whose database is gone, and by every /api/health check, so that a monitor and the pages
 * never disagree for the second until the next probe. Requests read it
 * for free: pages and the API answer 503 at once while it is down instead of each waiting for the
 * driver's timeouts, and the Bearer API's success path pays nothing for it.
 */
type State = { ok: boolean; reason: string };
registerSingleCopy("lib/db/availability");

let state: State = { ok: true, reason: "" };

export const RETRY_AFTER_SECONDS = 5;

export function databaseState(): State {
  return state;
}

// Checks overlap (the probe, /api/health): the result of the latest one started wins, not the last to end.
let checksStarted = 0;
let recordedCheck = 0;

async function checkAndRecord(): Promise<Health> {
  const check = ++checksStarted;
  // checkDatabase never rejects: a failed check is a Health with ok: false.
  const health = await checkDatabase();
  if (check > recordedCheck) {
    recordedCheck = check;
    record(health);
  }
  return health;
}

function record(health: Health): void {
  const before = databaseState();
  state = health.ok ? { ok: true, reason: "" } : { ok: false, reason: health.reason };
  setTransactionAdmission(health.ok);
  if (before.ok !== health.ok) {
    console.error(health.ok ? "console: the database answers again" : `console: database unavailable: ${health.reason}`);
  }
  tellPagesWorker(state);
}

// The main thread probes; the pages worker takes every answer, sent after each probe (so a worker that
// starts later has it within a second), and its server actions wait for the database exactly as long.
const tellPagesWorker = acrossIsolates<State>("database-state", (received) => {
  state = received;
  setTransactionAdmission(received.ok);
});

/** Probes every `intervalMs` (never two probes at once); returns a stop function. */
export function startAvailabilityMonitor(intervalMs = 1_000): () => void {
  let probing = false;
  const timer = setInterval(() => {
    if (probing) return;
    probing = true;
    void checkAndRecord()
      .then(recheckFullDisks)
      .finally(() => {
        probing = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * What /api/health reports: the database check (which the pages and the API then follow at once), then
 * whether a write met a full disk that has not had room again since (reads still work then, so the
 * availability gate does not close for it).
 */
export async function checkHealth(): Promise<Health> {
  const database = await checkAndRecord();
  if (!database.ok) return database;
  await recheckFullDisks();
  const diskFull = diskFullReason();
  return diskFull ? { ok: false, reason: diskFull } : database;
}
