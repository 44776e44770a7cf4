// A second process writing audit events (the chain tests on SQLite: writers of one process meet at its
// client's transaction queue, so only another process shows that they also meet at the database's lock).
// Run: node --conditions=react-server --import tsx lib/testing/record-audit-events.ts <count> <prefix>
import { recordAuditEvent } from "../audit/record";
import { db, disconnectDb } from "../db/db";

const count = Number(process.argv[2] ?? 10);
const prefix = process.argv[3] ?? "process";
for (let i = 0; i < count; i++) {
  await db().$transaction(async (tx) => {
    await tx.session.updateMany({ where: { id: `none-${i}` }, data: { revokedAt: new Date() } });
    await recordAuditEvent({ actorType: "user", actorName: `${prefix}${i}`, action: "auth.sign_out", outcome: "success" }, tx);
  });
}
await disconnectDb();
