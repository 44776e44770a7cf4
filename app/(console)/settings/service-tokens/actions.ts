"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { adminAction, fail, ok } from "@/lib/server/action";
import { createServiceToken, revokeServiceToken } from "@/lib/server/service-tokens/store";
import { createServiceTokenSchema, isPublicId, type TokenType } from "@/lib/tokens";

const PAGE = "/settings/service-tokens";

export type CreatedServiceToken = {
  /** The plaintext, returned this once and never stored. */
  token: string;
  publicId: string;
  type: TokenType;
  issuedTo: string;
  expiresAt: string;
};

export const createServiceTokenAction = adminAction(
  { name: "createServiceTokenAction", input: createServiceTokenSchema, invalidMessage: "Check the highlighted fields." },
  async (values, { user, meta }) => {
    const { token, serviceToken } = await createServiceToken(values, user, meta);
    revalidatePath(PAGE);
    return ok<CreatedServiceToken>({
      token,
      publicId: serviceToken.publicId,
      type: serviceToken.type,
      issuedTo: serviceToken.issuedTo,
      expiresAt: serviceToken.expiresAt.toISOString(),
    });
  },
);

const revokeSchema = z.object({
  publicId: z.string().refine(isPublicId, "That is not a service token ID."),
});

export const revokeServiceTokenAction = adminAction(
  { name: "revokeServiceTokenAction", input: revokeSchema },
  async ({ publicId }, { user, meta }) => {
    const result = await revokeServiceToken(publicId, user, meta);
    if (!result.ok) return fail("not_found", "That service token does not exist.");
    revalidatePath(PAGE);
    return ok({ publicId: result.serviceToken.publicId, alreadyRevoked: result.alreadyRevoked });
  },
);
