"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { adminAction, fail, ok } from "@/lib/next/action";
import {
  addDestination,
  DestinationInputError,
  removeDestination,
  retryDestinationNow,
  sendTestEvent,
  updateAuditSettings,
  updateDestination,
} from "@console/server/audit-forwarding";
import { auditSettingsSchema, destinationSchema } from "./shared/destination-schema";
import { AUDIT_FORWARDING_PATH } from "./shared/paths";

const withId = z.object({ id: z.uuid("Unknown destination.") });

function inputError(error: unknown) {
  if (error instanceof DestinationInputError) return fail("invalid_input", error.message, error.fieldErrors);
  throw error;
}

export const addDestinationAction = adminAction(
  { name: "addDestinationAction", input: destinationSchema, invalidMessage: "Check the highlighted fields." },
  async (values, { user, meta }) => {
    try {
      const d = await addDestination(values, user, meta);
      revalidatePath(AUDIT_FORWARDING_PATH);
      return ok({ id: d.id });
    } catch (error) {
      return inputError(error);
    }
  },
);

export const updateDestinationAction = adminAction(
  {
    name: "updateDestinationAction",
    input: z.intersection(withId, destinationSchema),
    invalidMessage: "Check the highlighted fields.",
  },
  async ({ id, ...values }, { user, meta }) => {
    try {
      const d = await updateDestination(id, values, user, meta);
      if (!d) return fail("not_found", "This destination was removed meanwhile.");
      retryDestinationNow(d.id);
      revalidatePath(AUDIT_FORWARDING_PATH);
      return ok({ id: d.id });
    } catch (error) {
      return inputError(error);
    }
  },
);

export const removeDestinationAction = adminAction(
  { name: "removeDestinationAction", input: withId },
  async ({ id }, { user, meta }) => {
    if (!(await removeDestination(id, user, meta))) return fail("not_found", "This destination was removed meanwhile.");
    revalidatePath(AUDIT_FORWARDING_PATH);
    return ok({ id });
  },
);

export const sendTestEventAction = adminAction({ name: "sendTestEventAction", input: withId }, async ({ id }, { user, meta }) => {
  const result = await sendTestEvent(id, user, meta);
  if (!result) return fail("not_found", "This destination was removed meanwhile.");
  revalidatePath(AUDIT_FORWARDING_PATH);
  return ok({ ok: result.ok, message: result.message });
});

export const updateAuditSettingsAction = adminAction(
  { name: "updateAuditSettingsAction", input: auditSettingsSchema, invalidMessage: "Check the highlighted fields." },
  async (values, { user, meta }) => {
    const { changed } = await updateAuditSettings(values, user, meta);
    revalidatePath(AUDIT_FORWARDING_PATH);
    return ok({ changed });
  },
);
