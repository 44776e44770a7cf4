// A signed-in directory user's groups checked again, at most every DIRECTORY_RECHECK_MINUTES (called by
// the one session checkpoint, lib/next/session.ts): removed from the groups, gone from the directory or
// disabled there, their sessions end; moved to the other group, their role follows. An OpenID Connect
// user's groups cannot be asked again without a refresh token (the console keeps none): their role is
// the one of their last sign-in for the session's life, and their sessions end at the next check once
// OpenID Connect is removed.
import "server-only";
import { getConfig } from "@/lib/config/config";
import { markSessionChecked, revokeUserSessions, type SessionState } from "@/lib/auth/sessions";
import { db } from "@/lib/db/db";
import type { SessionUser } from "@/lib/auth/users";
import { authenticateLdap } from "./ldap/ldap";
import { oidcButtonLabel } from "./oidc/settings";
import { getLdapSettings } from "./settings";

/** The session's user after the check when one is due: the same, with a new role, or null (signed out). */
export async function recheckDirectorySession(
  sessionId: string,
  state: SessionState,
  now = new Date(),
): Promise<SessionUser | null> {
  if (state.source === "LOCAL" || now.getTime() - state.checkedAt.getTime() < getConfig().directoryRecheckMs) return state.user;
  if (state.source === "OIDC") return recheckOidcSession(sessionId, state, now);
  const settings = await getLdapSettings();
  if (!settings) {
    // The directory was switched off: its users have no way left to prove who they are.
    await revokeUserSessions(state.user.id, now);
    return null;
  }
  const found = await authenticateLdap(settings, state.user.username, null);
  if (!found.ok && found.reason !== "unknown_user") {
    // Unreachable or failing: the session keeps its role until the next check rather than locking
    // everyone out during an outage; each check is an interval apart, never on every request.
    await markSessionChecked(sessionId, now);
    return state.user;
  }
  if (!found.ok || !found.role) {
    await revokeUserSessions(state.user.id, now);
    return null;
  }
  if (found.role !== state.user.role) {
    await db().user.update({ where: { id: state.user.id }, data: { role: found.role }, select: { id: true } });
  }
  await markSessionChecked(sessionId, now);
  return { ...state.user, role: found.role };
}

async function recheckOidcSession(sessionId: string, state: SessionState, now: Date): Promise<SessionUser | null> {
  if ((await oidcButtonLabel()) === null) {
    await revokeUserSessions(state.user.id, now);
    return null;
  }
  await markSessionChecked(sessionId, now);
  return state.user;
}
