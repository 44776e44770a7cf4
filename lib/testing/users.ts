// Test users with unique names, so tests never collide with each other or with earlier runs, and a
// cleanup that removes them with the audit events they caused.
import { randomBytes } from "node:crypto";
import { db } from "../db/db";
import { createUser, type Role, type SessionUser } from "../auth/users";

export const TEST_PASSWORD = "correct horse battery staple";

export function uniqueUsername(prefix = "user"): string {
  return `${prefix}-${randomBytes(5).toString("hex")}`;
}

export function testUsers() {
  const created = new Set<string>();
  /** Remembers a username for cleanup, also one a test creates by other means (the CLI, a failure). */
  const track = (username: string): string => {
    created.add(username.toLowerCase());
    return username;
  };
  return {
    track,
    async create(role: Role = "VIEWER", options: { prefix?: string; displayName?: string } = {}): Promise<SessionUser> {
      const username = track(uniqueUsername(options.prefix));
      return createUser({ username, role, password: TEST_PASSWORD, displayName: options.displayName });
    },
    async cleanup(): Promise<void> {
      const usernames = [...created];
      created.clear();
      await db().auditEvent.deleteMany({ where: { actorName: { in: usernames } } });
      await db().user.deleteMany({ where: { username: { in: usernames } } });
    },
  };
}
