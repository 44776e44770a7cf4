// The zod schemas of the lifecycle fields, shared by the dialogs, the server actions and the API, so
// all of them agree on the rules and the messages.
import { z } from "zod";
import { EXPIRY_PRESETS, type ExpiryPresetValue } from "./expiry";
import { createServiceTokenSchema, normalizeText } from "./schema";
import { formatCidr, parseCidr } from "./allowed-addresses";
import { POLICY_MAX_DAYS, type TokenPolicy } from "./policy";
import { MAX_OVERLAP_SECONDS } from "./rotation";

export const DESCRIPTION_MAX_LENGTH = 500;
export const REVOKE_REASON_TEXT_MAX_LENGTH = 200;
/** More ranges than this is a network plan, not a token's restriction. */
const MAX_ALLOWED_RANGES = 32;

/** The same rules as Issued To (normalizeText); empty means none (null). */
function normalisedText(field: string, max: number) {
  return z
    .string()
    .nullish()
    .transform((raw, ctx) => (raw ? normalizeText(field, raw, max, ctx) || null : null));
}

export const descriptionSchema = normalisedText("Description", DESCRIPTION_MAX_LENGTH);

/**
 * "Allowed addresses": CIDR ranges or single addresses, one per line (commas also separate). Output:
 * the canonical ranges, de-duplicated, one per line — the text stored — or null for "any address".
 */
export const allowedAddressesSchema = z
  .union([z.string(), z.array(z.string())])
  .nullish()
  .transform((input, ctx) => {
    const lines = (Array.isArray(input) ? input : (input ?? "").split(/[\n,]/)).map((l) => l.trim()).filter(Boolean);
    if (lines.length === 0) return null;
    if (lines.length > MAX_ALLOWED_RANGES) {
      ctx.addIssue({ code: "custom", message: `Enter at most ${MAX_ALLOWED_RANGES} ranges.` });
      return z.NEVER;
    }
    const ranges = new Set<string>();
    for (const line of lines) {
      const result = parseCidr(line);
      if (!result.ok) {
        ctx.addIssue({
          code: "custom",
          message: `${result.message} Enter one range per line, e.g. 192.0.2.0/24 or 2001:db8::/32.`,
        });
        return z.NEVER;
      }
      ranges.add(formatCidr(result.range));
    }
    return [...ranges].join("\n");
  });

/** The ranges of a stored allowedCidrs text, for views and the API. */
export function allowedCidrList(stored: string | null): string[] {
  return stored ? stored.split("\n").filter(Boolean) : [];
}

export const REVOKE_REASONS = ["COMPROMISED", "NO_LONGER_NEEDED", "REPLACED", "OTHER"] as const;
export type RevokeReason = (typeof REVOKE_REASONS)[number];
/** Set by the console itself when a rotated token is presented for rotation again. */
export const REUSE_DETECTED = "REUSE_DETECTED" as const;
export type StoredRevokeReason = RevokeReason | typeof REUSE_DETECTED;

export const REVOKE_REASON_LABELS: Record<StoredRevokeReason, string> = {
  COMPROMISED: "Compromised",
  NO_LONGER_NEEDED: "No longer needed",
  REPLACED: "Replaced",
  OTHER: "Other",
  REUSE_DETECTED: "Reuse detected",
};

export function revokeReasonLabel(reason: string | null): string | null {
  return reason && Object.hasOwn(REVOKE_REASON_LABELS, reason) ? REVOKE_REASON_LABELS[reason as StoredRevokeReason] : reason;
}

/** The reason part of a revoke: optional (older clients send none); "Other" needs its short text. */
export const revokeReasonSchema = z
  .object({
    reason: z.enum(REVOKE_REASONS, { error: "Choose a reason." }).nullish(),
    reasonText: normalisedText("The reason", REVOKE_REASON_TEXT_MAX_LENGTH),
  })
  .superRefine((values, ctx) => {
    if (values.reason === "OTHER" && !values.reasonText) {
      ctx.addIssue({ code: "custom", message: "Say briefly why, for Other.", path: ["reasonText"] });
    }
  })
  .transform((values) => ({
    reason: values.reason ?? null,
    // Only "Other" carries a text; a stale text from another choice is not stored.
    reasonText: values.reason === "OTHER" ? values.reasonText : null,
  }));

const PRESET_VALUES = EXPIRY_PRESETS.map((p) => p.value) as [ExpiryPresetValue, ...ExpiryPresetValue[]];

function maxDaysField(label: string) {
  return z.coerce
    .number({ error: `Enter the maximum lifetime of ${label} tokens in days.` })
    .int(`Enter a whole number of days for ${label} tokens.`)
    .min(1, `${label} tokens must be allowed at least 1 day.`)
    .max(POLICY_MAX_DAYS, `${label} tokens can live at most ${POLICY_MAX_DAYS} days (3 years).`);
}

export const tokenPolicySchema = z
  .object({
    connectorMaxDays: maxDaysField("Connector"),
    developerMaxDays: maxDaysField("Developer"),
    defaultExpiration: z.enum(PRESET_VALUES, { error: "Choose a default expiration." }),
  })
  .superRefine((policy, ctx) => {
    const days = EXPIRY_PRESETS.find((p) => p.value === policy.defaultExpiration)?.days ?? 0;
    if (days > Math.max(policy.connectorMaxDays, policy.developerMaxDays)) {
      ctx.addIssue({
        code: "custom",
        message: "The default expiration is longer than both maximum lifetimes allow.",
        path: ["defaultExpiration"],
      });
    }
  }) satisfies z.ZodType<TokenPolicy>;

/** Body of POST /api/v1/token/rotate. */
export const rotateRequestSchema = z
  .object({
    overlapSeconds: z
      .number({ error: `overlapSeconds must be a whole number from 0 to ${MAX_OVERLAP_SECONDS}.` })
      .int(`overlapSeconds must be a whole number from 0 to ${MAX_OVERLAP_SECONDS}.`)
      .min(0, `overlapSeconds must be a whole number from 0 to ${MAX_OVERLAP_SECONDS}.`)
      .max(MAX_OVERLAP_SECONDS, `overlapSeconds must be a whole number from 0 to ${MAX_OVERLAP_SECONDS}.`),
    expiresInDays: z
      .number({ error: `expiresInDays must be a whole number from 1 to ${POLICY_MAX_DAYS}.` })
      .int(`expiresInDays must be a whole number from 1 to ${POLICY_MAX_DAYS}.`)
      .min(1, `expiresInDays must be a whole number from 1 to ${POLICY_MAX_DAYS}.`)
      .max(POLICY_MAX_DAYS, `expiresInDays must be a whole number from 1 to ${POLICY_MAX_DAYS}.`)
      .optional(),
  })
  .strict();

/** Description and Allowed addresses, as the Create dialog and the edit form send them. */
export const tokenDetailsSchema = z
  .object({ description: descriptionSchema, allowedAddresses: allowedAddressesSchema })
  .transform((v) => ({ description: v.description, allowedCidrs: v.allowedAddresses }));

/** "Create New Service Token" with the lifecycle fields: every field's problem is reported at once. */
export const createServiceTokenWithDetailsSchema = z.intersection(createServiceTokenSchema, tokenDetailsSchema);
