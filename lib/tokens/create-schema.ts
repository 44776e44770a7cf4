import { z } from "zod";
import { CUSTOM_EXPIRY, EXPIRATION_VALUES, expiresAtFromPreset, isExpired, MAX_CUSTOM_EXPIRY_DAYS, presetDays } from "./expiry";
import { latestExpiresAt } from "./policy";
import { TOKEN_TYPES, isPublicId } from "./format";
import { normalizeText } from "./text";
import { tokenDetailsSchema } from "./details";

// The one schema for "Create New Service Token": the dialog validates with it for instant feedback,
// and the server action re-parses with it, so both always agree on the rules and the messages.

/** Counted in characters as a person sees them (code points, after NFC), not UTF-16 units. */
export const ISSUED_TO_MAX_LENGTH = 100;

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
  if (expiresAt.getTime() > latestExpiresAt(now, MAX_CUSTOM_EXPIRY_DAYS).getTime()) return MESSAGES.dateTooFar;
  return null;
}

/** "Create New Service Token" with Description and Allowed addresses: every field's problem is reported at once. */
export const createServiceTokenWithDetailsSchema = z.intersection(createServiceTokenSchema, tokenDetailsSchema);

/** A token's public ID in a form or an action's input. */
export const publicIdSchema = z.string().refine(isPublicId, "That is not a service token ID.");
