// The user panel's Change password: a local user proves the current password and chooses a new one;
// their other sessions end (whoever knew the old password may hold one), this one stays.
import "server-only";
import { recordAuditEvent, type RequestMeta } from "@/lib/audit/record";
import { hashPassword, passwordProblem, verifyPassword } from "@/lib/auth/passwords";
import { revokeUserSessions } from "@/lib/auth/sessions";
import { findUserCredentials, type SessionUser } from "@/lib/auth/users";
import { db } from "@/lib/db/db";

export type ChangePasswordResult =
  | { ok: true; sessionsEnded: number }
  | { ok: false; field: "current" | "next"; message: string }
  | { ok: false; field: null; message: string };

export async function changeOwnPassword(
  user: SessionUser,
  sessionId: string,
  input: { current: string; next: string },
  meta: RequestMeta,
): Promise<ChangePasswordResult> {
  const row = await findUserCredentials(user.username);
  if (!row || row.source !== "LOCAL") {
    return { ok: false, field: null, message: "Your password is kept by the directory: change it there." };
  }
  const problem = passwordProblem(input.next);
  if (problem) return { ok: false, field: "next", message: problem };
  if (!(await verifyPassword(row.passwordHash, input.current))) {
    await recordAuditEvent({
      actorType: "user",
      actorId: user.id,
      actorName: user.username,
      action: "user.password_change_failed",
      outcome: "failure",
      details: { reason: "wrong_password" },
      meta,
    });
    return { ok: false, field: "current", message: "The current password is wrong." };
  }
  const passwordHash = await hashPassword(input.next);
  const sessionsEnded = await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash }, select: { id: true } });
    const ended = await revokeUserSessions(user.id, new Date(), tx, { except: sessionId });
    await recordAuditEvent(
      {
        actorType: "user",
        actorId: user.id,
        actorName: user.username,
        action: "user.password_change",
        outcome: "success",
        details: { sessionsEnded: ended },
        meta,
      },
      tx,
    );
    return ended;
  });
  return { ok: true, sessionsEnded };
}
