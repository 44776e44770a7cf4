-- Each token's API requests over the last 7 days (today included), stored so the list sorts by it off an
-- index (modules/usage/store.ts keeps it), filled here from the usage already counted.
ALTER TABLE "service_tokens" ADD COLUMN "requests7d" BIGINT NOT NULL DEFAULT 0;

UPDATE "service_tokens" SET "requests7d" =
  COALESCE((SELECT SUM(d."requests") FROM "token_usage_days" d
    WHERE d."tokenId" = "service_tokens"."id" AND d."day" >= CAST(strftime('%s', 'now') AS INTEGER) / 86400 - 6), 0)
  + COALESCE((SELECT SUM(h."requests") FROM "token_usage_hours" h
    WHERE h."tokenId" = "service_tokens"."id" AND h."hour" >= (CAST(strftime('%s', 'now') AS INTEGER) / 86400 - 6) * 24), 0)
WHERE "id" IN (SELECT "tokenId" FROM "token_usage_days" UNION SELECT "tokenId" FROM "token_usage_hours");

CREATE INDEX "service_tokens_requests7d_publicId_idx" ON "service_tokens"("requests7d", "publicId");
CREATE INDEX "service_tokens_revokedAt_requests7d_publicId_idx" ON "service_tokens"("revokedAt", "requests7d", "publicId");

-- Statistics for the new indexes as migration 0006 writes them for the others (a fleet where most tokens
-- have no requests: many rows share a total), so the planner's other choices stay as they were: without
-- them it takes the new (revokedAt, requests7d) index for every page and sorts.
-- sqlite_stat1 exists since migration 0006 (its ANALYZE); should it not, analysing the small job_leases
-- table creates it without touching the hand-set statistics of service_tokens.
ANALYZE "job_leases";
DELETE FROM "sqlite_stat1" WHERE "tbl" = 'job_leases';
INSERT INTO "sqlite_stat1" ("tbl", "idx", "stat") VALUES
  ('service_tokens', 'service_tokens_requests7d_publicId_idx', '10000 1000 1'),
  ('service_tokens', 'service_tokens_revokedAt_requests7d_publicId_idx', '10000 5000 1000 1');
