"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { recordAuditEvent } from "@/lib/server/audit/record";
import { getCurrentSession, isSessionCookie } from "@/lib/server/auth/require-user";
import { getRequestMeta } from "@/lib/server/platform/request-meta";
import { revokeSession } from "@/lib/server/auth/sessions";

/**
 * Ends the session: revokes it on the server (a copied cookie stops working too), records the
 * sign-out, deletes the cookie and returns to the sign-in page.
 */
export async function signOutAction(): Promise<void> {
  const session = await getCurrentSession();
  if (session) {
    await revokeSession(session.sessionId);
    await recordAuditEvent({
      actorType: "user",
      actorId: session.user.id,
      actorName: session.user.username,
      action: "auth.sign_out",
      outcome: "success",
      meta: await getRequestMeta(),
    });
  }
  const jar = await cookies();
  for (const cookie of jar.getAll()) {
    if (isSessionCookie(cookie.name)) jar.delete(cookie.name);
  }
  redirect("/sign-in");
}
