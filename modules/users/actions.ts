"use server";

import { revalidatePath } from "next/cache";
import { adminAction, fail, ok, userAction } from "@/lib/next/action";
import {
  addLocalUser,
  changeOwnPassword,
  changeUserRole,
  resetUserPassword,
  setUserDisabled,
  signOutUserEverywhere,
  UserInputError,
} from "@console/server/users";
import { USERS_PATH } from "./shared/paths";
import { addUserSchema, changePasswordSchema, changeRoleSchema, userIdSchema } from "./shared/user-schema";

/** A refused change (the last administrator, a vanished user) in the operator's words; nothing changed. */
async function refusedAsInput<T>(run: () => Promise<T>, field?: string) {
  try {
    return ok(await run());
  } catch (error) {
    if (error instanceof UserInputError)
      return fail("invalid_input", error.message, field ? { [field]: error.message } : undefined);
    throw error;
  }
}

export const addUserAction = adminAction(
  { name: "addUserAction", input: addUserSchema, invalidMessage: "Check the highlighted fields." },
  async (values, { user, meta }) => {
    const result = await refusedAsInput(async () => {
      const { user: created, password } = await addLocalUser(values, user, meta);
      return { username: created.username, password };
    }, "username");
    revalidatePath(USERS_PATH);
    return result;
  },
);

export const changeRoleAction = adminAction(
  { name: "changeRoleAction", input: changeRoleSchema },
  async ({ id, role }, { user, meta }) => {
    const result = await refusedAsInput(() => changeUserRole(id, role, user, meta).then(() => ({ role })));
    revalidatePath(USERS_PATH);
    return result;
  },
);

export const resetPasswordAction = adminAction(
  { name: "resetPasswordAction", input: userIdSchema },
  async ({ id }, { user, meta }) => {
    const result = await refusedAsInput(() => resetUserPassword(id, user, meta));
    revalidatePath(USERS_PATH);
    return result;
  },
);

export const disableUserAction = adminAction(
  { name: "disableUserAction", input: userIdSchema },
  async ({ id }, { user, meta }) => {
    const result = await refusedAsInput(() => setUserDisabled(id, true, user, meta).then(() => ({ disabled: true })));
    revalidatePath(USERS_PATH);
    return result;
  },
);

export const enableUserAction = adminAction({ name: "enableUserAction", input: userIdSchema }, async ({ id }, { user, meta }) => {
  const result = await refusedAsInput(() => setUserDisabled(id, false, user, meta).then(() => ({ disabled: false })));
  revalidatePath(USERS_PATH);
  return result;
});

export const signOutEverywhereAction = adminAction(
  { name: "signOutEverywhereAction", input: userIdSchema },
  async ({ id }, { user, meta }) => {
    const result = await refusedAsInput(() => signOutUserEverywhere(id, user, meta));
    revalidatePath(USERS_PATH);
    return result;
  },
);

/** The user panel's Change password: any signed-in local user, for themselves only. */
export const changePasswordAction = userAction(
  { name: "changePasswordAction", input: changePasswordSchema, invalidMessage: "Check the highlighted fields." },
  async ({ current, next }, { user, sessionId, meta }) => {
    const result = await changeOwnPassword(user, sessionId, { current, next }, meta);
    if (result.ok) return ok({ sessionsEnded: result.sessionsEnded });
    return fail("invalid_input", result.message, result.field ? { [result.field]: result.message } : undefined);
  },
);
