// Password sign-in as next-auth's credentials provider calls it, and the end of a session that next-auth's
// own sign-out route ends: the server side of modules/auth/sign-in/route.ts.
import "server-only";
import { errorLine } from "@/lib/log/error-line";
import type { RequestMeta } from "@/lib/audit/record";
import { recordAuditEvent } from "@/lib/audit/record";
import { createSession, findSessionUser, revokeSession } from "@/lib/auth/sessions";
import { databaseState } from "@/lib/db/availability";
import { isDatabaseUnavailable } from "@/lib/db/errors";
import { attemptSignIn } from "./sign-in";

export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

export type PasswordSignIn =
  | { ok: true; userId: string; displayName: string; sessionId: string }
  | { ok: false; code: "invalid" }
  | { ok: false; code: "throttled"; retryAfterSeconds: number }
  | { ok: false; code: "directory_unreachable" }
  | { ok: false; code: "unavailable" | "failed" };

/** Checks the password (throttled and audited by attemptSignIn) and opens a server-side session. */
export async function signInWithPassword(
  credentials: { username: string; password: string },
  meta: RequestMeta,
): Promise<PasswordSignIn> {
  if (!databaseState().ok) return { ok: false, code: "unavailable" };
  try {
    const result = await attemptSignIn(credentials, meta);
    if (!result.ok) {
      if (result.code === "throttled") return { ok: false, code: "throttled", retryAfterSeconds: result.retryAfterSeconds };
      return result.code === "directory_unreachable" ? result : { ok: false, code: "invalid" };
    }
    const sessionId = await createSession(result.user.id, new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000), meta);
    return { ok: true, userId: result.user.id, displayName: result.user.displayName, sessionId };
  } catch (error) {
    console.error(`[auth] sign-in failed: ${errorLine(error)}`);
    return { ok: false, code: isDatabaseUnavailable(error) ? "unavailable" : "failed" };
  }
}

/**
 * next-auth's own POST /api/auth/signout only clears the cookie: this revokes the server-side session too,
 * as the console's Sign out does, so a copied cookie stops working whichever path was used.
 */
export async function endSessionById(sessionId: string): Promise<void> {
  const user = await findSessionUser(sessionId);
  await revokeSession(sessionId);
  if (user) {
    await recordAuditEvent({
      actorType: "user",
      actorId: user.id,
      actorName: user.username,
      action: "auth.sign_out",
      outcome: "success",
    });
  }
}
