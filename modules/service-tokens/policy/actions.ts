"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { policyValues, tokenPolicySchema, type TokenPolicy } from "@/lib/tokens";
import { adminAction, ok, userAction } from "@/lib/next/action";
import { countUnusedTokens, getTokenPolicy, updateTokenPolicy } from "@console/server/service-tokens";
import { SERVICE_TOKENS_PATH } from "@/modules/service-tokens/shared/paths";

export const updateTokenPolicyAction = adminAction(
  { name: "updateTokenPolicyAction", input: tokenPolicySchema, invalidMessage: "Check the highlighted fields." },
  async (values, { user, meta }) => {
    const { policy, changed } = await updateTokenPolicy(values, user, meta);
    revalidatePath("/settings/token-policy");
    revalidatePath(SERVICE_TOKENS_PATH);
    // What the inactive-token policy is about to revoke, so that the administrator hears it now.
    const unusedNow = policy.revokeUnusedDays === null ? 0 : await countUnusedTokens(policy.revokeUnusedDays, new Date());
    return ok({ changed, unusedNow, ...policyValues(policy) });
  },
);

/** The policy in force, for the Create and Rotate dialogs to offer only allowed choices (the server enforces it anyway). */
export const getTokenPolicyAction = userAction({ name: "getTokenPolicyAction", input: z.object({}) }, async () => {
  const policy = await getTokenPolicy();
  return ok<TokenPolicy>(policyValues(policy));
});
