"use server";

import { revalidatePath } from "next/cache";
import { createServiceTokenWithDetailsSchema, type TokenType } from "@/lib/tokens";
import { adminAction, fail, ok } from "@/lib/next/action";
import { createServiceToken, TokenPolicyError } from "@console/server/service-tokens";
import { SERVICE_TOKENS_PATH } from "@/modules/service-tokens/shared/paths";

export type CreatedServiceToken = {
  /** The plaintext, returned this once and never stored. */
  token: string;
  publicId: string;
  type: TokenType;
  issuedTo: string;
  expiresAt: string;
};

export const createServiceTokenAction = adminAction(
  {
    name: "createServiceTokenAction",
    input: createServiceTokenWithDetailsSchema,
    invalidMessage: "Check the highlighted fields.",
  },
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
    revalidatePath(SERVICE_TOKENS_PATH, "layout"); // the list and the token pages under it
    return ok<CreatedServiceToken>({
      token,
      publicId: serviceToken.publicId,
      type: serviceToken.type,
      issuedTo: serviceToken.issuedTo,
      expiresAt: serviceToken.expiresAt.toISOString(),
    });
  },
);
