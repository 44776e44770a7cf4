import "server-only";
import { AuditBudget } from "@/lib/audit/budget";
import { recordAuditEvent, type AuditEventInput, type RequestMeta } from "@/lib/audit/record";
import { throttleKeyOf } from "@/lib/tokens";
import { getConfig } from "@/lib/config/config";
import { FailureCounter, retryAfterSeconds, type Counted } from "@/lib/auth/throttle";
import { dummyPasswordHash, verifyPassword } from "@/lib/auth/passwords";
import { toSessionUser } from "@/lib/auth/session-user";
import { findUserCredentials, markSignedIn, normalizeUsername, type SessionUser } from "@/lib/auth/users";

const SIGN_IN_FAILED_ACTION = "auth.sign_in_failed";
const SIGN_IN_THROTTLED_ACTION = "auth.sign_in_throttled";
const SIGN_IN_FAILED_SUPPRESSED_ACTION = "auth.sign_in_failed_suppressed";
/** Failed sign-ins written one by one per process and minute; the rest are counted in one summary event. */
const AUDIT_BUDGET_PER_MINUTE = 300;

type SignInThrottleScope = "user_address" | "address";

export type SignInResult =
  | { ok: true; user: SessionUser }
  | { ok: false; code: "invalid_credentials" }
  | { ok: false; code: "throttled"; scope: SignInThrottleScope; retryAfterSeconds: number };

const auditBudget = new AuditBudget({
  perWindow: AUDIT_BUDGET_PER_MINUTE,
  windowMs: 60_000,
  summary: (count) => ({
    actorType: "system",
    action: SIGN_IN_FAILED_SUPPRESSED_ACTION,
    outcome: "failure",
    details: { count, reason: "more failed sign-ins than the audit log records per minute" },
  }),
});

async function audit(event: AuditEventInput, now: Date): Promise<void> {
  if (auditBudget.take(now.getTime())) await recordAuditEvent(event);
}

let counters: Record<SignInThrottleScope, FailureCounter> | undefined;

/** Per (username, address) and per address over all usernames, in one window (SIGN_IN_WINDOW_MINUTES). */
function signInCounters(): Record<SignInThrottleScope, FailureCounter> {
  const { signInFailuresPerUser, signInFailuresPerAddress, signInWindowMs: windowMs } = getConfig();
  counters ??= {
    user_address: new FailureCounter("sign_in_user", { limit: signInFailuresPerUser, windowMs }),
    address: new FailureCounter("sign_in_address", { limit: signInFailuresPerAddress, windowMs }),
  };
  return counters;
}

const SCOPES = ["user_address", "address"] as const;

/**
 * Checks a username and password (OWASP ASVS V2.2). Failures are counted in the database, shared by
 * every instance, per (username, client address) and per address over all usernames; IPv6 addresses
 * count per /64. Each attempt reserves its count in both before the password is checked, so of any
 * number of simultaneous attempts at most the limit reach a password check; a reservation past either
 * limit refuses the attempt before any password hash is computed (and gives the other back; once one is
 * refused, this process refuses that key from memory until the window closes), while the
 * same username from another address still signs in: a stranger cannot lock the administrator out. A
 * success clears its (username, address) count and gives back its address reservation. Audit rows stay
 * bounded: failures are capped per key by the limits, one `auth.sign_in_throttled` event marks each
 * block, refused attempts are not recorded, and a per-process budget caps failures from many addresses
 * (one summary event for the rest).
 */
export async function attemptSignIn(input: { username: string; password: string }, meta: RequestMeta): Promise<SignInResult> {
  let username: string;
  try {
    username = normalizeUsername(input.username);
  } catch {
    username = input.username.trim().toLowerCase().slice(0, 64);
  }
  const address = throttleKeyOf(meta.ip);
  const keys: Record<SignInThrottleScope, string> = { user_address: `${address}|${username}`, address };
  const counter = signInCounters();
  // Known refused in this process: no database work, no password check.
  for (const scope of SCOPES) {
    const known = counter[scope].check(keys[scope], Date.now());
    if (known.limited) return { ok: false, code: "throttled", scope, retryAfterSeconds: known.retryAfterSeconds };
  }

  const [pair, perAddress] = await Promise.all([counter.user_address.add(keys.user_address), counter.address.add(keys.address)]);
  const reserved: Record<SignInThrottleScope, Counted> = { user_address: pair, address: perAddress };
  const refusedBy = SCOPES.find((scope) => !reserved[scope].allowed);
  if (refusedBy) {
    // The attempt is not made: what it reserved within a limit goes back.
    await Promise.all(SCOPES.filter((scope) => reserved[scope].allowed).map((scope) => counter[scope].release(keys[scope])));
    const retry = retryAfterSeconds(reserved[refusedBy].resetsAt - Date.now());
    return { ok: false, code: "throttled", scope: refusedBy, retryAfterSeconds: retry };
  }

  const now = new Date();
  const user = await findUserCredentials(username);
  const valid = user
    ? await verifyPassword(user.passwordHash, input.password)
    : (await verifyPassword(await dummyPasswordHash(), input.password), false);

  // A disabled user, or one whose password lives in the directory, is refused like a wrong password;
  // only the audit event says why.
  const refusal = !user
    ? "unknown_user"
    : !valid
      ? "wrong_password"
      : user.disabledAt
        ? "disabled"
        : user.source !== "LOCAL"
          ? "not_local"
          : null;
  if (!user || refusal) {
    await audit(
      {
        actorType: "anonymous",
        actorId: user?.id ?? null,
        actorName: username,
        action: SIGN_IN_FAILED_ACTION,
        outcome: "failure",
        details: { reason: refusal ?? "unknown_user" },
        meta,
      },
      now,
    );
    // Exactly one event per block: the failure that reaches the limit opens it.
    for (const scope of SCOPES) {
      const { count, resetsAt } = reserved[scope];
      if (count !== counter[scope].limit) continue;
      await audit(
        {
          actorType: "anonymous",
          actorName: scope === "user_address" ? username : null,
          action: SIGN_IN_THROTTLED_ACTION,
          outcome: "failure",
          details: { scope, failures: count, address, until: new Date(resetsAt).toISOString() },
          meta,
        },
        now,
      );
    }
    return { ok: false, code: "invalid_credentials" };
  }

  await Promise.all([counter.user_address.clear(keys.user_address), counter.address.release(keys.address)]);
  await markSignedIn(user.id, now);
  await recordAuditEvent({
    actorType: "user",
    actorId: user.id,
    actorName: user.username,
    action: "auth.sign_in",
    outcome: "success",
    meta,
  });
  return { ok: true, user: toSessionUser(user) };
}
