// What other features may use of Users: the user panel's Change password.
export { changePasswordAction } from "./actions";
export { changePasswordSchema, type ChangePasswordValues } from "./shared/user-schema";
