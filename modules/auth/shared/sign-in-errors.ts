// The error text next-auth hands from the sign-in check (server) to the sign-in form (browser): fixed
// words only, never a driver's message. Attempts refused from the caller's address travel as
// "throttled:<seconds>" so the form can say how long to wait.
const THROTTLED_PREFIX = "throttled:";
const DEFAULT_WAIT_SECONDS = 900;

/** The database cannot be used: the form says the console is unavailable. */
export const UNAVAILABLE_SIGN_IN_ERROR = "unavailable";
/** Directory sign-in: the directory did not answer in time. */
export const DIRECTORY_UNREACHABLE_SIGN_IN_ERROR = "directory_unreachable";
/** The credentials were refused: next-auth's own word for it, so one message covers every source. */
export const INVALID_SIGN_IN_ERROR = "CredentialsSignin";
/** Anything else unexpected. */
export const FAILED_SIGN_IN_ERROR = "failed";

export function throttledSignInError(retryAfterSeconds: number): string {
  return `${THROTTLED_PREFIX}${retryAfterSeconds}`;
}

/** Seconds to wait when `error` reports refused attempts, otherwise null. */
export function throttledSecondsOf(error: string): number | null {
  if (!error.startsWith(THROTTLED_PREFIX)) return null;
  return Number(error.slice(THROTTLED_PREFIX.length)) || DEFAULT_WAIT_SECONDS;
}
