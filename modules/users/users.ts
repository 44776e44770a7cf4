// Settings > Users: the list and what an administrator does to a user. Each change and its audit event
// are one transaction; the event is recorded first, so its lock on the audit chain's head also orders
// changes that could otherwise each leave the other administrator alone (assertActiveAdminRemains).
import "server-only";
import { recordAuditEvent, type RequestMeta } from "@/lib/audit/record";
import { hashPassword } from "@/lib/auth/passwords";
import { revokeUserSessions } from "@/lib/auth/sessions";
import {
  assertActiveAdminRemains,
  createUser,
  generatePassword,
  listUsers,
  UserInputError,
  type Role,
  type SessionUser,
  type UserSource,
} from "@/lib/auth/users";
import { db, type Tx } from "@/lib/db/db";

export type UserRow = {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  source: UserSource;
  lastSignInAt: Date | null;
  disabled: boolean;
};

export async function listUserRows(): Promise<UserRow[]> {
  const rows = await listUsers();
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    displayName: r.displayName,
    role: r.role === "ADMIN" ? "ADMIN" : "VIEWER",
    source: r.source === "LDAP" || r.source === "OIDC" ? r.source : "LOCAL",
    lastSignInAt: r.lastSignInAt,
    disabled: r.disabledAt !== null,
  }));
}

const actorOf = (actor: SessionUser, meta: RequestMeta) =>
  ({ actorType: "user", actorId: actor.id, actorName: actor.username, outcome: "success", meta }) as const;

async function targetOf(tx: Tx, id: string) {
  const row = await tx.user.findUnique({
    where: { id },
    select: { id: true, username: true, role: true, source: true, disabledAt: true },
  });
  if (!row) throw new UserInputError("This user no longer exists. Reload the page.");
  return row;
}

/** Add user: a local user with a generated password, answered once and never stored in plain text. */
export async function addLocalUser(
  input: { username: string; displayName: string; role: Role },
  actor: SessionUser,
  meta: RequestMeta,
): Promise<{ user: SessionUser; password: string }> {
  const password = generatePassword();
  const user = await db().$transaction(async (tx) => {
    const created = await createUser({ ...input, password }, tx);
    await recordAuditEvent(
      {
        ...actorOf(actor, meta),
        action: "user.create",
        targetType: "user",
        targetId: created.id,
        details: { username: created.username, role: created.role, source: "LOCAL" },
      },
      tx,
    );
    return created;
  });
  return { user, password };
}

export async function changeUserRole(id: string, role: Role, actor: SessionUser, meta: RequestMeta): Promise<void> {
  await db().$transaction(async (tx) => {
    const target = await targetOf(tx, id);
    if (target.role === role) return;
    await recordAuditEvent(
      {
        ...actorOf(actor, meta),
        action: "user.role_change",
        targetType: "user",
        targetId: id,
        details: { username: target.username, old: target.role, new: role },
      },
      tx,
    );
    await tx.user.update({ where: { id }, data: { role }, select: { id: true } });
    await assertActiveAdminRemains(tx);
  });
}

/** Reset password (local users): a new generated password, answered once; the user's sessions end. */
export async function resetUserPassword(id: string, actor: SessionUser, meta: RequestMeta): Promise<{ password: string }> {
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  await db().$transaction(async (tx) => {
    const target = await targetOf(tx, id);
    if (target.source !== "LOCAL") {
      throw new UserInputError(`${target.username} signs in through the directory: their password is changed there.`);
    }
    await tx.user.update({ where: { id }, data: { passwordHash }, select: { id: true } });
    const sessionsEnded = await revokeUserSessions(id, new Date(), tx);
    await recordAuditEvent(
      {
        ...actorOf(actor, meta),
        action: "user.password_reset",
        targetType: "user",
        targetId: id,
        details: { username: target.username, sessionsEnded },
      },
      tx,
    );
  });
  return { password };
}

/** Disable ends the user's sessions and refuses their sign-ins; Enable lets them sign in again. */
export async function setUserDisabled(id: string, disabled: boolean, actor: SessionUser, meta: RequestMeta): Promise<void> {
  await db().$transaction(async (tx) => {
    const target = await targetOf(tx, id);
    if ((target.disabledAt !== null) === disabled) return;
    if (!disabled) {
      await recordAuditEvent(
        {
          ...actorOf(actor, meta),
          action: "user.enable",
          targetType: "user",
          targetId: id,
          details: { username: target.username },
        },
        tx,
      );
      await tx.user.update({ where: { id }, data: { disabledAt: null }, select: { id: true } });
      return;
    }
    if (id === actor.id) throw new UserInputError("You cannot disable yourself.");
    const now = new Date();
    await recordAuditEvent(
      {
        ...actorOf(actor, meta),
        action: "user.disable",
        targetType: "user",
        targetId: id,
        details: { username: target.username },
      },
      tx,
    );
    await tx.user.update({ where: { id }, data: { disabledAt: now }, select: { id: true } });
    await assertActiveAdminRemains(tx);
    await revokeUserSessions(id, now, tx);
  });
}

/** Sign out everywhere: every session of the user ends at its next request. */
export async function signOutUserEverywhere(
  id: string,
  actor: SessionUser,
  meta: RequestMeta,
): Promise<{ sessionsEnded: number }> {
  return db().$transaction(async (tx) => {
    const target = await targetOf(tx, id);
    const sessionsEnded = await revokeUserSessions(id, new Date(), tx);
    await recordAuditEvent(
      {
        ...actorOf(actor, meta),
        action: "user.sign_out_everywhere",
        targetType: "user",
        targetId: id,
        details: { username: target.username, sessionsEnded },
      },
      tx,
    );
    return { sessionsEnded };
  });
}
