// The rules of the free text a person reads back (Issued To, Description, a revoke reason).
import { z } from "zod";
import { forbiddenCharacter } from "./characters";

// zod tests whether eval (new Function) works when an object schema is built, to compile faster
// parsers; the console's pages forbid eval by their Content-Security-Policy, and the test would be
// reported as a violation. Set before any schema here is built; the plain parsers are fast enough.
z.config({ jitless: true });

/**
 * The rules of every free-text field a person reads back (Issued To, Description): trimmed and
 * NFC-normalised, at most `max` characters as a person counts them (code points), no control, bidi or
 * invisible characters, and well-formed Unicode (no lone surrogate). Adds one issue per problem and
 * returns the normalised text ("" when blank: the caller decides whether blank is allowed).
 */
export function normalizeText(field: string, raw: string, max: number, ctx: z.RefinementCtx): string {
  if (!raw.isWellFormed()) {
    ctx.addIssue({ code: "custom", message: `${field} contains an incomplete character (a lone surrogate): retype it.` });
    return "";
  }
  const value = raw.trim().normalize("NFC");
  // eslint-disable-next-line @typescript-eslint/no-misused-spread -- counting code points is the intent: the limit is in characters, not UTF-16 units.
  if ([...value].length > max) ctx.addIssue({ code: "custom", message: `${field} must be ${max} characters or fewer.` });
  const forbidden = forbiddenCharacter(field, value);
  if (forbidden) ctx.addIssue({ code: "custom", message: forbidden });
  return value;
}

/** The same rules as Issued To (normalizeText); empty means none (null). */
export function normalisedText(field: string, max: number) {
  return z
    .string()
    .nullish()
    .transform((raw, ctx) => (raw ? normalizeText(field, raw, max, ctx) || null : null));
}
