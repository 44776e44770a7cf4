import "server-only";
import { recordAuditEvent, type RequestMeta } from "../audit/record";
import { db } from "../platform/db";
import { dummyPasswordHash, verifyPassword } from "./passwords";
import { toSessionUser } from "./session-user";
import { findUserCredentials, markSignedIn, normalizeUsername, type SessionUser } from "./users";

export const MAX_FAILED_SIGN_INS = 5;
export const LOCKOUT_WINDOW_MS = 15 * 60 * 1000;

export type SignInResult =
  | { ok: true; user: SessionUser }
  | { ok: false; code: "invalid_credentials" }
  | { ok: false; code: "locked"; retryAfterSeconds: number };

/**
 * Checks a username and password. Failures are counted per username in the audit log (so the count is
 * shared by every instance on one database): after MAX_FAILED_SIGN_INS failures within LOCKOUT_WINDOW_MS
 * further attempts are refused, without checking the password, until the oldest of them ages out.
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

  const recentFailures = await db().auditEvent.findMany({
    where: {
      action: "auth.sign_in_failed",
      actorName: username,
      createdAt: { gt: new Date(now.getTime() - LOCKOUT_WINDOW_MS) },
    },
    select: { createdAt: true },
    orderBy: { createdAt: "desc" },
    take: MAX_FAILED_SIGN_INS,
  });
  // The oldest of the last MAX_FAILED_SIGN_INS failures: there only when there are that many.
  const oldest = recentFailures[MAX_FAILED_SIGN_INS - 1]?.createdAt;
  if (oldest) {
    const retryAfterSeconds = Math.max(1, Math.ceil((oldest.getTime() + LOCKOUT_WINDOW_MS - now.getTime()) / 1000));
    await recordAuditEvent({
      actorType: "anonymous",
      actorName: username,
      action: "auth.sign_in_locked",
      outcome: "failure",
      meta,
    });
    return { ok: false, code: "locked", retryAfterSeconds };
  }

  const user = await findUserCredentials(username);
  const valid = user
    ? await verifyPassword(user.passwordHash, input.password)
    : (await verifyPassword(await dummyPasswordHash(), input.password), false);

  if (!user || !valid) {
    await recordAuditEvent({
      actorType: "anonymous",
      actorId: user?.id ?? null,
      actorName: username,
      action: "auth.sign_in_failed",
      outcome: "failure",
      details: { reason: user ? "wrong_password" : "unknown_user" },
      meta,
    });
    return { ok: false, code: "invalid_credentials" };
  }

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
