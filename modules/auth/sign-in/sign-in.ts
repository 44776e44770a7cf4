import "server-only";
import { AuditBudget } from "@/lib/audit/budget";
import { recordAuditEvent, type AuditEventInput, type RequestMeta } from "@/lib/audit/record";
import { throttleKeyOf } from "@/lib/tokens";
import { getConfig } from "@/lib/config/config";
import { addFailure, clearFailures, decide, readFailureCounters } from "@/lib/auth/throttle";
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

/**
 * Checks a username and password (OWASP ASVS V2.2). Failures are counted in the database, shared by
 * every instance, per (username, client address) and per address over all usernames; IPv6 addresses
 * count per /64. Past either limit within the window, attempts from that address are refused before
 * any password hash is computed, while the same username from another address still signs in: a
 * stranger cannot lock the administrator out. Audit rows stay bounded: failures are capped per key by
 * the limits, one `auth.sign_in_throttled` event marks each block, refused attempts are not recorded,
 * and a per-process budget caps failures from many addresses (one summary event for the rest).
 */
export async function attemptSignIn(
  input: { username: string; password: string },
  meta: RequestMeta,
  now = new Date(),
): Promise<SignInResult> {
  let username: string;
  try {
    username = normalizeUsername(input.username);
  } catch {
    username = input.username.trim().toLowerCase().slice(0, 64);
  }
  const { signInFailuresPerUser, signInFailuresPerAddress, signInWindowMs } = getConfig();
  const address = throttleKeyOf(meta.ip);
  const keys = { user_address: `sign_in:${address}|${username}`, address: `sign_in:${address}` } as const;
  const limits = { user_address: signInFailuresPerUser, address: signInFailuresPerAddress } as const;
  const at = now.getTime();

  const counters = await readFailureCounters(Object.values(keys), signInWindowMs, at);
  for (const scope of ["user_address", "address"] as const) {
    const decision = decide(counters.get(keys[scope]), limits[scope], signInWindowMs, at);
    if (decision.limited) return { ok: false, code: "throttled", scope, retryAfterSeconds: decision.retryAfterSeconds };
  }

  const user = await findUserCredentials(username);
  const valid = user
    ? await verifyPassword(user.passwordHash, input.password)
    : (await verifyPassword(await dummyPasswordHash(), input.password), false);

  if (!user || !valid) {
    const [pair, perAddress] = await Promise.all([
      addFailure(keys.user_address, signInWindowMs, at),
      addFailure(keys.address, signInWindowMs, at),
    ]);
    await audit(
      {
        actorType: "anonymous",
        actorId: user?.id ?? null,
        actorName: username,
        action: SIGN_IN_FAILED_ACTION,
        outcome: "failure",
        details: { reason: user ? "wrong_password" : "unknown_user" },
        meta,
      },
      now,
    );
    // Exactly one event per block: the failure that reaches the limit opens it.
    for (const [scope, counter] of [
      ["user_address", pair],
      ["address", perAddress],
    ] as const) {
      if (counter.failures !== limits[scope]) continue;
      await audit(
        {
          actorType: "anonymous",
          actorName: scope === "user_address" ? username : null,
          action: SIGN_IN_THROTTLED_ACTION,
          outcome: "failure",
          details: {
            scope,
            failures: counter.failures,
            address,
            until: new Date(counter.windowStart + signInWindowMs).toISOString(),
          },
          meta,
        },
        now,
      );
    }
    return { ok: false, code: "invalid_credentials" };
  }

  await clearFailures(keys.user_address);
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
