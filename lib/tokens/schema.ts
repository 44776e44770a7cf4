import { z } from "zod";
import { CUSTOM_EXPIRY, EXPIRATION_VALUES, expiresAtFromPreset, isExpired, latestCustomExpiresAt, presetDays } from "./expiry";
import { TOKEN_TYPES } from "./format";

// zod tests whether eval (new Function) works when an object schema is built, to compile faster
// parsers; the console's pages forbid eval by their Content-Security-Policy, and the test would be
// reported as a violation. Set before any schema here is built; the plain parsers are fast enough.
z.config({ jitless: true });

// The one schema for "Create New Service Token": the dialog validates with it for instant feedback,
// and the server action re-parses with it, so both always agree on the rules and the messages.

/** Counted in characters as a person sees them (code points, after NFC), not UTF-16 units. */
export const ISSUED_TO_MAX_LENGTH = 100;

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

const issuedToSchema = z.string({ error: "Enter who this token is issued to." }).transform((raw, ctx) => {
  const value = normalizeText("Issued To", raw, ISSUED_TO_MAX_LENGTH, ctx);
  if (value === "" && raw.isWellFormed()) {
    ctx.addIssue({ code: "custom", message: "Enter who this token is issued to." });
    return z.NEVER;
  }
  return value;
});

const isoInstant = z.iso.datetime({ offset: true });

const MESSAGES = {
  type: "Choose a token type.",
  expiration: "Choose an expiration.",
  dateMissing: "Pick an expiration date.",
  datePast: "The expiration date must be in the future.",
  dateTooFar: "The expiration date can be at most 3 years ahead.",
} as const;

export const createServiceTokenSchema = z
  .object({
    type: z.enum(TOKEN_TYPES, { error: MESSAGES.type }),
    issuedTo: issuedToSchema,
    expiration: z.enum(EXPIRATION_VALUES, { error: MESSAGES.expiration }),
    // The browser sends the end of the picked day in the user's time zone, as toISOString().
    // Nullish because FormData.get returns null for a missing field.
    customExpiresAt: z.string({ error: MESSAGES.dateMissing }).nullish(),
  })
  .superRefine(
    (values, ctx) => {
      if (values.expiration !== CUSTOM_EXPIRY) return;
      const issue = customDateProblem(values.customExpiresAt, new Date(Date.now()));
      if (issue) ctx.addIssue({ code: "custom", message: issue, path: ["customExpiresAt"] });
    },
    // Check the date even when other fields failed, so the form shows every problem at once.
    { when: (payload) => !payload.issues.some((i) => !i.path?.length || isDateField(i.path[0])) },
  )
  .transform((values) => ({
    type: values.type,
    issuedTo: values.issuedTo,
    expiresAt:
      values.expiration === CUSTOM_EXPIRY
        ? new Date(values.customExpiresAt ?? "")
        : expiresAtFromPreset(presetDays(values.expiration) ?? 0, new Date(Date.now())),
  }));

export type CreateServiceTokenInput = z.input<typeof createServiceTokenSchema>;
export type CreateServiceTokenValues = z.output<typeof createServiceTokenSchema>;

function isDateField(key: PropertyKey | undefined): boolean {
  return key === "expiration" || key === "customExpiresAt";
}

export function customDateProblem(value: string | null | undefined, now: Date): string | null {
  if (!value || !isoInstant.safeParse(value).success) return MESSAGES.dateMissing;
  const expiresAt = new Date(value);
  if (Number.isNaN(expiresAt.getTime())) return MESSAGES.dateMissing;
  if (isExpired(expiresAt, now)) return MESSAGES.datePast;
  if (expiresAt.getTime() > latestCustomExpiresAt(now).getTime()) return MESSAGES.dateTooFar;
  return null;
}

/** The first message per top-level field, for a form; issues about the whole input go under "_form". */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? String(issue.path[0]) : "_form";
    errors[key] ??= issue.message;
  }
  return errors;
}
