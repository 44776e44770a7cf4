"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { adminAction, fail, ok } from "@/lib/next/action";
import {
  addWebhook,
  checkNow,
  PlainPasswordError,
  removeWebhook,
  rotateWebhookSecret,
  sendTestEmail,
  sendTestWebhook,
  updateEmailSettings,
  updateWebhook,
  updateWhenSettings,
  WebhookInputError,
} from "@console/server/notifications";
import { NOTIFICATIONS_PATH } from "./shared/paths";
import { emailSettingsSchema, whenSettingsSchema } from "./shared/settings-schema";
import { webhookSchema } from "./shared/webhook-schema";

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

const withId = z.object({ id: z.uuid("Unknown webhook.") });
const GONE = "This webhook was removed meanwhile.";

function webhookInputError(error: unknown) {
  if (error instanceof WebhookInputError) return fail("invalid_input", error.message, error.fieldErrors);
  throw error;
}

export const addWebhookAction = adminAction(
  { name: "addWebhookAction", input: webhookSchema, invalidMessage: "Check the highlighted fields." },
  async (values, { user, meta }) => {
    try {
      const { id, secret } = await addWebhook(values, { actor: user, meta });
      revalidatePath(NOTIFICATIONS_PATH);
      return ok({ id, secret });
    } catch (error) {
      return webhookInputError(error);
    }
  },
);

export const updateWebhookAction = adminAction(
  { name: "updateWebhookAction", input: z.intersection(withId, webhookSchema), invalidMessage: "Check the highlighted fields." },
  async ({ id, ...values }, { user, meta }) => {
    try {
      if (!(await updateWebhook(id, values, { actor: user, meta }))) return fail("not_found", GONE);
      revalidatePath(NOTIFICATIONS_PATH);
      return ok({ id });
    } catch (error) {
      return webhookInputError(error);
    }
  },
);

export const removeWebhookAction = adminAction({ name: "removeWebhookAction", input: withId }, async ({ id }, { user, meta }) => {
  if (!(await removeWebhook(id, { actor: user, meta }))) return fail("not_found", GONE);
  revalidatePath(NOTIFICATIONS_PATH);
  return ok({ id });
});

export const rotateWebhookSecretAction = adminAction(
  { name: "rotateWebhookSecretAction", input: withId },
  async ({ id }, { user, meta }) => {
    const secret = await rotateWebhookSecret(id, { actor: user, meta });
    if (!secret) return fail("not_found", GONE);
    return ok({ secret });
  },
);

export const sendTestWebhookAction = adminAction(
  { name: "sendTestWebhookAction", input: withId },
  async ({ id }, { user, meta }) => {
    const outcome = await sendTestWebhook(id, user, meta);
    if (!outcome) return fail("not_found", GONE);
    revalidatePath(NOTIFICATIONS_PATH);
    return ok({ ok: outcome.ok, message: outcome.message });
  },
);
