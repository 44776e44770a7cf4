import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getAuthOptions } from "./auth-options";
import { getUserById, type SessionUser } from "./users";

/** Thrown when a signed-in user lacks the role an action needs. */
export class ForbiddenError extends Error {
  override name = "ForbiddenError";
  constructor(message = "Only administrators can do this.") {
    super(message);
  }
}

/** The signed-in user, read fresh from the database (once per request), or null. */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(getAuthOptions());
  const id = session?.user?.id;
  return id ? getUserById(id) : null;
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
