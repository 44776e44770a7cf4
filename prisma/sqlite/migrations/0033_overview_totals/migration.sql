-- What the Overview reads at any fleet size without adding up every token's usage: each token's requests
-- over the last 30 days (today included) beside its 7-day total, for the busiest tokens off an index, and
-- all tokens' requests per day and outcome, for its chart. modules/usage/store.ts keeps both; they are
-- filled here from the usage already counted.
ALTER TABLE "service_tokens" ADD COLUMN "requests30d" BIGINT NOT NULL DEFAULT 0;

UPDATE "service_tokens" SET "requests30d" =
  COALESCE((SELECT SUM(d."requests") FROM "token_usage_days" d
    WHERE d."tokenId" = "service_tokens"."id" AND d."day" >= CAST(strftime('%s', 'now') AS INTEGER) / 86400 - 29), 0)
  + COALESCE((SELECT SUM(h."requests") FROM "token_usage_hours" h
    WHERE h."tokenId" = "service_tokens"."id" AND h."hour" >= (CAST(strftime('%s', 'now') AS INTEGER) / 86400 - 29) * 24), 0)
WHERE "id" IN (SELECT "tokenId" FROM "token_usage_days" UNION SELECT "tokenId" FROM "token_usage_hours");

CREATE INDEX "service_tokens_requests30d_publicId_idx" ON "service_tokens"("requests30d", "publicId");

CREATE TABLE "usage_day_totals" (
    "day" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "requests" BIGINT NOT NULL,

    PRIMARY KEY ("day", "outcome")
);

INSERT INTO "usage_day_totals" ("day", "outcome", "requests")
SELECT "day", "outcome", SUM("requests") FROM (
  SELECT "day", "outcome", "requests" FROM "token_usage_days"
  UNION ALL SELECT "hour" / 24 AS "day", "outcome", "requests" FROM "token_usage_hours"
) u GROUP BY "day", "outcome";

-- Statistics for the new index, as for the others (migration 0006): most tokens share a total of 0.
-- sqlite_stat1 exists since migration 0006 (its ANALYZE); should it not, analysing the small job_leases
-- table creates it without touching the hand-set statistics of service_tokens.
ANALYZE "job_leases";
DELETE FROM "sqlite_stat1" WHERE "tbl" = 'job_leases';
INSERT INTO "sqlite_stat1" ("tbl", "idx", "stat") VALUES
  ('service_tokens', 'service_tokens_requests30d_publicId_idx', '10000 1000 1');
