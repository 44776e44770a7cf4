import "server-only";
import { redirect, unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import type { ActionError, ActionResult } from "@/lib/action-result";
import { fieldErrorsOf } from "@/lib/action-result";
import type { RequestMeta } from "../audit/record";
import type { DatabaseFault } from "../db/errors";
import { databaseFaultOf } from "@console/server/core";
import { getCurrentSession } from "./session";
import type { SessionUser } from "../auth/session-user";
import { getRequestMeta } from "./request-meta";

/** What an action's body gets besides its parsed input: who calls, in which session, from where. */
type ActionContext = { user: SessionUser; sessionId: string; meta: RequestMeta };

type ActionOptions<S extends z.ZodType> = {
  /** For the log line of an unexpected error. */
  name: string;
  input: S;
  /** The message for invalid input; by default the first problem's own message. */
  invalidMessage?: string;
};

type ActionBody<S extends z.ZodType, T> = (input: z.output<S>, context: ActionContext) => Promise<ActionResult<T>>;

export function ok<T>(data: T): { ok: true; data: T } {
  return { ok: true, data };
}

export function fail(
  code: ActionError["code"],
  message: string,
  fieldErrors?: Record<string, string>,
): { ok: false; error: ActionError } {
  return { ok: false, error: { code, message, ...(fieldErrors ? { fieldErrors } : {}) } };
}

/**
 * Every server action runs through here, in this order: the session check (signed-out callers go to
 * /sign-in; a viewer calling an administrator's action gets `forbidden`), the zod parse of the input
 * (`invalid_input` with a message per field, nothing run), the body, and a typed result. An unexpected
 * error is logged once, by name and code only (an error object can carry query arguments), and the
 * caller gets a generic message; a database or disk fault gets words for what to do about it.
 */
function defineAction<S extends z.ZodType, T>(
  access: "admin" | "user",
  options: ActionOptions<S>,
  body: ActionBody<S, T>,
): (input: unknown) => Promise<ActionResult<T>> {
  return async (input) => {
    const session = await getCurrentSession();
    if (!session) redirect("/sign-in");
    if (access === "admin" && session.user.role !== "ADMIN") return fail("forbidden", "Only administrators can do this.");

    const parsed = options.input.safeParse(input);
    if (!parsed.success) {
      const fieldErrors = fieldErrorsOf(parsed.error);
      const message = options.invalidMessage ?? parsed.error.issues[0]?.message ?? "Invalid input.";
      return fail("invalid_input", message, fieldErrors);
    }

    try {
      return await body(parsed.data, { user: session.user, sessionId: session.sessionId, meta: await getRequestMeta() });
    } catch (error) {
      unstable_rethrow(error); // redirect() and notFound() are Next's control flow, not failures
      const e = error as { name?: string; code?: string };
      console.error(`${options.name} failed: ${e.name ?? "Error"}${e.code ? ` (${e.code})` : ""}`);
      const fault = databaseFaultOf(error);
      return fault
        ? faultResult(fault)
        : fail("unexpected", "Something went wrong on the server. Nothing was changed; try again.");
    }
  };
}

function faultResult(fault: DatabaseFault): { ok: false; error: ActionError } {
  switch (fault) {
    case "disk_full":
      return fail(
        "insufficient_storage",
        "The console's disk is full, so nothing was saved. Free space on the appliance, then try again.",
      );
    case "locked":
      return fail(
        "unavailable",
        "The database is locked by another program (e.g. a backup), so nothing was saved. Try again shortly.",
      );
    case "unavailable":
      return fail("unavailable", "The console cannot reach its database, so nothing was saved. Try again shortly.");
  }
}

/** An action only administrators may run. */
export function adminAction<S extends z.ZodType, T>(options: ActionOptions<S>, body: ActionBody<S, T>) {
  return defineAction("admin", options, body);
}

/** An action every signed-in user may run. */
export function userAction<S extends z.ZodType, T>(options: ActionOptions<S>, body: ActionBody<S, T>) {
  return defineAction("user", options, body);
}
