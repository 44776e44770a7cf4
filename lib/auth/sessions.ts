import "server-only";
import { randomBytes } from "node:crypto";
import { recordAuditEvent, type RequestMeta } from "../audit/record";
import { db, type Db, type Tx } from "../db/db";
import { toSessionUser, type SessionUser } from "./session-user";

/**
 * Server-side records of browser sessions. The encrypted session cookie carries only the session's id;
 * every request checks that the session exists, is not revoked and has not expired. So signing out ends
 * the session everywhere the cookie may have been copied, which a stateless cookie cannot do.
 */
export async function createSession(userId: string, expiresAt: Date, meta: RequestMeta): Promise<string> {
  const id = randomBytes(24).toString("base64url");
  await db().session.create({
    data: { id, userId, expiresAt, ip: meta.ip, userAgent: meta.userAgent?.slice(0, 512) ?? null },
    select: { id: true },
  });
  return id;
}

/** An active session's user, where they come from and when their directory groups were last checked. */
export type SessionState = { user: SessionUser; source: string; checkedAt: Date };

/** The state of an active session, in one indexed read. */
export async function findSessionState(sessionId: string, now = new Date()): Promise<SessionState | null> {
  const row = await db().session.findFirst({
    // A disabled user's sessions are revoked when they are disabled; the condition is the second lock.
    where: { id: sessionId, revokedAt: null, expiresAt: { gt: now }, user: { disabledAt: null } },
    select: {
      createdAt: true,
      checkedAt: true,
      user: { select: { id: true, username: true, displayName: true, role: true, source: true } },
    },
  });
  return row ? { user: toSessionUser(row.user), source: row.user.source, checkedAt: row.checkedAt ?? row.createdAt } : null;
}

/** The user of an active session. */
export async function findSessionUser(sessionId: string, now = new Date()): Promise<SessionUser | null> {
  return (await findSessionState(sessionId, now))?.user ?? null;
}

/** A directory user's groups were checked again: the next check is due an interval from now. */
export async function markSessionChecked(sessionId: string, at = new Date()): Promise<void> {
  await db().session.updateMany({ where: { id: sessionId }, data: { checkedAt: at } });
}

export async function revokeSession(sessionId: string, now = new Date(), client: Db | Tx = db()): Promise<void> {
  await client.session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: now } });
}

/** Ends every session of a user, e.g. after a password change. */
export async function revokeUserSessions(
  userId: string,
  now = new Date(),
  client: Db | Tx = db(),
  options: { except?: string } = {},
): Promise<number> {
  const where = { userId, revokedAt: null, ...(options.except ? { id: { not: options.except } } : {}) };
  const { count } = await client.session.updateMany({ where, data: { revokedAt: now } });
  return count;
}

/** Sign-out: revokes the session on the server (a copied cookie stops working too) and records it, in one transaction. */
export async function endSession(sessionId: string, user: SessionUser, meta: RequestMeta): Promise<void> {
  await db().$transaction(async (tx) => {
    await revokeSession(sessionId, new Date(), tx);
    await recordAuditEvent(
      { actorType: "user", actorId: user.id, actorName: user.username, action: "auth.sign_out", outcome: "success", meta },
      tx,
    );
  });
}
