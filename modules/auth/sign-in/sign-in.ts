import "server-only";
import { AuditBudget } from "@/lib/audit/budget";
import type { AuditDetailsOf } from "@/lib/audit/catalogue";
import { recordAuditEvent, type AuditEventInput, type RequestMeta } from "@/lib/audit/record";
import {
  localSignInLimitedToAdmins,
  signInWithDirectory,
  type DirectorySignIn,
  type OidcSignIn,
} from "@/modules/directory/server";
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
  /** Directory sign-in only: the directory did not answer in time (local sign-in still works). */
  | { ok: false; code: "directory_unreachable" }
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
  const username = throttleNameOf(input.username);
  return throttledSignIn(username, meta, () => checkCredentials(username, input.password));
}

/**
 * The name a sign-in is counted and audited under: the username, or when it is none the console could
 * hold, the text as typed without the control characters PostgreSQL refuses in text (NUL) or a log
 * would misread (each becomes U+FFFD).
 */
function throttleNameOf(input: string): string {
  try {
    return normalizeUsername(input);
  } catch {
    return input
      .trim()
      .toLowerCase()
      .slice(0, 64)
      .replace(/\p{Cc}/gu, "\ufffd");
  }
}

/** The name OpenID Connect callbacks are counted under per address (never a console username: it has a space). */
const OIDC_THROTTLE_NAME = "openid connect";

/**
 * OpenID Connect's callback, under the same throttles and audit as a password: the provider checks who
 * the user is, so the (name, address) count is kept under one name for the flow, OIDC_THROTTLE_NAME
 * (callbacks with a forged state or a replayed code from one address are refused after the same number
 * of failures), and the address count is shared with password sign-in. The audit event names the user
 * once the ID token did.
 */
export async function attemptOidcSignIn(
  meta: RequestMeta,
  complete: () => Promise<OidcSignIn>,
): Promise<SignInResult & { callbackUrl: string | null }> {
  let callbackUrl: string | null = null;
  const result = await throttledSignIn(OIDC_THROTTLE_NAME, meta, async () => {
    const done = await complete();
    callbackUrl = done.callbackUrl;
    return checkedOf(done, done.username ?? undefined, "OIDC", null);
  });
  return { ...result, callbackUrl };
}

async function throttledSignIn(username: string, meta: RequestMeta, check: () => Promise<Checked>): Promise<SignInResult> {
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
  const checked = await check();

  if (checked.kind === "unreachable") {
    // Not the caller's failure: what the attempt reserved goes back.
    await Promise.all(SCOPES.map((scope) => counter[scope].release(keys[scope])));
    await audit(
      {
        actorType: "anonymous",
        actorName: checked.name ?? username,
        action: SIGN_IN_FAILED_ACTION,
        outcome: "failure",
        details: { reason: "directory_unreachable", source: checked.source },
        meta,
      },
      now,
    );
    return { ok: false, code: "directory_unreachable" };
  }

  if (checked.kind === "refused") {
    await audit(
      {
        actorType: "anonymous",
        actorId: checked.userId,
        actorName: checked.name ?? username,
        action: SIGN_IN_FAILED_ACTION,
        outcome: "failure",
        details: { reason: checked.reason, ...(checked.source ? { source: checked.source } : {}) },
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

  const { user } = checked;
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
  return { ok: true, user };
}

type Refusal = AuditDetailsOf["auth.sign_in_failed"]["reason"];
type Source = "LDAP" | "OIDC";
type Checked =
  | { kind: "ok"; user: SessionUser }
  /** `name`: who the audit event names when the caller's name is not the user's (OpenID Connect). */
  | { kind: "refused"; reason: Refusal; userId: string | null; source?: Source; name?: string }
  | { kind: "unreachable"; source: Source; name?: string };

/**
 * Who the username and password are: a local user by their password hash; anyone else through the
 * directory when one is configured. A refusal looks the same to the caller whatever its reason; only
 * the audit event says why (a disabled user, no group, local sign-in limited to administrators).
 */
async function checkCredentials(username: string, password: string): Promise<Checked> {
  const user = await findUserCredentials(username);
  if (user?.source === "LOCAL") {
    if (!(await verifyPassword(user.passwordHash, password)))
      return { kind: "refused", reason: "wrong_password", userId: user.id };
    if (user.disabledAt) return { kind: "refused", reason: "disabled", userId: user.id };
    if (user.role !== "ADMIN" && (await localSignInLimitedToAdmins())) {
      return { kind: "refused", reason: "local_admins_only", userId: user.id };
    }
    return { kind: "ok", user: toSessionUser(user) };
  }
  const directory = await signInWithDirectory(username, password);
  if (directory.kind === "not_configured") {
    // As long as a password check: usernames cannot be discovered by timing.
    await verifyPassword(await dummyPasswordHash(), password);
    return { kind: "refused", reason: user ? "not_local" : "unknown_user", userId: user?.id ?? null };
  }
  return checkedOf(directory, undefined, "LDAP", user?.id ?? null);
}

/** A directory's answer as the throttled sign-in reads it, for LDAP and OpenID Connect alike. */
function checkedOf(directory: DirectorySignIn, name: string | undefined, source: Source, knownId: string | null): Checked {
  switch (directory.kind) {
    case "not_configured":
      // OpenID Connect switched off between the button and the callback.
      return { kind: "refused", reason: "directory_error", userId: null, source, name };
    case "ok":
      return { kind: "ok", user: directory.user };
    case "refused":
      return { kind: "refused", reason: directory.reason, userId: directory.userId ?? knownId, source, name };
    case "unreachable":
      return { kind: "unreachable", source, name };
    case "error":
      return { kind: "refused", reason: "directory_error", userId: knownId, source, name };
  }
}
