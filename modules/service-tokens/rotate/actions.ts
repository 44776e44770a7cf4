"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import {
  customDateProblem,
  CUSTOM_EXPIRY,
  EXPIRATION_VALUES,
  expiresAtFromPreset,
  notifySchema,
  overlapSecondsOf,
  presetDays,
  publicIdSchema,
  ROTATION_OVERLAP_VALUES,
} from "@/lib/tokens";
import { adminAction, fail, ok } from "@/lib/next/action";
import { getServiceToken, rotateServiceToken } from "@console/server/service-tokens";
import type { CreatedServiceToken } from "../create/actions";
import { SERVICE_TOKENS_PATH } from "@/modules/service-tokens/shared/paths";

const rotateSchema = z
  .object({
    publicId: publicIdSchema,
    overlap: z.enum(ROTATION_OVERLAP_VALUES, { error: "Choose how long the current token keeps working." }),
    expiration: z.enum(EXPIRATION_VALUES, { error: "Choose an expiration." }),
    customExpiresAt: z.string().nullish(),
    notify: notifySchema.optional(),
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
      { publicId: values.publicId, overlapSeconds: overlapSecondsOf(values.overlap), expiresAt, notifyEmails: values.notify },
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
        case "idempotency_mismatch": // only API rotations carry a key
          return fail("invalid_input", "This token was already rotated. Rotate its replacement instead.");
      }
    }
    revalidatePath(SERVICE_TOKENS_PATH, "layout"); // the list and both tokens' pages under it
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

/** What the Rotate dialog starts with that the row does not carry: the token's Notify addresses. */
export const getRotateDefaultsAction = adminAction(
  { name: "getRotateDefaultsAction", input: z.object({ publicId: publicIdSchema }), invalidMessage: "Unknown token." },
  async ({ publicId }) => {
    const token = await getServiceToken(publicId);
    if (!token) return fail("not_found", "That service token does not exist.");
    return ok({ notify: token.notifyEmails ?? "" });
  },
);
