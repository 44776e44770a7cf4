import { z } from "zod";
import {
  CUSTOM_EXPIRY,
  EXPIRATION_VALUES,
  expiresAtFromPreset,
  isExpired,
  latestCustomExpiresAt,
  presetDays,
} from "./expiry";
import { TOKEN_TYPES } from "./format";

// The one schema for "Create New Service Token": the dialog validates with it for instant feedback,
// and the server action re-parses with it, so both always agree on the rules and the messages.

/** Same unit as the input's HTML maxlength (UTF-16 code units), so the form never lets through what we reject. */
export const ISSUED_TO_MAX_LENGTH = 100;

// C0 and C1 controls, plus bidi controls, which can make a name display as something it is not.
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

const isoInstant = z.iso.datetime({ offset: true });

const MESSAGES = {
  type: "Choose a token type.",
  issuedToEmpty: "Enter who this token is issued to.",
  issuedToLong: `Issued To must be ${ISSUED_TO_MAX_LENGTH} characters or fewer.`,
  issuedToControl: "Issued To cannot contain control characters.",
  expiration: "Choose an expiration.",
  dateMissing: "Pick an expiration date.",
  datePast: "The expiration date must be in the future.",
  dateTooFar: "The expiration date can be at most 3 years ahead.",
} as const;

export const createServiceTokenSchema = z
  .object({
    type: z.enum(TOKEN_TYPES, { error: MESSAGES.type }),
    issuedTo: z
      .string({ error: MESSAGES.issuedToEmpty })
      .trim()
      .min(1, MESSAGES.issuedToEmpty)
      .max(ISSUED_TO_MAX_LENGTH, MESSAGES.issuedToLong)
      .refine((s) => !CONTROL_CHARACTERS.test(s), MESSAGES.issuedToControl),
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
