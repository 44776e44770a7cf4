"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { recordAuditEvent } from "@/lib/server/audit";
import { getCurrentUser } from "@/lib/server/auth";
import { getRequestMeta } from "@/lib/server/request-meta";

const SESSION_COOKIES = /^(__Secure-)?next-auth\.session-token(\.\d+)?$/;

/** Ends the session: records the sign-out, deletes the session cookie, returns to the sign-in page. */
export async function signOutAction(): Promise<void> {
  const user = await getCurrentUser();
  const jar = await cookies();
  if (user) {
    await recordAuditEvent({
      actorType: "user",
      actorId: user.id,
      actorName: user.username,
      action: "auth.sign_out",
      outcome: "success",
      meta: await getRequestMeta(),
    });
  }
  for (const cookie of jar.getAll()) {
    if (SESSION_COOKIES.test(cookie.name)) jar.delete(cookie.name);
  }
  redirect("/sign-in");
}
