-- "Only over the policy" off an index: a token's whole life (creation or rotation to expiry) in
-- milliseconds, the quantity the Token Policy limits (lib/tokens/policy.ts, lifetimeMs). A generated
-- column: SQLite computes it on every write (creation, rotation shortening the old token, any future
-- path) and for the rows already stored, so no write path can forget it. Virtual, as ALTER TABLE
-- allows; the index below stores its values.
ALTER TABLE "service_tokens" ADD COLUMN "lifetimeMs" INTEGER
  GENERATED ALWAYS AS (CAST(round((unixepoch("expiresAt", 'subsec') - unixepoch("createdAt", 'subsec')) * 1000) AS INTEGER)) VIRTUAL;

-- Live tokens of one type over a limit: one range per type, the expiry in the index too so that their
-- count and their IDs read no row.
CREATE INDEX "service_tokens_revokedAt_type_lifetimeMs_expiresAt_publicId_idx" ON "service_tokens"("revokedAt", "type", "lifetimeMs", "expiresAt", "publicId");

-- Statistics as migration 0006 writes them for the other indexes (two types; lifetimes to the millisecond),
-- so that the planner's other choices stay as they were.
ANALYZE "job_leases";
DELETE FROM "sqlite_stat1" WHERE "tbl" = 'job_leases';
INSERT INTO "sqlite_stat1" ("tbl", "idx", "stat") VALUES
  ('service_tokens', 'service_tokens_revokedAt_type_lifetimeMs_expiresAt_publicId_idx', '10000 5000 2500 1 1 1');
