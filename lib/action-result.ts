import type { z } from "zod";

/** What every server action returns: data, or an error the form can show next to the right field. */
export type ActionError = {
  code: "invalid_input" | "forbidden" | "not_found" | "rate_limited" | "unavailable" | "insufficient_storage" | "unexpected";
  message: string;
  fieldErrors?: Record<string, string>;
};

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };

/** The first message per top-level field, for a form; issues about the whole input go under "_form". */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? String(issue.path[0]) : "_form";
    errors[key] ??= issue.message;
  }
  return errors;
}
