// The one rule that turns a directory user's groups into a role, for LDAP and OpenID Connect alike: the
// Administrators group first, then the Viewers group; in neither, no role (sign-in refused).
import type { Role } from "@/lib/auth/users";

export type GroupMapping = { adminGroup: string | null; viewerGroup: string | null };

export function roleFromGroups(groups: readonly string[], mapping: GroupMapping): Role | null {
  if (mapping.adminGroup && groups.includes(mapping.adminGroup)) return "ADMIN";
  if (mapping.viewerGroup && groups.includes(mapping.viewerGroup)) return "VIEWER";
  return null;
}
