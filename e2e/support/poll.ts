// Waiting for what a real server does (a port that answers, a message received): checks again every
// 100 ms, never a fixed sleep.

/** Resolves once `check` returns true; throws `failure()` after `timeoutMs`, or what `check` throws. */
export async function pollUntil(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  failure: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(failure());
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
