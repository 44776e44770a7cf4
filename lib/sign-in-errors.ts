// The error text next-auth hands from the sign-in check (server) to the sign-in form (browser): a
// locked username travels as "locked:<seconds>" so the form can say how long to wait.
const LOCKED_PREFIX = "locked:";
const DEFAULT_LOCK_SECONDS = 900;

export function lockedSignInError(retryAfterSeconds: number): string {
  return `${LOCKED_PREFIX}${retryAfterSeconds}`;
}

/** Seconds to wait when `error` reports a locked username, otherwise null. */
export function lockedSecondsOf(error: string): number | null {
  if (!error.startsWith(LOCKED_PREFIX)) return null;
  return Number(error.slice(LOCKED_PREFIX.length)) || DEFAULT_LOCK_SECONDS;
}
