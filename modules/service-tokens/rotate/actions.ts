"use server";

// Token lifecycle actions: rotate, bulk revoke, edit description and allowed addresses. (Revoke with a
// reason is revokeServiceTokenAction in actions.ts; create with details is createServiceTokenAction.)
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { adminAction, fail, ok, userAction } from "@/lib/next/action";
import { getTokenPolicy } from "@/modules/service-tokens/policy/policy";
import { BULK_REVOKE_MAX, bulkRevokeServiceTokens } from "@/modules/service-tokens/revoke/bulk-revoke";
import { updateServiceTokenDetails } from "@/modules/service-tokens/detail/update-details";
import { rotateServiceToken } from "@/modules/service-tokens/rotate/rotate";
import { customDateProblem, CUSTOM_EXPIRY, EXPIRATION_VALUES, expiresAtFromPreset, isPublicId, presetDays } from "@/lib/tokens";
import {
  overlapSecondsOf,
  revokeReasonSchema,
  ROTATION_OVERLAP_VALUES,
  tokenDetailsSchema,
  type TokenPolicy,
} from "@/lib/tokens";
import type { CreatedServiceToken } from "../create/actions";

const PAGE = "/settings/service-tokens";
const publicIdField = z.string().refine(isPublicId, "That is not a service token ID.");

const rotateSchema = z
  .object({
    publicId: publicIdField,
    overlap: z.enum(ROTATION_OVERLAP_VALUES, { error: "Choose how long the current token keeps working." }),
    expiration: z.enum(EXPIRATION_VALUES, { error: "Choose an expiration." }),
    customExpiresAt: z.string().nullish(),
  })
  .superRefine((values, ctx) => {
    if (values.expiration !== CUSTOM_EXPIRY) return;
    const problem = customDateProblem(values.customExpiresAt, new Date());
    if (problem) ctx.addIssue({ code: "custom", message: problem, path: ["customExpiresAt"] });
  });

export type RotatedServiceToken = CreatedServiceToken & { replaced: { publicId: string; expiresAt: string } };

export const rotateServiceTokenAction = adminAction(
  { name: "rotateServiceTokenAction", input: rotateSchema, invalidMessage: "Check the highlighted fields." },
  async (values, { user, meta }) => {
    const now = new Date();
    const expiresAt =
      values.expiration === CUSTOM_EXPIRY
        ? new Date(values.customExpiresAt ?? "")
        : expiresAtFromPreset(presetDays(values.expiration) ?? 0, now);
    const result = await rotateServiceToken(
      { publicId: values.publicId, overlapSeconds: overlapSecondsOf(values.overlap), expiresAt },
      { kind: "user", user },
      meta,
      now,
    );
    if (!result.ok) {
      switch (result.code) {
        case "not_found":
          return fail("not_found", "That service token does not exist.");
        case "policy":
          return fail("invalid_input", result.message, { expiration: result.message });
        case "not_active":
          return fail("invalid_input", result.message);
        case "already_rotated":
        case "reuse_detected":
          return fail("invalid_input", "This token was already rotated. Rotate its replacement instead.");
      }
    }
    revalidatePath(PAGE, "layout"); // the list and both tokens' pages under it
    return ok<RotatedServiceToken>({
      token: result.token,
      publicId: result.serviceToken.publicId,
      type: result.serviceToken.type,
      issuedTo: result.serviceToken.issuedTo,
      expiresAt: result.serviceToken.expiresAt.toISOString(),
      replaced: { publicId: result.replaced.publicId, expiresAt: result.replaced.expiresAt.toISOString() },
    });
  },
);

const bulkRevokeSchema = z.intersection(
  z.object({
    publicIds: z
      .array(publicIdField, { error: "Select the tokens to revoke." })
      .min(1, "Select the tokens to revoke.")
      .max(BULK_REVOKE_MAX, `Revoke at most ${BULK_REVOKE_MAX} tokens at once.`),
  }),
  revokeReasonSchema,
);

export const bulkRevokeServiceTokensAction = adminAction(
  { name: "bulkRevokeServiceTokensAction", input: bulkRevokeSchema },
  async ({ publicIds, reason, reasonText }, { user, meta }) => {
    const result = await bulkRevokeServiceTokens(publicIds, { reason, reasonText }, user, meta);
    if (!result.ok) {
      if (result.code === "too_many") return fail("invalid_input", `Revoke at most ${BULK_REVOKE_MAX} tokens at once.`);
      return fail(
        "not_found",
        `Nothing was revoked: ${result.missing.slice(0, 3).join(", ")}${result.missing.length > 3 ? ` and ${result.missing.length - 3} more` : ""} no longer exist${result.missing.length === 1 ? "s" : ""}. Reload the list.`,
      );
    }
    revalidatePath(PAGE, "layout"); // the list and the token pages under it
    return ok({ revoked: result.revoked, alreadyRevoked: result.alreadyRevoked });
  },
);

const detailsSchema = z.intersection(z.object({ publicId: publicIdField }), tokenDetailsSchema);

export const updateServiceTokenDetailsAction = adminAction(
  { name: "updateServiceTokenDetailsAction", input: detailsSchema, invalidMessage: "Check the highlighted fields." },
  async ({ publicId, description, allowedCidrs }, { user, meta }) => {
    const result = await updateServiceTokenDetails(publicId, { description, allowedCidrs }, user, meta);
    if (!result.ok) {
      return result.code === "not_found"
        ? fail("not_found", "That service token does not exist.")
        : fail("invalid_input", "A revoked token cannot be edited.");
    }
    revalidatePath(PAGE, "layout"); // the list (its search reads the description) and the token page
    return ok({
      publicId,
      changed: result.changed,
      description: result.serviceToken.description,
      allowedCidrs: result.serviceToken.allowedCidrs,
    });
  },
);

/** The policy in force, for the Create and Rotate dialogs to offer only allowed choices (the server enforces it anyway). */
export const getTokenPolicyAction = userAction({ name: "getTokenPolicyAction", input: z.object({}) }, async () => {
  const policy = await getTokenPolicy();
  return ok<TokenPolicy>({
    connectorMaxDays: policy.connectorMaxDays,
    developerMaxDays: policy.developerMaxDays,
    defaultExpiration: policy.defaultExpiration,
  });
});
