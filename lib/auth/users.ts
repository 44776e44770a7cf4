import "server-only";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { readEnv } from "../config/config";
import { db, type Db, type Tx } from "../db/db";
import { newId } from "../db/ids";
import { hashPassword, passwordProblem } from "./passwords";

import { ROLES, toSessionUser, type Role, type SessionUser } from "./session-user";
import { revokeUserSessions } from "./sessions";

export type { Role, SessionUser };

/** A mistake in what an operator asked for: its message is meant for them. */
export class UserInputError extends Error {
  override name = "UserInputError";
}

const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "Enter a username.")
  .max(64, "Usernames must be at most 64 characters long.")
  .regex(
    /^[a-z0-9][a-z0-9._-]*$/,
    "Usernames may contain only letters, digits, dots, dashes and underscores, and must start with a letter or digit.",
  );

/** Usernames are compared case-insensitively: they are stored lower-cased. */
export function normalizeUsername(input: string): string {
  const parsed = usernameSchema.safeParse(input);
  if (!parsed.success) throw new UserInputError(parsed.error.issues[0]?.message ?? "Invalid username.");
  return parsed.data;
}

export function parseRole(input: string): Role {
  const role = input.trim().toUpperCase();
  if (!(ROLES as readonly string[]).includes(role)) {
    throw new UserInputError(`Role must be one of ${ROLES.join(", ")}; got "${input}".`);
  }
  return role as Role;
}

const sessionUserSelect = { id: true, username: true, displayName: true, role: true } as const;

export async function getUserById(id: string): Promise<SessionUser | null> {
  const row = await db().user.findUnique({ where: { id }, select: sessionUserSelect });
  return row ? toSessionUser(row) : null;
}

/** For sign-in only: the one read that includes the password hash. */
export async function findUserCredentials(username: string) {
  return db().user.findUnique({
    where: { username },
    select: { ...sessionUserSelect, passwordHash: true, source: true, disabledAt: true },
  });
}

/** Where a user comes from: only LOCAL users have a password the console checks. */
export type UserSource = "LOCAL" | "LDAP" | "OIDC";

const LAST_ADMIN_MESSAGE = "This is the last active administrator: make another user ADMIN first.";

/**
 * The rule that the console always keeps one active administrator, checked after a change inside its
 * transaction (which then rolls back). Callers take the audit chain's head lock first (by recording the
 * change's audit event before writing it), so two changes that would each leave the other administrator
 * alone run one after the other and the second sees the first.
 */
export async function assertActiveAdminRemains(client: Db | Tx): Promise<void> {
  const active = await client.user.count({ where: { role: "ADMIN", disabledAt: null } });
  if (active < 1) throw new UserInputError(LAST_ADMIN_MESSAGE);
}

export async function markSignedIn(id: string, at: Date): Promise<void> {
  await db().user.update({ where: { id }, data: { lastSignInAt: at }, select: { id: true } });
}

export async function listUsers() {
  return db().user.findMany({
    select: { ...sessionUserSelect, createdAt: true, lastSignInAt: true, source: true, disabledAt: true },
    orderBy: { username: "asc" },
  });
}

export async function createUser(
  input: {
    username: string;
    displayName?: string;
    password: string;
    role: Role;
  },
  client: Db | Tx = db(),
): Promise<SessionUser> {
  const username = normalizeUsername(input.username);
  const problem = passwordProblem(input.password);
  if (problem) throw new UserInputError(problem);
  const displayName = (input.displayName ?? "").trim() || username;
  if (displayName.length > 100) throw new UserInputError("Display names must be at most 100 characters long.");
  const passwordHash = await hashPassword(input.password);
  if (await client.user.findUnique({ where: { username }, select: { id: true } })) {
    throw new UserInputError(`A user named "${username}" already exists.`);
  }
  const row = await client.user.create({
    data: { id: newId(), username, displayName, role: input.role, passwordHash },
    select: sessionUserSelect,
  });
  return toSessionUser(row);
}

async function requireExisting(username: string): Promise<string> {
  const normalized = normalizeUsername(username);
  const row = await db().user.findUnique({ where: { username: normalized }, select: { id: true } });
  if (!row) throw new UserInputError(`There is no user named "${normalized}".`);
  return row.id;
}

export async function setPassword(username: string, password: string): Promise<void> {
  const problem = passwordProblem(password);
  if (problem) throw new UserInputError(problem);
  const id = await requireExisting(username);
  await db().user.update({ where: { id }, data: { passwordHash: await hashPassword(password) }, select: { id: true } });
  // Whoever knew the old password may hold a session: end them all.
  await revokeUserSessions(id);
}

export async function setRole(username: string, role: Role): Promise<void> {
  const id = await requireExisting(username);
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id }, data: { role }, select: { id: true } });
    await assertActiveAdminRemains(tx);
  });
}

/** Never a valid argon2 hash: a directory user has no password the console could check. */
const NO_LOCAL_PASSWORD = "!directory";

/**
 * Just-in-time user of a directory sign-in: created at the first, updated (name, role) at every later
 * one, so the role always follows the directory's groups. Returns null when a local user has the name
 * (a directory never takes over a local account) or the user is disabled.
 */
export async function upsertDirectoryUser(input: {
  username: string;
  displayName: string;
  role: Role;
  source: Exclude<UserSource, "LOCAL">;
}): Promise<
  | { user: SessionUser; created: boolean; previousRole: Role | null }
  | { refused: "local_user" | "other_source" | "disabled"; id: string }
> {
  const username = normalizeUsername(input.username);
  const displayName = input.displayName.trim().slice(0, 100) || username;
  const existing = await db().user.findUnique({
    where: { username },
    select: { id: true, role: true, source: true, disabledAt: true },
  });
  if (existing && existing.source === "LOCAL") return { refused: "local_user", id: existing.id };
  // A name from one directory never takes over a user from the other (the same name can be two people).
  if (existing && existing.source !== input.source) return { refused: "other_source", id: existing.id };
  if (existing?.disabledAt) return { refused: "disabled", id: existing.id };
  if (existing) {
    const row = await db().user.update({
      where: { id: existing.id },
      data: { displayName, role: input.role },
      select: sessionUserSelect,
    });
    return { user: toSessionUser(row), created: false, previousRole: existing.role === "ADMIN" ? "ADMIN" : "VIEWER" };
  }
  const row = await db().user.create({
    data: { id: newId(), username, displayName, role: input.role, source: input.source, passwordHash: NO_LOCAL_PASSWORD },
    select: sessionUserSelect,
  });
  return { user: toSessionUser(row), created: true, previousRole: null };
}

/** 24 random bytes as base64url: 192 bits, easy to paste. */
export function generatePassword(): string {
  return randomBytes(24).toString("base64url");
}

/**
 * On first start (no users at all) creates `admin` with ADMIN_PASSWORD or a generated password, which
 * the caller prints once. Returns null when users already exist.
 */
export async function ensureFirstAdmin(): Promise<{ username: string; password: string; generated: boolean } | null> {
  if ((await db().user.count()) > 0) return null;
  const fromEnv = readEnv("ADMIN_PASSWORD");
  const password = fromEnv || generatePassword();
  try {
    await createUser({ username: "admin", displayName: "Administrator", password, role: "ADMIN" });
  } catch (error) {
    // Another instance sharing the database created it first.
    if ((await db().user.count()) > 0 && !(error instanceof UserInputError && fromEnv)) return null;
    throw error;
  }
  return { username: "admin", password, generated: !fromEnv };
}
