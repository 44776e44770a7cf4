"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { publicIdSchema, tokenDetailsSchema } from "@/lib/tokens";
import { adminAction, fail, ok } from "@/lib/next/action";
import { updateServiceTokenDetails } from "@console/server/service-tokens";
import { SERVICE_TOKENS_PATH } from "@/modules/service-tokens/shared/paths";

const detailsSchema = z.intersection(z.object({ publicId: publicIdSchema }), tokenDetailsSchema);

export const updateServiceTokenDetailsAction = adminAction(
  { name: "updateServiceTokenDetailsAction", input: detailsSchema, invalidMessage: "Check the highlighted fields." },
  async ({ publicId, description, allowedCidrs, notifyEmails }, { user, meta }) => {
    const result = await updateServiceTokenDetails(publicId, { description, allowedCidrs, notifyEmails }, user, meta);
    if (!result.ok) {
      return result.code === "not_found"
        ? fail("not_found", "That service token does not exist.")
        : fail("invalid_input", "A revoked token cannot be edited.");
    }
    revalidatePath(SERVICE_TOKENS_PATH, "layout"); // the list (its search reads the description) and the token page
    return ok({
      publicId,
      changed: result.changed,
      description: result.serviceToken.description,
      allowedCidrs: result.serviceToken.allowedCidrs,
    });
  },
);
