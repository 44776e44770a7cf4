// The rules of the free text a person reads back (Issued To, Description, a revoke reason).
import { z } from "zod";

// zod tests whether eval (new Function) works when an object schema is built, to compile faster
// parsers; the console's pages forbid eval by their Content-Security-Policy, and the test would be
// reported as a violation. Set before any schema here is built; the plain parsers are fast enough.
z.config({ jitless: true });

// Characters that let one name pass for another: controls (C0, C1), bidi controls (which reorder what
// is shown), and invisible ones (zero-width spaces, byte-order marks, line and paragraph separators,
// other format characters). The zero-width joiner stays allowed: emoji sequences need it.
const CONTROL = /\p{Cc}/u;
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
const INVISIBLE = /[\p{Cf}\p{Zl}\p{Zp}\u115f\u1160\u3164\uffa0]/u;
const ZERO_WIDTH_JOINER = "\u200d";

const codePoint = (ch: string) => `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;

/** Why `field` refuses a character of `value`, naming it, or null. */
function forbiddenCharacter(field: string, value: string): string | null {
  for (const ch of value) {
    if (CONTROL.test(ch)) return `${field} cannot contain control characters (${codePoint(ch)}).`;
    if (BIDI.test(ch))
      return `${field} cannot contain bidirectional control characters (${codePoint(ch)}), which change how text is shown.`;
    if (ch !== ZERO_WIDTH_JOINER && INVISIBLE.test(ch)) return `${field} cannot contain invisible characters (${codePoint(ch)}).`;
  }
  return null;
}

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
