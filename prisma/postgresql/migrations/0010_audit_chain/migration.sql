-- The audit hash chain (lib/audit/chain.ts): every event gets its place in the chain (seq: 1, 2, 3… in
-- commit order), the hash of the event before it (prevHash) and its own hash. Existing events are
-- numbered here by (createdAt, id); their hashes are computed once by the console at its next start
-- (sealLegacyAuditEvents), as on SQLite, so one piece of code defines the hash.
ALTER TABLE "audit_events" ADD COLUMN "seq" BIGINT;
ALTER TABLE "audit_events" ADD COLUMN "prevHash" TEXT;
ALTER TABLE "audit_events" ADD COLUMN "hash" TEXT;
UPDATE "audit_events" AS e SET "seq" = r.n
FROM (SELECT "id", ROW_NUMBER() OVER (ORDER BY "createdAt", "id") AS n FROM "audit_events") AS r
WHERE r."id" = e."id";
ALTER TABLE "audit_events" ALTER COLUMN "seq" SET NOT NULL;
CREATE UNIQUE INDEX "audit_events_seq_key" ON "audit_events"("seq");

-- One row: the chain's last seq, its hash (NULL until the first event is hashed) and its time (event
-- times never go backwards along the chain). Every audit write updates it first, which serialises
-- writers through this row's lock until they commit.
CREATE TABLE "audit_chain_head" (
    "id" INTEGER NOT NULL,
    "seq" BIGINT NOT NULL,
    "hash" TEXT,
    "lastAt" TIMESTAMP(3),

    CONSTRAINT "audit_chain_head_pkey" PRIMARY KEY ("id")
);
INSERT INTO "audit_chain_head" ("id", "seq", "hash", "lastAt")
SELECT 1, COALESCE(MAX("seq"), 0), NULL, MAX("createdAt") FROM "audit_events";
