import "server-only";

export const ROLES = ["ADMIN", "VIEWER"] as const;
export type Role = (typeof ROLES)[number];

/** The signed-in person as pages and actions see them. Never carries the password hash. */
export type SessionUser = { id: string; username: string; displayName: string; role: Role };

/** A user row's public part; any role but ADMIN reads as VIEWER, the safe side. */
export function toSessionUser(row: { id: string; username: string; displayName: string; role: string }): SessionUser {
  return { id: row.id, username: row.username, displayName: row.displayName, role: row.role === "ADMIN" ? "ADMIN" : "VIEWER" };
}
