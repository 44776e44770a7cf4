// What the Users page's forms send, shared by the forms and the actions. The username's own rule is the
// core's (normalizeUsername), checked by the server, so it is written once.
import { z } from "zod";

export const USER_ROLE_LABELS = { ADMIN: "Administrator", VIEWER: "Viewer" } as const;
export const USER_SOURCE_LABELS = { LOCAL: "Local", LDAP: "LDAP", OIDC: "OIDC" } as const;

const role = z.enum(["ADMIN", "VIEWER"], { error: "Choose a role." });

export const addUserSchema = z.object({
  username: z.string().trim().min(1, "Enter a username."),
  displayName: z.string().trim().max(100, "Names must be at most 100 characters long."),
  role,
});
export type AddUserValues = z.input<typeof addUserSchema>;

export const userIdSchema = z.object({ id: z.string().min(1).max(64) });

export const changeRoleSchema = userIdSchema.extend({ role });

export const changePasswordSchema = z
  .object({
    current: z.string().min(1, "Enter your current password."),
    // Its length rule is the core's (passwordProblem), checked by the server.
    next: z.string().min(1, "Enter a new password."),
    confirm: z.string(),
  })
  .refine((v) => v.next === v.confirm, { path: ["confirm"], error: "The two new passwords differ." });
export type ChangePasswordValues = z.input<typeof changePasswordSchema>;
