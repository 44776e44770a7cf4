-- The audit hash chain (lib/audit/chain.ts): every event gets its place in the chain (seq: 1, 2, 3… in
-- commit order), the hash of the event before it (prevHash) and its own hash. Existing events are
-- numbered here by (createdAt, id); their hashes are computed once by the console at its next start
-- (sealLegacyAuditEvents), since SQLite has no SHA-256 in SQL. SQLite cannot add a NOT NULL column to a
-- filled table, so the table is rebuilt with its indexes.
CREATE TABLE "new_audit_events" (
    "seq" BIGINT NOT NULL,
    "id" TEXT NOT NULL PRIMARY KEY,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorType" TEXT NOT NULL,
    "actorId" TEXT,
    "actorName" TEXT,
    "action" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "targetType" TEXT,
    "targetId" TEXT,
    "ip" TEXT,
    "userAgent" TEXT,
    "details" TEXT,
    "prevHash" TEXT,
    "hash" TEXT
);
INSERT INTO "new_audit_events" ("seq", "id", "createdAt", "actorType", "actorId", "actorName", "action", "outcome", "targetType", "targetId", "ip", "userAgent", "details")
SELECT ROW_NUMBER() OVER (ORDER BY "createdAt", "id"), "id", "createdAt", "actorType", "actorId", "actorName", "action", "outcome", "targetType", "targetId", "ip", "userAgent", "details"
FROM "audit_events";
DROP TABLE "audit_events";
ALTER TABLE "new_audit_events" RENAME TO "audit_events";

CREATE UNIQUE INDEX "audit_events_seq_key" ON "audit_events"("seq");
CREATE INDEX "audit_events_createdAt_idx" ON "audit_events"("createdAt");
CREATE INDEX "audit_events_action_actorName_createdAt_idx" ON "audit_events"("action", "actorName", "createdAt");
CREATE INDEX "audit_events_targetId_createdAt_idx" ON "audit_events"("targetId", "createdAt");
CREATE INDEX "audit_events_actorId_createdAt_idx" ON "audit_events"("actorId", "createdAt");
CREATE INDEX "audit_events_actorName_createdAt_idx" ON "audit_events"("actorName", "createdAt");
CREATE INDEX "audit_events_outcome_createdAt_idx" ON "audit_events"("outcome", "createdAt");

-- One row: the chain's last seq, its hash (NULL until the first event is hashed) and its time (event
-- times never go backwards along the chain). Every audit write updates it first, which serialises
-- writers: on SQLite through the one write lock, on PostgreSQL through this row's lock.
CREATE TABLE "audit_chain_head" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "seq" BIGINT NOT NULL,
    "hash" TEXT,
    "lastAt" DATETIME
);
INSERT INTO "audit_chain_head" ("id", "seq", "hash", "lastAt")
SELECT 1, COALESCE(MAX("seq"), 0), NULL, MAX("createdAt") FROM "audit_events";
