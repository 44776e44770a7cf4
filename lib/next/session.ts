import "server-only";
import { decode } from "next-auth/jwt";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import type { SessionUser } from "@/lib/auth/session-user";
import { findSessionState, getAuthSecret } from "@console/server/core";
import { recheckDirectorySession } from "@console/server/directory";

// next-auth's names for the session cookie, with and without HTTPS.
const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

/** The session cookie, or one of its chunks (next-auth splits large cookies into name.0, name.1, …). */
export function isSessionCookie(name: string): boolean {
  return SESSION_COOKIES.some((cookie) => name === cookie || name.startsWith(`${cookie}.`));
}

export type CurrentSession = { sessionId: string; user: SessionUser };

/**
 * The signed-in session, or null. The cookie is decrypted and checked (integrity, expiry) with the
 * session secret; then the server-side session and its user are read fresh from the database (once per
 * request), so signing out, a removed user or a changed role takes effect at once; a directory user's
 * groups are checked again every few minutes.
 */
export const getCurrentSession = cache(async (): Promise<CurrentSession | null> => {
  const jar = await cookies();
  const raw = SESSION_COOKIES.map((name) => jar.get(name)?.value).find(Boolean);
  if (!raw) return null;
  let sessionId: string | undefined;
  try {
    sessionId = (await decode({ token: raw, secret: getAuthSecret() }))?.sid;
  } catch {
    return null; // tampered, expired, or sealed with another secret
  }
  if (typeof sessionId !== "string") return null;
  const state = await findSessionState(sessionId);
  if (!state) return null;
  // A directory user's groups are checked again every DIRECTORY_RECHECK_MINUTES (a no-op otherwise).
  const user = await recheckDirectorySession(sessionId, state);
  return user ? { sessionId, user } : null;
});

export async function getCurrentUser(): Promise<SessionUser | null> {
  return (await getCurrentSession())?.user ?? null;
}

/** The one session checkpoint for every console page and server action. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  return user;
}
