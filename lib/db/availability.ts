import "server-only";
import { registerSingleCopy } from "../single-copy";
import { setTransactionAdmission } from "./admission";
import { recheckFullDisks } from "./disk-full";
import { checkDatabase, type Health } from "./health";

/**
 * The process's current view of whether its database can be used, kept fresh by a probe once a second
 * (started by server.ts) on a connection of its own, so that a console busy with its own queries is not
 * taken for one whose database is gone. Requests read it
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

function record(health: Health): void {
  const before = databaseState();
  state = health.ok ? { ok: true, reason: "" } : { ok: false, reason: health.reason };
  setTransactionAdmission(health.ok);
  if (before.ok !== health.ok) {
    console.error(health.ok ? "console: the database answers again" : `console: database unavailable: ${health.reason}`);
  }
}

/** Probes every `intervalMs` (never two probes at once); returns a stop function. */
export function startAvailabilityMonitor(intervalMs = 1_000): () => void {
  let probing = false;
  const timer = setInterval(() => {
    if (probing) return;
    probing = true;
    // checkDatabase never rejects: a failed probe is a Health with ok: false.
    void checkDatabase()
      .then(record)
      .then(recheckFullDisks)
      .finally(() => {
        probing = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
