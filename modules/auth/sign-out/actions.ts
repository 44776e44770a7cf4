"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { userAction } from "@/lib/next/action";
import { isSessionCookie } from "@/lib/next/session";
import { endSession } from "@console/server/core";

/**
 * Ends the session: revokes it on the server (a copied cookie stops working too) and records the
 * sign-out in one transaction, deletes the cookie and returns to the sign-in page. A caller whose
 * session has already ended goes to the sign-in page as well.
 */
const signOut = userAction({ name: "signOutAction", input: z.null() }, async (_input, { user, sessionId, meta }) => {
  await endSession(sessionId, user, meta);
  const jar = await cookies();
  for (const cookie of jar.getAll()) {
    if (isSessionCookie(cookie.name)) jar.delete(cookie.name);
  }
  redirect("/sign-in");
});

/** The sign-out button's form action: its form data carries nothing to read. */
export async function signOutAction(): Promise<void> {
  const result = await signOut(null);
  // Only a failure gets here (success redirects): show the error page rather than pretend.
  throw new Error(result.ok ? "Sign-out did not redirect." : result.error.message);
}
