"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { adminAction, fail, ok } from "@/lib/next/action";
import {
  checkNow,
  PlainPasswordError,
  sendTestEmail,
  updateEmailSettings,
  updateWhenSettings,
} from "@console/server/notifications";
import { NOTIFICATIONS_PATH } from "./shared/paths";
import { emailSettingsSchema, whenSettingsSchema } from "./shared/settings-schema";

export const saveEmailSettingsAction = adminAction(
  { name: "saveEmailSettingsAction", input: emailSettingsSchema, invalidMessage: "Check the highlighted fields." },
  async (values, { user, meta }) => {
    try {
      const { changed } = await updateEmailSettings(values, user, meta);
      revalidatePath(NOTIFICATIONS_PATH);
      return ok({ changed });
    } catch (error) {
      if (error instanceof PlainPasswordError)
        return fail("invalid_input", error.message, { security: error.message, confirm: "yes" });
      throw error;
    }
  },
);

export const saveWhenSettingsAction = adminAction(
  { name: "saveWhenSettingsAction", input: whenSettingsSchema, invalidMessage: "Check the highlighted fields." },
  async (values, { user, meta }) => {
    const { changed } = await updateWhenSettings(values, user, meta);
    revalidatePath(NOTIFICATIONS_PATH);
    return ok({ changed });
  },
);

export const sendTestEmailAction = adminAction(
  { name: "sendTestEmailAction", input: z.object({}) },
  async (_input, { user, meta }) => {
    const result = await sendTestEmail(user, meta);
    return ok(result);
  },
);

export const checkNowAction = adminAction({ name: "checkNowAction", input: z.object({}) }, async (_input, { user, meta }) => {
  const result = await checkNow(user, meta);
  revalidatePath(NOTIFICATIONS_PATH);
  return ok(result);
});
