// Why a token was revoked: the choices of Revoke's Reason, and the ones the console sets itself.
import { z } from "zod";
import { normalisedText } from "./text";

export const REVOKE_REASON_TEXT_MAX_LENGTH = 200;
export const REVOKE_REASONS = ["COMPROMISED", "NO_LONGER_NEEDED", "REPLACED", "OTHER"] as const;
export type RevokeReason = (typeof REVOKE_REASONS)[number];
/** Set by the console itself when a rotated token is presented for rotation again. */
export const REUSE_DETECTED = "REUSE_DETECTED" as const;
/** Set by the console itself when the inactive-token policy revokes a token nobody used for its span. */
export const UNUSED = "UNUSED" as const;
export type StoredRevokeReason = RevokeReason | typeof REUSE_DETECTED | typeof UNUSED;

export const REVOKE_REASON_LABELS: Record<StoredRevokeReason, string> = {
  COMPROMISED: "Compromised",
  NO_LONGER_NEEDED: "No longer needed",
  REPLACED: "Replaced",
  OTHER: "Other",
  REUSE_DETECTED: "Reuse detected",
  UNUSED: "Unused",
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
