"use server";

import { revalidatePath } from "next/cache";
import { adminAction, ok } from "@/lib/next/action";
import { updateTokenPolicy } from "@/modules/service-tokens/policy/policy";
import { tokenPolicySchema } from "@/lib/tokens";

export const updateTokenPolicyAction = adminAction(
  { name: "updateTokenPolicyAction", input: tokenPolicySchema, invalidMessage: "Check the highlighted fields." },
  async (values, { user, meta }) => {
    const { policy, changed } = await updateTokenPolicy(values, user, meta);
    revalidatePath("/settings/token-policy");
    revalidatePath("/settings/service-tokens");
    return ok({
      changed,
      connectorMaxDays: policy.connectorMaxDays,
      developerMaxDays: policy.developerMaxDays,
      defaultExpiration: policy.defaultExpiration,
    });
  },
);
