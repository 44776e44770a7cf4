// A spec that needs something a developer's machine may lack (root, strace, rsyslog, a PostgreSQL
// server) is skipped there with the reason; in CI (CI set, as .ci/run does) a missing need fails the
// spec instead, so that a skipped test is never counted as a pass where everything must run.
import { test } from "@playwright/test";

/** Call at the top of a spec, a describe or a test: `missing` is null when the need is met. */
export function needs(missing: string | null): void {
  if (missing === null) return;
  if (process.env.CI) throw new Error(`CI must run this test, but ${missing}`);
  test.skip(true, missing);
}

export const ROOT_MISSING = process.getuid?.() === 0 ? null : "it needs root";
