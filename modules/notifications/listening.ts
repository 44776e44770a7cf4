// Whether anything listens for token events (email set up, or an active webhook), remembered for at most
// TTL_MS per process: creating or revoking a token then costs no query when nothing listens, which matters
// when many run at once (each in a transaction). A change in this process counts at once (forget), in
// both its isolates (the pages worker saves, the API's actions read), and one on another instance within
// TTL_MS.
import "server-only";
import { inEveryIsolate } from "@/lib/runtime/isolates";

const TTL_MS = 10_000;
let known: { until: number; value: boolean } | null = null;

/** What was read within TTL_MS, or null when it must be read again. */
export function listeningKnown(): boolean | null {
  return known !== null && performance.now() < known.until ? known.value : null;
}

export function rememberListening(value: boolean): boolean {
  known = { until: performance.now() + TTL_MS, value };
  return value;
}

const forgetEverywhere = inEveryIsolate<null>("forget-listening", () => {
  known = null;
});

/** Called when email or webhooks change in this process. */
export function forgetListening(): void {
  forgetEverywhere(null);
}
