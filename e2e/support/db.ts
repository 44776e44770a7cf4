// Reads the console's SQLite file directly, to check what the console stored (and what it did not).
import Database from "better-sqlite3";
import { e2eEnv } from "./env";

export function queryDatabase<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(e2eEnv().databaseFile, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

export type AuditRow = { action: string; outcome: string; actorName: string | null; ip: string | null; userAgent: string | null };

/** Audit events about one username, oldest first. */
export function auditEventsOf(username: string): AuditRow[] {
  return queryDatabase<AuditRow>(
    `SELECT action, outcome, actorName, ip, userAgent FROM audit_events WHERE actorName = ? ORDER BY rowid`,
    username,
  );
}
