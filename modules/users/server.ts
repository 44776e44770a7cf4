// @console/server/users: Settings > Users' data layer and the user panel's Change password.
import "server-only";

export { UserInputError } from "@/lib/auth/users";
export { changeOwnPassword, type ChangePasswordResult } from "./change-password";
export {
  addLocalUser,
  changeUserRole,
  listUserRows,
  resetUserPassword,
  setUserDisabled,
  signOutUserEverywhere,
  type UserRow,
} from "./users";
