// @console/server/auth: sign-in through next-auth, for its route handler.
import "server-only";

export { getAuthOptions } from "./sign-in/next-auth-options";
