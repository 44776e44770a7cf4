"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { publicIdSchema, revokeReasonSchema } from "@/lib/tokens";
import { adminAction, fail, ok } from "@/lib/next/action";
import { BULK_REVOKE_MAX, bulkRevokeServiceTokens, revokeServiceToken } from "@console/server/service-tokens";
import { SERVICE_TOKENS_PATH } from "@/modules/service-tokens/shared/paths";

// The reason is optional: the confirmation offers it, older clients send none.
const revokeSchema = z.intersection(z.object({ publicId: publicIdSchema }), revokeReasonSchema);

export const revokeServiceTokenAction = adminAction(
  { name: "revokeServiceTokenAction", input: revokeSchema },
  async ({ publicId, reason, reasonText }, { user, meta }) => {
    const result = await revokeServiceToken(publicId, user, meta, { reason, reasonText });
    if (!result.ok) return fail("not_found", "That service token does not exist.");
    revalidatePath(SERVICE_TOKENS_PATH, "layout"); // the list and the token pages under it
    return ok({ publicId: result.serviceToken.publicId, alreadyRevoked: result.alreadyRevoked });
  },
);

const bulkRevokeSchema = z.intersection(
  z.object({
    publicIds: z
      .array(publicIdSchema, { error: "Select the tokens to revoke." })
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
    revalidatePath(SERVICE_TOKENS_PATH, "layout"); // the list and the token pages under it
    return ok({ revoked: result.revoked, alreadyRevoked: result.alreadyRevoked });
  },
);
