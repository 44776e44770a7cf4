-- "Only over the policy" from the index alone: a token's lifetime becomes a stored value on SQLite too.
-- Migration 0053's column was VIRTUAL (ALTER TABLE cannot add a STORED one), and SQLite reads the table
-- row for every index entry of a virtual column, so the count of a tightened policy's half of the fleet
-- read that many rows. A rebuild of "service_tokens" with a STORED column would have to drop the table,
-- which with foreign keys on (the migrations run in one transaction, where they cannot be turned off)
-- deletes the rows of its child tables or is refused by them; so the column is a plain one kept by the
-- triggers below. Nothing else writes it (Prisma's models do not name it).
DROP INDEX "service_tokens_revokedAt_type_lifetimeMs_expiresAt_publicId_idx";
ALTER TABLE "service_tokens" DROP COLUMN "lifetimeMs";
ALTER TABLE "service_tokens" ADD COLUMN "lifetimeMs" INTEGER;

-- The lifetime (expiry − creation in milliseconds, lib/tokens/policy.ts) is written here only: whenever
-- the creation, the expiry (a rotation shortens the old token's) or the column itself is written.
CREATE TRIGGER "service_tokens_lifetime_update" AFTER UPDATE OF "createdAt", "expiresAt", "lifetimeMs" ON "service_tokens" BEGIN
  UPDATE "service_tokens"
    SET "lifetimeMs" = CAST(round((unixepoch(NEW."expiresAt", 'subsec') - unixepoch(NEW."createdAt", 'subsec')) * 1000) AS INTEGER)
    WHERE "rowid" = NEW."rowid";
END;

-- A new token: writing the column fires the trigger above (a trigger never fires itself again, as
-- recursive_triggers is off, so that trigger's own write ends there).
CREATE TRIGGER "service_tokens_lifetime_insert" AFTER INSERT ON "service_tokens" BEGIN
  UPDATE "service_tokens" SET "lifetimeMs" = NULL WHERE "rowid" = NEW."rowid";
END;

-- The tokens already stored, through the same trigger.
UPDATE "service_tokens" SET "lifetimeMs" = NULL;

CREATE INDEX "service_tokens_revokedAt_type_lifetimeMs_expiresAt_publicId_idx" ON "service_tokens"("revokedAt", "type", "lifetimeMs", "expiresAt", "publicId");

-- DROP INDEX removed the index's statistics (migration 0053's); the same again.
INSERT INTO "sqlite_stat1" ("tbl", "idx", "stat") VALUES
  ('service_tokens', 'service_tokens_revokedAt_type_lifetimeMs_expiresAt_publicId_idx', '10000 5000 2500 1 1 1');
