import "server-only";
import { decode } from "next-auth/jwt";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getAuthSecret } from "./auth-secret";
import { getUserById, type SessionUser } from "./users";

/** Thrown when a signed-in user lacks the role an action needs. */
export class ForbiddenError extends Error {
  override name = "ForbiddenError";
  constructor(message = "Only administrators can do this.") {
    super(message);
  }
}

// next-auth's names for the session cookie, with and without HTTPS.
const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

/**
 * The signed-in user, or null: the session cookie is decrypted and checked (integrity, expiry) with the
 * session secret, then the user is read fresh from the database (once per request), so a removed user
 * or a changed role takes effect at once. This is what getServerSession does for JWT sessions, without
 * its round trip through next-auth's request handler.
 */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const jar = await cookies();
  const raw = SESSION_COOKIES.map((name) => jar.get(name)?.value).find(Boolean);
  if (!raw) return null;
  try {
    const token = await decode({ token: raw, secret: getAuthSecret() });
    return token?.sub ? await getUserById(token.sub) : null;
  } catch {
    return null; // tampered, expired, or sealed with another secret
  }
});

/** The one session checkpoint for every console page and server action. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  return user;
}

export async function requireAdmin(): Promise<SessionUser> {
  const user = await requireUser();
  if (user.role !== "ADMIN") throw new ForbiddenError();
  return user;
}
