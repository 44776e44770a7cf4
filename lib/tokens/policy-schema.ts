// The Token Policy form's rules (Settings > Token Policy).
import { z } from "zod";
import { EXPIRY_PRESETS, type ExpiryPresetValue } from "./expiry";
import { POLICY_MAX_DAYS, REVOKE_UNUSED_MAX_DAYS, REVOKE_UNUSED_MIN_DAYS, type TokenPolicy } from "./policy";

const PRESET_VALUES = EXPIRY_PRESETS.map((p) => p.value) as [ExpiryPresetValue, ...ExpiryPresetValue[]];

/** A number as a person types it in the form: digits, optionally with a decimal part (refused as not whole). */
const PLAIN_DECIMAL = /^\d+(?:\.\d+)?$/;

/**
 * A number, or the form's text of one. Not z.coerce: Number() would also turn true, [30], "1e3",
 * "0x1E" and "" into numbers, so a malformed request would be saved as a limit nobody typed.
 */
function maxDaysField(label: string) {
  return z.preprocess(
    (value) => (typeof value === "string" && PLAIN_DECIMAL.test(value.trim()) ? Number(value.trim()) : value),
    z
      .number({ error: `Enter the maximum lifetime of ${label} tokens in days.` })
      .int(`Enter a whole number of days for ${label} tokens.`)
      .min(1, `${label} tokens must be allowed at least 1 day.`)
      .max(POLICY_MAX_DAYS, `${label} tokens can live at most ${POLICY_MAX_DAYS} days (3 years).`),
  );
}

/** "Revoke tokens unused for (days)": empty (or left out) is never; otherwise a whole number in range. */
const revokeUnusedDaysField = z.preprocess(
  (value) =>
    value === undefined || value === null || (typeof value === "string" && value.trim() === "")
      ? null
      : typeof value === "string" && PLAIN_DECIMAL.test(value.trim())
        ? Number(value.trim())
        : value,
  z
    .number({ error: "Enter a number of days, or leave it empty to never revoke unused tokens." })
    .int("Enter a whole number of days.")
    .min(REVOKE_UNUSED_MIN_DAYS, `Unused tokens can be revoked after ${REVOKE_UNUSED_MIN_DAYS} days at the earliest.`)
    .max(REVOKE_UNUSED_MAX_DAYS, `Enter at most ${REVOKE_UNUSED_MAX_DAYS} days (2 years), or leave it empty for never.`)
    .nullable(),
);

export const tokenPolicySchema = z
  .object({
    connectorMaxDays: maxDaysField("Connector"),
    developerMaxDays: maxDaysField("Developer"),
    defaultExpiration: z.enum(PRESET_VALUES, { error: "Choose a default expiration." }),
    revokeUnusedDays: revokeUnusedDaysField,
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
