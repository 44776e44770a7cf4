/** What every server action returns: data, or an error the form can show next to the right field. */
export type ActionError = {
  code: "invalid_input" | "forbidden" | "not_found" | "rate_limited" | "unexpected";
  message: string;
  fieldErrors?: Record<string, string>;
};

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };
