"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { adminAction, fail, ok } from "@/lib/server/action";
import { createServiceToken, revokeServiceToken } from "@/lib/server/service-tokens/store";
import { isPublicId, type TokenType } from "@/lib/tokens";
import { createServiceTokenWithDetailsSchema, revokeReasonSchema } from "@/lib/tokens/lifecycle";
import { TokenPolicyError } from "@/lib/server/service-tokens/policy";

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
  { name: "createServiceTokenAction", input: createServiceTokenWithDetailsSchema, invalidMessage: "Check the highlighted fields." },
  async (values, { user, meta }) => {
    let created;
    try {
      created = await createServiceToken(values, user, meta);
    } catch (error) {
      // The token policy limits the expiration: shown at the expiration field.
      if (error instanceof TokenPolicyError) return fail("invalid_input", error.message, { expiration: error.message });
      throw error;
    }
    const { token, serviceToken } = created;
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

// The reason is optional: the confirmation offers it, older clients send none.
const revokeSchema = z.intersection(
  z.object({ publicId: z.string().refine(isPublicId, "That is not a service token ID.") }),
  revokeReasonSchema,
);

export const revokeServiceTokenAction = adminAction(
  { name: "revokeServiceTokenAction", input: revokeSchema },
  async ({ publicId, reason, reasonText }, { user, meta }) => {
    const result = await revokeServiceToken(publicId, user, meta, { reason, reasonText });
    if (!result.ok) return fail("not_found", "That service token does not exist.");
    revalidatePath(PAGE);
    return ok({ publicId: result.serviceToken.publicId, alreadyRevoked: result.alreadyRevoked });
  },
);
